import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Contact, InputOf, Phase } from '../../../shared/contract';
import { call } from './invoke';

/** How many people one `people.list` call brings; the list asks for more as it is scrolled. */
export const PEOPLE_PAGE_SIZE = 200;

type Sort = NonNullable<InputOf<'people.list'>['sort']>;
export interface PeopleListParams {
  sort: Sort;
  phase: Phase | null;
  removed: boolean;
}

/**
 * Keys for the relationship record. All sit in the one query cache, so a lock's `queryClient.clear()`
 * drops every one of them with the rest.
 */
export const peopleKeys = {
  all: ['people'] as const,
  list: (p: PeopleListParams) => ['people', 'list', p] as const,
  search: (query: string, limit: number) => ['people', 'search', query, limit] as const,
  page: (id: number) => ['people', 'page', id] as const,
  older: (id: number) => ['people', 'page', id, 'older'] as const,
  history: (recordType: HistoryType, id: number) => ['history', recordType, id] as const,
  catalog: (includeInactive: boolean) => ['catalog', includeInactive] as const,
};

export type HistoryType = InputOf<'history.get'>['recordType'];

export function usePeopleList(params: PeopleListParams) {
  return useInfiniteQuery({
    queryKey: peopleKeys.list(params),
    queryFn: ({ pageParam }) => call('people.list', { ...params, offset: pageParam, limit: PEOPLE_PAGE_SIZE }),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.items.length, 0);
      return loaded < last.total && last.items.length > 0 ? loaded : undefined;
    },
    placeholderData: keepPreviousData,
  });
}

/** `query` is already debounced by the caller; an empty query asks nothing. */
export function usePeopleSearch(query: string, limit = 20) {
  const q = query.trim();
  return useQuery({
    queryKey: peopleKeys.search(q, limit),
    queryFn: () => call('people.search', { query: q, limit }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
}

export function usePersonPage(id: number) {
  return useQuery({ queryKey: peopleKeys.page(id), queryFn: () => call('people.get', { id }) });
}

/** Contact history beyond the latest page of `people.get`, page by page, newest first. */
export function useOlderContacts(personId: number, after: Contact | undefined, enabled: boolean) {
  return useInfiniteQuery({
    // Keyed by where the first page ends, so a new contact (which shifts that page) starts afresh.
    queryKey: [...peopleKeys.older(personId), after?.id ?? 0],
    queryFn: ({ pageParam }) => call('contacts.list', { personId, before: pageParam, limit: 100 }),
    initialPageParam: after ? { occurredAt: after.occurredAt, id: after.id } : null,
    getNextPageParam: (last) => {
      const tail = last[last.length - 1];
      return last.length === 100 && tail ? { occurredAt: tail.occurredAt, id: tail.id } : undefined;
    },
    enabled: enabled && after !== undefined,
  });
}

export function useHistory(recordType: HistoryType, id: number, enabled: boolean) {
  return useQuery({ queryKey: peopleKeys.history(recordType, id), queryFn: () => call('history.get', { recordType, id }), enabled });
}

export function useCatalog(includeInactive = false) {
  return useQuery({ queryKey: peopleKeys.catalog(includeInactive), queryFn: () => call('catalog.list', { includeInactive }), staleTime: 5 * 60_000 });
}

/** Cached answers that a change to the record never alters (staff: api/staff-queries.ts). */
const UNAFFECTED = new Set<unknown>(['session', 'settings', 'setup', 'catalog', 'staff']);

/**
 * After any change to a person, a contact or an entry: lists, pages, histories, and whatever else is
 * built from contacts (timelines, the home screen) may show it. Only what is on screen is asked again.
 */
export function useRecordsChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.invalidateQueries({ predicate: (q) => !UNAFFECTED.has(q.queryKey[0]) }),
    [queryClient],
  );
}

export function useCatalogChanged() {
  const queryClient = useQueryClient();
  return useCallback(() => queryClient.invalidateQueries({ queryKey: ['catalog'] }), [queryClient]);
}
