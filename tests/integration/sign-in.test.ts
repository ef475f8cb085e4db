import { copyFileSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDoorway } from '../../electron/core';
import { THROTTLE_FILE } from '../../electron/core/session/sign-in';
import { ADMIN, closeCore, hashDir, removeDir, reopen, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { describeOn, onlyOn } from '../support/engine';

/** Why signing in and the recovery code here run on SQLite only (tests/support/engine.ts); locking runs on both. */
const SQLITE_ONLY =
  'sign-in against keyslots.json, the throttle file and the recovery code on one computer; sign-in on a hub: pg-hub-app.test.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function closedVault() {
  const dir = tempDir();
  dirs.push(dir);
  const made = await setUpVault(dir);
  await closeCore(made);
  return { dir, recoveryCode: made.recoveryCode, made };
}

const fresh = (dir: string) => createDoorway({ dataDir: dir, kdfCost: TEST_KDF });

describeOn('sqlite', SQLITE_ONLY, 'signing in', () => {
  it('opens with the right password, attributes the session, and records sign-in and sign-out', async () => {
    const { dir } = await closedVault();
    const { core, router } = fresh(dir);
    const r = await router('session.signIn', { username: 'RIVER', password: ADMIN.password });
    expect(r).toMatchObject({ ok: true, value: { user: { username: 'river', role: 'administrator' }, mustChangePassword: false } });
    expect(await router('session.signOut', {})).toEqual({ ok: true, value: { signedOut: true } });
    expect(core.session).toBeNull();
    const again = fresh(dir);
    await again.router('session.signIn', { username: 'river', password: ADMIN.password });
    const actions = again.core.db.prepare('SELECT action FROM audit_events ORDER BY id').pluck().all();
    expect(actions).toEqual(['vault.create', 'session.signIn', 'session.lock', 'session.signIn', 'session.signOut', 'session.signIn']);
    again.core.close();
  });

  it('gives one message for an unknown user and a wrong password, changes no file, and audits the failures at the next sign-in', async () => {
    const { dir } = await closedVault();
    const before = hashDir(dir);
    const { core, router } = fresh(dir);
    const wrong = await router('session.signIn', { username: 'river', password: 'not the password' });
    const unknown = await router('session.signIn', { username: 'nobody', password: 'whatever it is' });
    expect(wrong.ok).toBe(false);
    expect(unknown.ok).toBe(false);
    if (!wrong.ok && !unknown.ok) {
      expect(wrong.error).toEqual(unknown.error);
      expect(wrong.error.code).toBe('SIGN_IN_FAILED');
      expect(wrong.error.message).toMatch(/don't match/);
    }
    expect(hashDir(dir)).toEqual(before);
    await router('session.signIn', { username: 'river', password: ADMIN.password });
    const failed = core.db
      .prepare("SELECT actor_username, details FROM audit_events WHERE action = 'session.signInFailed' ORDER BY id")
      .all();
    expect(failed).toEqual([
      { actor_username: 'river', details: '{"knownUser":true}' },
      { actor_username: null, details: '{"knownUser":false}' },
    ]);
    core.close();
  });

  it('slows down after five failures in a row, with a clear wait', async () => {
    const { made } = await closedVault();
    let now = Date.parse('2026-11-21T09:00:00Z');
    const { core, router } = reopen(made, { now: () => new Date(now) });
    for (let i = 0; i < 5; i++) {
      const r = await router('session.signIn', { username: 'river', password: `guess ${i}` });
      expect(r.ok || r.error.code).toBe('SIGN_IN_FAILED');
    }
    const blocked = await router('session.signIn', { username: 'river', password: ADMIN.password });
    expect(blocked).toMatchObject({ ok: false, error: { code: 'THROTTLED', retryAfterSeconds: 5 } });
    now += 5_000;
    expect((await router('session.signIn', { username: 'river', password: ADMIN.password })).ok).toBe(true);
    core.close();
  });

  it('checks twelve wrong passwords sent at once one at a time: only one reaches the key derivation', async () => {
    const { dir } = await closedVault();
    const { core, router } = fresh(dir);
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => router('session.signIn', { username: 'river', password: `guess number ${i}` })));
    const codes = answers.map((r) => (r.ok ? 'ok' : r.error.code));
    // Before the fix every one of them was derived and checked (12 x SIGN_IN_FAILED).
    expect(codes.filter((c) => c === 'SIGN_IN_FAILED')).toHaveLength(1);
    expect(codes.filter((c) => c === 'THROTTLED')).toHaveLength(11);
    core.close();
  });

  it('keeps counting failures across a restart: closing Doorway does not reset the wait', async () => {
    const { dir } = await closedVault();
    const now = Date.parse('2026-11-21T09:00:00Z');
    const first = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, now: () => new Date(now) });
    for (let i = 0; i < 5; i++) expect(await first.router('session.signIn', { username: 'river', password: `guess ${i}` })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
    first.core.close();
    // A new process on the same folder: the sixth try still has to wait.
    const second = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, now: () => new Date(now + 1_000) });
    expect(await second.router('session.signIn', { username: 'River', password: ADMIN.password })).toMatchObject({ ok: false, error: { code: 'THROTTLED' } });
    // The counters file names no one: only lookups of what was typed.
    expect(readFileSync(join(dir, THROTTLE_FILE), 'utf8')).not.toMatch(/river/i);
    second.core.close();
    const later = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, now: () => new Date(now + 60_000) });
    expect((await later.router('session.signIn', { username: 'river', password: ADMIN.password })).ok).toBe(true);
    later.core.close();
  });

  it.each([
    ['not JSON at all', (p: string) => writeFileSync(p, '{{{ not json')],
    ['truncated', (p: string) => truncateSync(p, Math.floor(readFileSync(p).length / 2))],
    ['an unexpected field', (p: string) => {
      const f = JSON.parse(readFileSync(p, 'utf8'));
      f.slots[0].vaultId = 'x';
      writeFileSync(p, JSON.stringify(f));
    }],
    ['empty', (p: string) => writeFileSync(p, '')],
  ])('a damaged keyslots.json (%s) gives its own clear message and changes nothing', async (_label, damage) => {
    const { dir } = await closedVault();
    damage(join(dir, 'keyslots.json'));
    const before = hashDir(dir);
    const { router } = fresh(dir);
    const r = await router('session.signIn', { username: 'river', password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'KEYSLOTS_DAMAGED' } });
    if (!r.ok) expect(r.error.message).toMatch(/key file .* damaged.*Nothing was changed/);
    expect(hashDir(dir)).toEqual(before);
  });

  it('a wrapped key moved to another slot id does not open (slot id is bound as associated data)', async () => {
    const { dir } = await closedVault();
    const p = join(dir, 'keyslots.json');
    const f = JSON.parse(readFileSync(p, 'utf8'));
    f.slots[0].id = '3f0f7a3e-1111-4111-8111-111111111111';
    writeFileSync(p, JSON.stringify(f));
    const before = hashDir(dir);
    const r = await fresh(dir).router('session.signIn', { username: 'river', password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
    expect(hashDir(dir)).toEqual(before);
  });

  it('a truncated database gives its own clear message and changes nothing', async () => {
    const { dir } = await closedVault();
    truncateSync(join(dir, 'doorway.db'), 3000);
    const before = hashDir(dir);
    const r = await fresh(dir).router('session.signIn', { username: 'river', password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'DATABASE_DAMAGED' } });
    if (!r.ok) expect(r.error.message).toMatch(/damaged or incomplete. Nothing was changed/);
    expect(hashDir(dir)).toEqual(before);
  });

  it('a missing database while key slots exist gives its own clear message and changes nothing', async () => {
    const { dir } = await closedVault();
    rmSync(join(dir, 'doorway.db'));
    const before = hashDir(dir);
    const r = await fresh(dir).router('session.signIn', { username: 'river', password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'DATABASE_MISSING' } });
    if (!r.ok) expect(r.error.message).toMatch(/missing.*Nothing was changed/);
    expect(hashDir(dir)).toEqual(before);
  });

  it('the key-slot file is written atomically and keeps the previous version', async () => {
    const { dir, recoveryCode } = await closedVault();
    const original = readFileSync(join(dir, 'keyslots.json'), 'utf8');
    const { core, router } = fresh(dir);
    const r = await router('session.recover', { username: 'river', recoveryCode, newPassword: 'a brand new passphrase' });
    expect(r.ok).toBe(true);
    core.close();
    expect(readFileSync(join(dir, 'keyslots.json.prev'), 'utf8')).toBe(original);
    expect(readFileSync(join(dir, 'keyslots.json'), 'utf8')).not.toBe(original);
    // And the kept copy is a real, complete file that could be restored.
    copyFileSync(join(dir, 'keyslots.json.prev'), join(dir, 'keyslots.json'));
    const back = fresh(dir);
    expect((await back.router('session.signIn', { username: 'river', password: ADMIN.password })).ok).toBe(true);
    back.core.close();
  });
});

