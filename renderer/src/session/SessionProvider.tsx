import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useRef, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { SessionInfo } from '../../../shared/contract';
import { getBridge } from '../api/bridge';
import { appErrorOf, call, invoke, onNotSignedIn } from '../api/invoke';
import { queryKeys } from '../api/queries';
import { clearRoute, currentRoute, navigate } from '../app/hash-route';
import { cancelDraftSaves, flushDraftSaves } from '../app/drafts/pending-saves';
import { gateReducer, initialGate, routeAfterSignIn, type Gate } from './gate';
import { scrubPageOutsideRoot } from './scrub-page';

/** Main's idle timer only needs to hear that someone is there now and then, not on every key. */
const TOUCH_EVERY_MS = 30_000;

export interface SessionControls {
  gate: Gate;
  signedIn(info: SessionInfo): void;
  passwordChanged(info: SessionInfo): void;
  lock(): void;
  signOut(): void;
  /** Lock for the next person: the sign-in screen comes up empty, and nothing of this session is kept. */
  switchUser(): void;
  retry(): void;
}

const SessionContext = createContext<SessionControls | null>(null);

export function useSession(): SessionControls {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession is used outside SessionProvider.');
  return value;
}

export function isLockShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'key'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l';
}

/**
 * Owns what the window may show. A lock (ours, main's idle timer, or any NOT_SIGNED_IN answer) drops
 * every cached record, unmounts every screen that held one, and keeps only the route and the user id.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [gate, dispatch] = useReducer(gateReducer, initialGate);
  const gateRef = useRef<Gate>(gate);
  useEffect(() => {
    gateRef.current = gate;
  }, [gate]);

  const forget = useCallback(
    (how: 'locked' | 'signedOut') => {
      const kind = gateRef.current.kind;
      // Before a vault exists nothing is cached but the first-run recovery code, which must survive.
      if (kind === 'firstRun' || kind === 'starting') return;
      // Typing still waiting for its timer is dropped: the session is closing (our own lock sent it first).
      cancelDraftSaves();
      // Committed at once, so React has unmounted its portals (an open dialog) before the scrub below
      // removes what is left outside #root; scrubbing first left React removing nodes already gone.
      flushSync(() => dispatch(how === 'locked' ? { type: 'locked', route: currentRoute() } : { type: 'signedOut' }));
      queryClient.clear();
      scrubPageOutsideRoot();
      clearRoute();
    },
    [queryClient],
  );

  // The last keys typed reach the vault as unsaved work before the session closes; the screen is
  // cleared at once all the same.
  const lock = useCallback(() => {
    const kept = flushDraftSaves();
    forget('locked');
    void kept.then(() => invoke('session.lock', {}));
  }, [forget]);

  const signOut = useCallback(() => {
    const kept = flushDraftSaves();
    forget('signedOut');
    void kept.then(() => invoke('session.signOut', {}));
  }, [forget]);

  const switchUser = useCallback(() => {
    const kept = flushDraftSaves();
    forget('signedOut');
    void kept.then(() => invoke('session.switchUser', {}));
  }, [forget]);

  const signedIn = useCallback(
    (info: SessionInfo) => {
      const route = routeAfterSignIn(gateRef.current, info.user.id);
      queryClient.removeQueries({ queryKey: ['setup'] });
      queryClient.setQueryData(queryKeys.session, info);
      dispatch({ type: 'signedIn', userId: info.user.id, mustChangePassword: info.mustChangePassword });
      navigate(route);
    },
    [queryClient],
  );

  const passwordChanged = useCallback(
    (info: SessionInfo) => {
      queryClient.setQueryData(queryKeys.session, info);
      dispatch({ type: 'passwordChanged' });
    },
    [queryClient],
  );

  const retry = useCallback(() => dispatch({ type: 'retry' }), []);

  // Start-up: is there a vault, and is someone already signed in (a reload while unlocked)?
  useEffect(() => {
    if (gate.kind !== 'starting') return;
    let cancelled = false;
    queryClient
      .fetchQuery({ queryKey: ['session', 'state'], queryFn: () => call('session.state', {}), staleTime: 0, gcTime: 0 })
      .then((state) => {
        if (cancelled) return;
        if (state.session) queryClient.setQueryData(queryKeys.session, state.session);
        dispatch({
          type: 'started',
          vaultExists: state.vaultExists,
          session: state.session ? { userId: state.session.user.id, mustChangePassword: state.session.mustChangePassword } : null,
        });
      })
      .catch((e: unknown) => {
        if (!cancelled) dispatch({ type: 'unavailable', problem: appErrorOf(e) });
      });
    return () => {
      cancelled = true;
    };
  }, [gate.kind, queryClient]);

  useEffect(
    // Switching user forgets even where the last person was: the next one starts from the plain sign-in screen.
    () => getBridge().subscribe('session.locked', ({ reason }) => forget(reason === 'signedOut' || reason === 'switchUser' ? 'signedOut' : 'locked')),
    [forget],
  );
  useEffect(() => onNotSignedIn(() => forget('locked')), [forget]);

  // While signed in: Ctrl/Cmd+L locks from anywhere, and activity keeps main's idle timer from locking.
  const isOpen = gate.kind === 'open';
  useEffect(() => {
    if (!isOpen) return;
    let lastTouch = Date.now();
    const activity = () => {
      const now = Date.now();
      if (now - lastTouch < TOUCH_EVERY_MS) return;
      lastTouch = now;
      void invoke('session.touch', {});
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (isLockShortcut(e)) {
        e.preventDefault();
        e.stopPropagation();
        lock();
        return;
      }
      activity();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('pointerdown', activity, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('pointerdown', activity, true);
    };
  }, [isOpen, lock]);

  const value = useMemo(
    () => ({ gate, signedIn, passwordChanged, lock, signOut, switchUser, retry }),
    [gate, signedIn, passwordChanged, lock, signOut, switchUser, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
