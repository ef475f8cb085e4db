import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { InputOf, OutputOf } from '../../../shared/contract';
import { call, type ApiError } from './invoke';

/**
 * Funder reports. Under the 'continuity' prefix on purpose: a new contact or entry refreshes every
 * view that counts contacts, these included, and a lock drops them with everything else.
 */
export const reportKeys = {
  figures: (scope: InputOf<'reports.figures'>) => ['continuity', 'reports', 'figures', scope] as const,
  overdose: (period: { from: string; to: string }) => ['continuity', 'reports', 'overdose', period] as const,
};

export function useReportFigures(scope: InputOf<'reports.figures'> | null) {
  return useQuery({
    queryKey: reportKeys.figures(scope ?? { from: '', to: '' }),
    queryFn: () => call('reports.figures', scope!),
    enabled: scope !== null,
    placeholderData: keepPreviousData,
  });
}

/** Only asked by clinical roles: the channel refuses the front desk. */
export function useOverdoseFigures(period: { from: string; to: string } | null, enabled: boolean) {
  return useQuery({
    queryKey: reportKeys.overdose(period ?? { from: '', to: '' }),
    queryFn: () => call('reports.overdoseResponses', period!),
    enabled: enabled && period !== null,
    placeholderData: keepPreviousData,
  });
}

export function useExportTemplate() {
  return useMutation<OutputOf<'reports.exportTemplate'>, ApiError, InputOf<'reports.exportTemplate'>>({ mutationFn: (input) => call('reports.exportTemplate', input) });
}

export function useExportLineList() {
  return useMutation<OutputOf<'reports.exportLineList'>, ApiError, InputOf<'reports.exportLineList'>>({ mutationFn: (input) => call('reports.exportLineList', input) });
}
