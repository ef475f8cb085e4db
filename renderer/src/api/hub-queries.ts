import { useQuery } from '@tanstack/react-query';
import { call } from './invoke';

export const hubKeys = {
  /** Where this computer's records are: answered before signing in too. */
  state: ['hub', 'state'] as const,
};

/**
 * Where this computer's records are: its own encrypted file, or the clinic's hub (and whether the
 * hub's server runs here, with what protects its disk). It changes only when this computer joins or
 * becomes the hub, which set it in the cache themselves.
 */
export function useHubState() {
  return useQuery({ queryKey: hubKeys.state, queryFn: () => call('hub.state', {}), staleTime: Infinity, retry: false });
}
