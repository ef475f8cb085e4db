import { useMutation, useQuery, type UseMutationOptions } from '@tanstack/react-query';
import type { ChannelName, InputOf, OutputOf } from '../../../shared/contract';
import i18n from '../i18n/i18n';
import { ApiError, call, reportNotSignedIn } from './invoke';

/** Every cached record lives under one of these keys, and `queryClient.clear()` drops them all at a lock. */
export const queryKeys = {
  session: ['session', 'current'] as const,
  settings: ['settings'] as const,
  recoveryCode: ['setup', 'recoveryCode'] as const,
};

/** The signed-in person and the clinic settings, put in the cache by sign-in and read by the shell. */
export function useSessionInfo() {
  return useQuery({
    queryKey: queryKeys.session,
    queryFn: async () => {
      const state = await call('session.state', {});
      if (!state.session) {
        reportNotSignedIn();
        throw new ApiError({ code: 'NOT_SIGNED_IN', message: i18n.t('errors.notSignedIn') });
      }
      return state.session;
    },
    staleTime: Infinity,
  });
}

export function useClinicSettings(enabled = true) {
  return useQuery({ queryKey: queryKeys.settings, queryFn: () => call('settings.get', {}), enabled });
}

/**
 * The first-run recovery code. Asking again would make a new code and void one already printed,
 * so it is fetched once and kept until setup finishes or the wizard is left.
 */
export function useRecoveryCode() {
  return useQuery({
    queryKey: queryKeys.recoveryCode,
    queryFn: () => call('setup.recoveryCode', {}),
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useApiMutation<K extends ChannelName>(
  name: K,
  options: Omit<UseMutationOptions<OutputOf<K>, ApiError, InputOf<K>>, 'mutationFn'> = {},
) {
  return useMutation<OutputOf<K>, ApiError, InputOf<K>>({ mutationFn: (input) => call(name, input), ...options });
}
