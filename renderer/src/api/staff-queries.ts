import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type { Events } from '../../../shared/contract';
import { getBridge } from './bridge';
import { call } from './invoke';
import { useApiMutation } from './queries';

/**
 * Staff, under one prefix: the names every screen shows (the contact form's "with", a person's usual
 * staff member) and the administrator's account list. Any change to staff invalidates the prefix, so
 * no screen shows a name or an account as it was before the change. A lock's `queryClient.clear()`
 * drops them with everything else.
 */
export const staffKeys = {
  all: ['staff'] as const,
  names: ['staff', 'names'] as const,
  accounts: ['staff', 'accounts'] as const,
};

/** Names of staff, for pickers and for "recorded by". Asked again after any change to staff. */
export function useStaff() {
  return useQuery({ queryKey: staffKeys.names, queryFn: () => call('staff.list', {}), staleTime: 5 * 60_000 });
}

export function useStaffAccounts(enabled = true) {
  return useQuery({ queryKey: staffKeys.accounts, queryFn: () => call('users.list', {}), enabled });
}

/** Everything shown about staff is read again. */
export function useStaffChanged() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: staffKeys.all }), [queryClient]);
}

/** An account change, after which every list of staff is read again, whether it worked or not. */
export function useStaffChange<K extends 'users.create' | 'users.update' | 'users.setDisabled' | 'users.resetPassword'>(name: K) {
  const staffChanged = useStaffChanged();
  return useApiMutation(name, {
    // A temporary password in the answer must not stay in the mutation cache once the dialog is closed.
    gcTime: 0,
    onSettled: () => void staffChanged(),
  });
}

export type RotationProgress = Events['vault.rotation'];

/** The latest stage of a key change while one runs; null otherwise. */
export function useRotationProgress(): RotationProgress | null {
  const [progress, setProgress] = useState<RotationProgress | null>(null);
  useEffect(() => getBridge().subscribe('vault.rotation', (p) => setProgress(p.stage === 'done' ? null : p)), []);
  return progress;
}
