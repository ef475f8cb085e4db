import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Events } from '../../../../shared/contract';
import { getBridge } from '../../api/bridge';
import { call } from '../../api/invoke';
import { useApiMutation } from '../../api/queries';

/** Cached under one key, so `queryClient.clear()` at a lock drops them with everything else. */
export const staffKeys = {
  all: ['staffAccounts'] as const,
};

export function useStaffAccounts(enabled = true) {
  return useQuery({ queryKey: staffKeys.all, queryFn: () => call('users.list', {}), enabled });
}

/** An account change, after which the list (and the contact form's staff names) are read again. */
export function useStaffChange<K extends 'users.create' | 'users.update' | 'users.setDisabled' | 'users.resetPassword'>(name: K) {
  const queryClient = useQueryClient();
  return useApiMutation(name, {
    // A temporary password in the answer must not stay in the mutation cache once the dialog is closed.
    gcTime: 0,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.all });
    },
  });
}

export type RotationProgress = Events['vault.rotation'];

/** The latest stage of a key change while one runs; null otherwise. */
export function useRotationProgress(): RotationProgress | null {
  const [progress, setProgress] = useState<RotationProgress | null>(null);
  useEffect(() => getBridge().subscribe('vault.rotation', (p) => setProgress(p.stage === 'done' ? null : p)), []);
  return progress;
}