describeOn('sqlite', SQLITE_ONLY, 'forgot password', () => {
  it('the recovery code sets a new password that then works, and the old one no longer does', async () => {
    const { dir, recoveryCode } = await closedVault();
    const { core, router } = fresh(dir);
    const typed = recoveryCode.toLowerCase().replace(/-/g, ' ');
    const r = await router('session.recover', { username: 'river', recoveryCode: typed, newPassword: 'new harbour passphrase' });
    expect(r).toMatchObject({ ok: true, value: { user: { username: 'river' } } });
    core.close();
    const again = fresh(dir);
    expect((await again.router('session.signIn', { username: 'river', password: ADMIN.password })).ok).toBe(false);
    expect((await again.router('session.signIn', { username: 'river', password: 'new harbour passphrase' })).ok).toBe(true);
    expect(again.core.db.prepare("SELECT count(*) FROM audit_events WHERE action = 'session.recover'").pluck().get()).toBe(1);
    again.core.close();
  });

  it('a mistyped group is named, and nothing changes', async () => {
    const { dir, recoveryCode } = await closedVault();
    const before = hashDir(dir);
    const g = recoveryCode.split('-');
    g[4] = g[4]!.slice(0, 4) + (g[4]![4] === 'A' ? 'B' : 'A');
    const r = await fresh(dir).router('session.recover', { username: 'river', recoveryCode: g.join('-'), newPassword: 'new harbour passphrase' });
    expect(r).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });
    if (!r.ok) expect(r.error.message).toMatch(/group 5/);
    expect(hashDir(dir)).toEqual(before);
  });
});

