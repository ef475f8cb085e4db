import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Draft, DraftForm, DraftSummary } from '../../../shared/contract/drafts';
import type { EntryKind } from '../../../shared/contract';
import { call, type ApiError } from './invoke';

/**
 * Unsaved work the signed-in staff member left in a form (shared/contract/drafts.ts). The list is
 * cached like any record (a lock's `queryClient.clear()` drops it); a form's own draft is asked for
 * once, when the form opens, and kept only in that form's state, which a lock unmounts.
 */
export const draftKeys = {
  all: ['drafts'] as const,
  list: ['drafts', 'list'] as const,
};

/** One key per form instance (core's pattern `^[a-z_]+(:[a-z0-9_]+)*$`). */
export const draftKey = {
  contactNew: (personId: number) => `contact:new:${personId}`,
  contactEdit: (contactId: number) => `contact:edit:${contactId}`,
  entryNew: (kind: EntryKind, personId: number) => `entry:${kind}:${personId}`,
  entryEdit: (entryId: number) => `entry:edit:${entryId}`,
  personNew: () => 'person:new',
  personEdit: (personId: number) => `person:edit:${personId}`,
  outreach: (personId: number) => `outreach:${personId}`,
};

export interface DraftTarget {
  key: string;
  form: DraftForm;
  entryKind: EntryKind | null;
  personId: number | null;
}

/** This staff member's unsaved work, newest first (no field values). */
export function useDraftList(enabled = true) {
  return useQuery({ queryKey: draftKeys.list, queryFn: () => call('drafts.list', {}), enabled });
}

export function fetchDraft(key: string): Promise<Draft | null> {
  return call('drafts.get', { key });
}

export function saveDraft(target: DraftTarget, fields: Record<string, unknown>): Promise<{ savedAt: string }> {
  return call('drafts.save', { ...target, fields });
}

/** `saved`: the form itself was saved, so this is not a discard in the audit trail. */
export function discardDraft(key: string, saved = false): Promise<{ discarded: boolean }> {
  return call('drafts.discard', { key, saved });
}

/**
 * The list is read again where it is on screen. After a save (every few seconds while typing) it is
 * only marked stale, so the form's own typing does not make the page ask again and again.
 */
export function useDraftsChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    (how: 'refetch' | 'stale' = 'refetch') =>
      queryClient.invalidateQueries({ queryKey: draftKeys.all, refetchType: how === 'stale' ? 'none' : 'active' }),
    [queryClient],
  );
}

/** Throws one draft away (the person chose Discard), then every list of drafts is read again. */
export function useDiscardDraft() {
  const changed = useDraftsChanged();
  return useMutation<{ discarded: boolean }, ApiError, string>({
    mutationFn: (key) => discardDraft(key),
    onSettled: () => void changed(),
  });
}

export type { Draft, DraftSummary };
