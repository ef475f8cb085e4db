import { useInfiniteQuery } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import { call } from './invoke';
import { useApiMutation } from './queries';

export type AuditFilter = Pick<InputOf<'audit.list'>, 'personId' | 'staffId' | 'action' | 'from' | 'to'>;

const PAGE = 50;

/** Newest first, fifty at a time; "Show older entries" asks for the next page. Cached under 'audit'. */
export function useAuditEntries(filter: AuditFilter, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['audit', 'list', filter],
    queryFn: ({ pageParam }) => call('audit.list', { ...filter, before: pageParam, limit: PAGE }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    enabled,
    // The trail only grows; reading it again on every visit shows what happened since.
    staleTime: 0,
  });
}

export function useVerifyChain() {
  return useApiMutation('audit.verify', { gcTime: 0 });
}