// Locking is the same on a hub (its session's connections close: pg-hub-app.test.ts); it runs on both.
describe('lock', () => {
  it('closes the database, zeroes the key and emits an event; the next call needs a session', async () => {
    const { made } = await closedVault();
    const { core, router } = reopen(made);
    await router('session.signIn', { username: 'river', password: ADMIN.password });
    const key = core.dataKey;
    const db = made.hub ? null : core.db;
    const events: unknown[] = [];
    core.on('session.locked', (e) => events.push(e));
    expect(await router('session.lock', {})).toEqual({ ok: true, value: { locked: true } });
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    await onlyOn('sqlite', "one computer's records file is closed (on a hub, the session's connections: pg-hub-app.test.ts)", () => expect(db!.open).toBe(false));
    expect(events).toEqual([{ reason: 'manual' }]);
    expect(await router('settings.get', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('locks by itself after the idle time, and activity keeps it open', async () => {
    const { made } = await closedVault();
    let now = Date.parse('2026-11-21T09:00:00Z');
    const { core, router } = reopen(made, { now: () => new Date(now) });
    await router('session.signIn', { username: 'river', password: ADMIN.password });
    await router('settings.update', { idleLockMinutes: 2 });
    now += 90_000;
    expect(await core.checkIdle()).toBe(false);
    expect(await router('session.touch', {})).toEqual({ ok: true, value: { idleLockMinutes: 2 } });
    now += 90_000;
    expect(await core.checkIdle()).toBe(false);
    now += 30_000;
    expect(await core.checkIdle()).toBe(true);
    expect(core.session).toBeNull();
  });
});
