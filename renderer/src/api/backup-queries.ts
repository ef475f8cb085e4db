import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BackupProgress } from '../../../shared/contract';
import { getBridge } from './bridge';
import { call } from './invoke';
import { useApiMutation } from './queries';

/** Cached under one key, so `queryClient.clear()` at a lock drops them with everything else. */
export const backupKeys = {
  all: ['backups'] as const,
  status: ['backups', 'status'] as const,
  list: ['backups', 'list'] as const,
};

export function useBackupStatus(enabled = true) {
  return useQuery({
    queryKey: backupKeys.status,
    queryFn: () => call('backup.status', {}),
    enabled,
    // A drive can be plugged in or out at any time: look again now and then while the screen is open.
    refetchInterval: 30_000,
  });
}

export function useBackupList(enabled = true) {
  return useQuery({ queryKey: backupKeys.list, queryFn: () => call('backup.list', {}), enabled, refetchInterval: 60_000 });
}

/** After any backup action, status and list are read again. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: backupKeys.all });
}

export function useBackupAction<K extends 'backup.create' | 'backup.verify' | 'backup.drill' | 'backup.prune' | 'backup.updateSettings'>(name: K) {
  const refresh = useRefresh();
  return useApiMutation(name, { onSettled: () => void refresh() });
}


/** The latest progress event of a long backup, check, restore or drill; null when none is running. */
export function useBackupProgress(): BackupProgress | null {
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(() => {
    let clearTimer: ReturnType<typeof setTimeout> | null = null;
    const stop = getBridge().subscribe('backup.progress', (p) => {
      if (clearTimer) clearTimeout(clearTimer);
      setProgress(p.phase === 'done' ? null : p);
      // A finished operation may not say "done" if it failed part-way; the bar goes after a quiet spell.
      clearTimer = setTimeout(() => setProgress(null), 15_000);
    });
    return () => {
      stop();
      if (clearTimer) clearTimeout(clearTimer);
    };
  }, []);
  return progress;
}
