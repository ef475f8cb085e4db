import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InputOf } from '../../../shared/contract';
import { call, type ApiError } from './invoke';
import { useSessionInfo } from './queries';
import { markTimelineDataArrived } from '../screens/continuity/render-marks';

/**
 * Everything here is derived with the clinic's absence threshold and time zone, so both are part of
 * every key: saving either in Settings updates the session, and every view asks again.
 */
function useScope(): [number, string] {
  const settings = useSessionInfo().data?.settings;
  return [settings?.absenceThresholdDays ?? 0, settings?.timeZone ?? ''];
}

/**
 * Continuity data, all under one prefix so an outreach note or a new contact can refresh every view
 * that counts contacts at once. `queryClient.clear()` at a lock drops these with everything else.
 */
export const continuityKeys = {
  all: ['continuity'] as const,
  timeline: (scope: [number, string], personId: number) => ['continuity', 'timeline', ...scope, personId] as const,
  welcomeBack: (scope: [number, string], personId: number, at: string | null) => ['continuity', 'welcomeBack', ...scope, personId, at] as const,
  dashboard: (scope: [number, string]) => ['continuity', 'dashboard', ...scope] as const,
  doors: (scope: [number, string], order: string, offset: number, limit: number) => ['continuity', 'doors', ...scope, order, offset, limit] as const,
  doorPosition: (scope: [number, string], order: string, personId: number) => ['continuity', 'doors', ...scope, order, 'position', personId] as const,
  overview: (scope: [number, string], from: string, to: string) => ['continuity', 'overview', ...scope, from, to] as const,
};

export function useTimeline(personId: number) {
  return useQuery({
    queryKey: continuityKeys.timeline(useScope(), personId),
    queryFn: async () => {
      const value = await call('continuity.timeline', { personId });
      markTimelineDataArrived();
      return value;
    },
  });
}

/** `at` is when the contact being recorded happened (ISO); null means now. */
export function useWelcomeBack(personId: number, at: string | null) {
  return useQuery({
    queryKey: continuityKeys.welcomeBack(useScope(), personId, at),
    queryFn: () => call('continuity.welcomeBack', at ? { personId, at } : { personId }),
    // Editing the time of a contact should not make the cue blink out and back.
    placeholderData: keepPreviousData,
  });
}

export function useDashboard() {
  // Home stays open for hours at a front desk; on a hub the day's contacts come from every workstation.
  return useQuery({ queryKey: continuityKeys.dashboard(useScope()), queryFn: () => call('home.dashboard', {}), refetchInterval: 60_000 });
}

export function useDoors(order: 'recently_away' | 'longest_away', offset: number, limit: number) {
  return useQuery({
    queryKey: continuityKeys.doors(useScope(), order, offset, limit),
    queryFn: () => call('doors.list', { order, offset, limit }),
    placeholderData: keepPreviousData,
  });
}

/**
 * Where one person stands in Door's open in this order (0 is first), or null when their door is not
 * open any more (they have been in since). Read in pages of the largest size the list allows.
 */
export function useDoorPosition(personId: number | null, order: 'recently_away' | 'longest_away') {
  return useQuery({
    queryKey: continuityKeys.doorPosition(useScope(), order, personId ?? 0),
    queryFn: async () => {
      const limit = 500;
      for (let offset = 0; ; offset += limit) {
        const page = await call('doors.list', { order, offset, limit });
        const at = page.items.findIndex((item) => item.person.id === personId);
        if (at >= 0) return offset + at;
        if (offset + limit >= page.total || page.items.length === 0) return null;
      }
    },
    enabled: personId !== null,
  });
}

export function useOverview(period: { from: string; to: string } | null) {
  return useQuery({
    queryKey: continuityKeys.overview(useScope(), period?.from ?? '', period?.to ?? ''),
    queryFn: () => call('overview.period', period!),
    enabled: period !== null,
    placeholderData: keepPreviousData,
  });
}

/** Noting an outreach attempt changes door's open and the home screen, never a timeline. */
export function useRecordOutreach() {
  const queryClient = useQueryClient();
  return useMutation<Awaited<ReturnType<typeof call<'outreach.record'>>>, ApiError, InputOf<'outreach.record'>>({
    mutationFn: (input) => call('outreach.record', input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['continuity', 'doors'] });
      void queryClient.invalidateQueries({ queryKey: ['continuity', 'dashboard'] });
    },
  });
}

export function useExportOverview() {
  return useMutation<{ filename: string; csv: string }, ApiError, { from: string; to: string }>({
    mutationFn: (period) => call('overview.exportCsv', period),
  });
}
