import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { HubState } from '../../../shared/contract/hub';
import { call, invoke } from './invoke';

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
  // Asked again whenever a screen that shows it opens (it is this computer's own answer, cheap): moving
  // the records onto a hub ends the session, and the sign-in screen that follows must say so at once.
  return useQuery({ queryKey: hubKeys.state, queryFn: () => call('hub.state', {}), staleTime: 0, retry: false });
}

/**
 * The same, asked once by the screen that opens, outside the cache: a sign-in screen opens in the same
 * moment the cache of the session that ended is emptied, which would cut its own question short (and
 * leave an answer from before, when moving the records onto a hub is what ended the session).
 */
export function useHubStateAsOpened(): HubState | undefined {
  const cached = useHubState().data;
  const [fresh, setFresh] = useState<HubState>();
  useEffect(() => {
    let live = true;
    void invoke('hub.state', {}).then((r) => {
      if (live && r.ok) setFresh(r.value);
    });
    return () => {
      live = false;
    };
  }, []);
  return fresh ?? cached;
}
