import { useQuery } from '@tanstack/react-query';
import { call } from './invoke';

export const hubKeys = {
  /** Where this computer's records are: answered before signing in too. */
  state: ['hub', 'state'] as const,
};

/**
 * Where this computer's records are: its own encrypted file, or the clinic's hub (and whether the
 * hub's server runs here, with what protects its disk). Joining sets it in the cache, and the first
 * run drops it once setup is done (the answer changes when this computer becomes the hub).
 */
export function useHubState() {
  return useQuery({ queryKey: hubKeys.state, queryFn: () => call('hub.state', {}), staleTime: 60_000, retry: false });
}
