import type { AppError } from '../../../shared/result';

/**
 * What the window may show. Deliberately holds no names and no records: only who was signed in (an id)
 * and where they were, so that a lock can forget everything else and the same person can carry on.
 */
export type Gate =
  | { kind: 'starting' }
  /** The refusal itself, so its words follow the language if it changes while this shows. */
  | { kind: 'unavailable'; problem: AppError }
  | { kind: 'firstRun' }
  | { kind: 'signIn' }
  | { kind: 'locked'; resume: { route: string; userId: number } }
  | { kind: 'open'; userId: number; mustChangePassword: boolean };

export type GateEvent =
  | { type: 'started'; vaultExists: boolean; session: { userId: number; mustChangePassword: boolean } | null }
  | { type: 'unavailable'; problem: AppError }
  | { type: 'retry' }
  | { type: 'signedIn'; userId: number; mustChangePassword: boolean }
  | { type: 'locked'; route: string }
  | { type: 'signedOut' }
  | { type: 'passwordChanged' };

export const initialGate: Gate = { kind: 'starting' };

export function gateReducer(gate: Gate, event: GateEvent): Gate {
  switch (event.type) {
    case 'started':
      if (!event.vaultExists) return { kind: 'firstRun' };
      return event.session ? { kind: 'open', ...event.session } : { kind: 'signIn' };
    case 'unavailable':
      return { kind: 'unavailable', problem: event.problem };
    case 'retry':
      return { kind: 'starting' };
    case 'signedIn':
      return { kind: 'open', userId: event.userId, mustChangePassword: event.mustChangePassword };
    case 'locked':
      // A lock only means something while a session is open; a second lock (our own Ctrl+L followed by
      // main's event) must not overwrite where the person was.
      if (gate.kind !== 'open') return gate;
      return { kind: 'locked', resume: { route: gate.mustChangePassword ? '/' : event.route, userId: gate.userId } };
    case 'signedOut':
      return gate.kind === 'open' || gate.kind === 'locked' ? { kind: 'signIn' } : gate;
    case 'passwordChanged':
      return gate.kind === 'open' ? { ...gate, mustChangePassword: false } : gate;
  }
}

/** Where to go after signing in: back to the remembered screen only if the same person unlocks. */
export function routeAfterSignIn(gate: Gate, userId: number): string {
  return gate.kind === 'locked' && gate.resume.userId === userId ? gate.resume.route : '/';
}
