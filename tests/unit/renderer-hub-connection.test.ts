import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/result';
import {
  BACK_SHOWN_MS,
  CHECK_EVERY_MS,
  checkHubNow,
  onHubBack,
  registerHubCheck,
  reportHubAnswer,
  resetHubConnection,
  useHubConnection,
} from '../../renderer/src/api/hub-connection';

// The store's snapshot, read the way React reads it (useSyncExternalStore's getSnapshot) without rendering.
vi.mock('react', () => ({ useSyncExternalStore: (_s: unknown, get: () => unknown) => get() }));
const state = () => useHubConnection();

const away: Result<unknown> = { ok: false, error: { code: 'HUB_UNREACHABLE', message: 'away' } };
const fine: Result<unknown> = { ok: true, value: {} };
const signedInState: Result<unknown> = { ok: true, value: { vaultExists: true, session: { user: {} } } };
const noSessionState: Result<unknown> = { ok: true, value: { vaultExists: true, session: null } };

beforeEach(() => {
  vi.useFakeTimers();
  resetHubConnection();
});
afterEach(() => {
  resetHubConnection();
  vi.useRealTimers();
});

describe('hub connection', () => {
  it('HUB_UNREACHABLE marks the hub out of reach, keeping when the screen was last known good', () => {
    vi.setSystemTime(new Date('2026-03-02T10:42:00Z'));
    reportHubAnswer('people.search', fine);
    vi.setSystemTime(new Date('2026-03-02T10:50:00Z'));
    reportHubAnswer('contacts.record', away);
    expect(state()).toEqual({ status: 'away', lastGoodAt: new Date('2026-03-02T10:42:00Z').getTime(), checking: false });
  });

  it('answers that did not ask the hub change nothing; refusals the hub gave mean it was reached', async () => {
    reportHubAnswer('contacts.record', away);
    reportHubAnswer('setup.status', fine);
    // Where the records are is read from this computer's own data folder, not from the hub.
    reportHubAnswer('hub.state', { ok: true, value: { mode: 'joined', hub: { host: '192.168.1.20', port: 5433, database: 'doorway' }, serverHere: false, atRest: null } });
    reportHubAnswer('session.state', noSessionState);
    reportHubAnswer('people.create', { ok: false, error: { code: 'INVALID_INPUT', message: 'x' } });
    reportHubAnswer('people.get', { ok: false, error: { code: 'INTERNAL', message: 'x' } });
    expect(state().status).toBe('away');
    reportHubAnswer('session.signIn', { ok: false, error: { code: 'SIGN_IN_FAILED', message: 'x' } });
    expect(state().status).toBe('refreshing');
    await vi.advanceTimersByTimeAsync(0);
    expect(state().status).toBe('back');
  });

  it('checks every few seconds while out of reach, and when the hub answers every screen asks again before "up to date"', async () => {
    let hubUp = false;
    const probe = vi.fn(() => {
      reportHubAnswer('session.state', hubUp ? signedInState : away);
      return Promise.resolve();
    });
    let finishRefresh: () => void = () => undefined;
    const refresh = vi.fn(() => new Promise<void>((resolve) => (finishRefresh = resolve)));
    registerHubCheck(probe);
    onHubBack(refresh);

    reportHubAnswer('people.get', away);
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS - 1);
    expect(probe).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(probe).toHaveBeenCalledTimes(1);
    expect(state().status).toBe('away');
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(probe).toHaveBeenCalledTimes(2);

    hubUp = true;
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(state().status).toBe('refreshing');
    finishRefresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(state().status).toBe('back');
    // No more checks once reached; the note goes away by itself.
    await vi.advanceTimersByTimeAsync(BACK_SHOWN_MS);
    expect(probe).toHaveBeenCalledTimes(3);
    expect(state().status).toBe('reached');
  });

  it('"Try now" checks at once, one check at a time', async () => {
    let answer: () => void = () => undefined;
    const probe = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          answer = () => {
            reportHubAnswer('session.state', away);
            resolve();
          };
        }),
    );
    registerHubCheck(probe);
    reportHubAnswer('people.get', away);
    void checkHubNow();
    void checkHubNow();
    expect(probe).toHaveBeenCalledTimes(1);
    expect(state().checking).toBe(true);
    answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(state()).toMatchObject({ status: 'away', checking: false });
  });

  it('without a registered check (before signing in) nothing is asked by itself', async () => {
    const probe = vi.fn(() => Promise.resolve());
    const unregister = registerHubCheck(probe);
    unregister();
    reportHubAnswer('session.signIn', away);
    await vi.advanceTimersByTimeAsync(CHECK_EVERY_MS * 3);
    expect(probe).not.toHaveBeenCalled();
    expect(state().status).toBe('away');
  });

  it('out of reach again while the screens ask: the banner says so, never "up to date"', async () => {
    let finishRefresh: () => void = () => undefined;
    onHubBack(() => new Promise<void>((resolve) => (finishRefresh = resolve)));
    reportHubAnswer('people.get', away);
    reportHubAnswer('people.get', fine);
    expect(state().status).toBe('refreshing');
    reportHubAnswer('people.get', away);
    finishRefresh();
    await vi.advanceTimersByTimeAsync(0);
    expect(state().status).toBe('away');
  });
});
