import { describe, expect, it } from 'vitest';
import { gateReducer, initialGate, routeAfterSignIn, type Gate } from '../../renderer/src/session/gate';

const open: Gate = { kind: 'open', userId: 7, mustChangePassword: false };

describe('renderer gate', () => {
  it('starts in first run without a vault, at sign-in without a session, open with one', () => {
    expect(gateReducer(initialGate, { type: 'started', vaultExists: false, session: null })).toEqual({ kind: 'firstRun' });
    expect(gateReducer(initialGate, { type: 'started', vaultExists: true, session: null })).toEqual({ kind: 'signIn' });
    expect(gateReducer(initialGate, { type: 'started', vaultExists: true, session: { userId: 7, mustChangePassword: false } })).toEqual(open);
  });

  it('a lock keeps only the route and the user id', () => {
    const locked = gateReducer(open, { type: 'locked', route: '/settings' });
    expect(locked).toEqual({ kind: 'locked', resume: { route: '/settings', userId: 7 } });
  });

  it('a second lock (our shortcut, then main’s event) does not overwrite where the person was', () => {
    const locked = gateReducer(open, { type: 'locked', route: '/settings' });
    expect(gateReducer(locked, { type: 'locked', route: '/' })).toBe(locked);
  });

  it('a lock before anyone signed in changes nothing', () => {
    for (const gate of [{ kind: 'signIn' }, { kind: 'firstRun' }, { kind: 'starting' }] as Gate[]) {
      expect(gateReducer(gate, { type: 'locked', route: '/settings' })).toBe(gate);
    }
  });

  it('while a password change is required the lock returns to home, not to a half-done screen', () => {
    const gate = gateReducer({ ...open, mustChangePassword: true }, { type: 'locked', route: '/settings' });
    expect(gate).toEqual({ kind: 'locked', resume: { route: '/', userId: 7 } });
  });

  it('signing out forgets the route, even from the lock screen', () => {
    expect(gateReducer(open, { type: 'signedOut' })).toEqual({ kind: 'signIn' });
    const locked = gateReducer(open, { type: 'locked', route: '/settings' });
    expect(gateReducer(locked, { type: 'signedOut' })).toEqual({ kind: 'signIn' });
  });

  it('the same person unlocking returns to their screen; anyone else starts at home', () => {
    const locked = gateReducer(open, { type: 'locked', route: '/settings' });
    expect(routeAfterSignIn(locked, 7)).toBe('/settings');
    expect(routeAfterSignIn(locked, 8)).toBe('/');
    expect(routeAfterSignIn({ kind: 'signIn' }, 7)).toBe('/');
  });

  it('a changed password clears the requirement and nothing else', () => {
    expect(gateReducer({ ...open, mustChangePassword: true }, { type: 'passwordChanged' })).toEqual(open);
    expect(gateReducer({ kind: 'signIn' }, { type: 'passwordChanged' })).toEqual({ kind: 'signIn' });
  });
});
