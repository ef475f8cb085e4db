import { useQuery } from '@tanstack/react-query';
import { call } from './invoke';

/**
 * A person's own record (shared/contract/own-record.ts). Each fetch of the summary is an audit event
 * (who prepared whose summary, with or without notes), so it is fetched once per screen visit and
 * choice of notes: no refetch on focus, nothing kept after the screen closes.
 */
export const recordKeys = {
  summary: (personId: number, withNotes: boolean) => ['records', 'summary', personId, withNotes] as const,
};

export function usePersonSummary(personId: number, includeClinicalNotes: boolean) {
  return useQuery({
    queryKey: recordKeys.summary(personId, includeClinicalNotes),
    queryFn: () => call('records.personSummary', { personId, includeClinicalNotes }),
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: false,
  });
}
