import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ImportProgress } from '../../../shared/contract';
import { getBridge } from './bridge';
import { invoke } from './invoke';
import { peopleKeys } from './people-queries';
import { useApiMutation } from './queries';

/** A preview of the chosen file with the chosen columns: every row checked, nothing written. */
export const useImportPreview = () => useApiMutation('import.preview');

/** The import itself; afterwards the people lists are read again, so the new people show. */
export function useImportRun() {
  const queryClient = useQueryClient();
  return useApiMutation('import.run', { onSettled: () => void queryClient.invalidateQueries({ queryKey: peopleKeys.all }) });
}

/** Stops the preview or import in progress (a run is rolled back by core: nothing written). */
export const cancelImport = () => invoke('import.cancel', {});

/** The latest progress of a preview or run, while one runs; null otherwise (cleared with `reset`). */
export function useImportProgress(): { progress: ImportProgress | null; reset: () => void } {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const newest = useRef(0);
  useEffect(
    () =>
      getBridge().subscribe('import.progress', (p) => {
        // A preview stopped by the next one may still say it stopped: only the newest operation moves the bar.
        if (p.id < newest.current) return;
        newest.current = p.id;
        setProgress(p.phase === 'done' || p.phase === 'cancelled' ? null : p);
      }),
    [],
  );
  return { progress, reset: () => setProgress(null) };
}

/** The file's bytes as base64, as the contract carries them (core never opens a path the window names). */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(file);
  });
}
