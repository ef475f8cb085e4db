import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { SIGN_IN_FAILED_MESSAGE } from '../../electron/core/errors';
import { readSlotKeys } from '../../electron/core/vault/slot-keys';
import { addStaff, signIn, signInAdmin, unwrap } from '../support/staff';
import { ADMIN, hashDir, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function vault() {
  const dir = tempDir();
  dirs.push(dir);
  return { dir, ...(await setUpVault(dir)) };
}

const slotsOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as { slots: { id: string; kind: string }[] }).slots;

function auditActions(db: ReturnType<typeof createDoorway>['core']['db'], since = 0): { action: string; subject_id: string | null; emergency: number; actor_username: string | null; details: string }[] {
  return db.prepare('SELECT action, subject_id, emergency, actor_username, details FROM audit_events WHERE id > ? ORDER BY id').all(since) as never;
}

describe('staff accounts', () => {
  it('a new colleague gets a temporary password, must choose their own at first sign-in, and can then work', async () => {
    const { core, router, dir } = await vault();
    const made = unwrap(await invoke(router, 'users.create', { username: 'sam', displayName: 'Sam Rivera', role: 'clinician' }));
    expect(made.user).toMatchObject({ username: 'sam', displayName: 'Sam Rivera', role: 'clinician', disabled: false, mustChangePassword: true, you: false });
    expect(made.temporaryPassword).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(slotsOf(dir)).toHaveLength(3);
    const lastCreate = auditActions(core.db).filter((e) => e.action === 'user.create');
    expect(lastCreate).toHaveLength(1);
    expect(lastCreate[0]!.details).not.toContain(made.temporaryPassword);

    const session = await signIn(router, 'sam', made.temporaryPassword);
    expect(session).toMatchObject({ mustChangePassword: true, user: { role: 'clinician' } });
    expect(await invoke(router, 'people.list', {})).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    unwrap(await invoke(router, 'session.changePassword', { currentPassword: made.temporaryPassword, newPassword: 'sam chooses a long one' }));
    expect((await invoke(router, 'people.list', {})).ok).toBe(true);

    await expect(signIn(router, 'sam', made.temporaryPassword)).rejects.toThrow('SIGN_IN_FAILED');
    await signIn(router, 'sam', 'sam chooses a long one');
    core.close();
  });

  it('refuses a username that is taken, whatever its case, and writes nothing', async () => {
    const { core, router, dir } = await vault();
    const before = hashDir(dir);
    const r = await invoke(router, 'users.create', { username: ADMIN.username.toUpperCase(), displayName: 'Someone', role: 'front_desk' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { username: 'This username is taken.' } } });
    core.close();
    const after = hashDir(dir);
    // Closing writes the lock event into the records; the key file is untouched.
    expect(after['keyslots.json']).toBe(before['keyslots.json']);
  });

  it('turning an account off removes its key slot: its password opens nothing, with the same answer as a wrong password', async () => {
    const { core, router, dir } = await vault();
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    const samSlot = (core.db.prepare('SELECT slot_id FROM staff_users WHERE id = ?').pluck().get(sam.id) as string);
    expect(slotsOf(dir).map((s) => s.id)).toContain(samSlot);

    const off = unwrap(await invoke(router, 'users.setDisabled', { id: sam.id, disabled: true }));
    expect(off).toMatchObject({ user: { disabled: true }, temporaryPassword: null });
    expect(slotsOf(dir).map((s) => s.id)).not.toContain(samSlot);
    expect(readSlotKeys(core.db)[samSlot]).toBeUndefined();

    const tried = await invoke(router, 'session.signIn', { username: 'sam', password: sam.password });
    expect(tried).toEqual({ ok: false, error: { code: 'SIGN_IN_FAILED', message: SIGN_IN_FAILED_MESSAGE } });

    // Back on: a temporary password, a fresh slot, and a new password at first sign-in.
    await signInAdmin(router);
    const on = unwrap(await invoke(router, 'users.setDisabled', { id: sam.id, disabled: false }));
    expect(on.user).toMatchObject({ disabled: false, mustChangePassword: true });
    expect(on.temporaryPassword).toBeTruthy();
    await expect(signIn(router, 'sam', sam.password)).rejects.toThrow('SIGN_IN_FAILED');
    expect((await signIn(router, 'sam', on.temporaryPassword!)).mustChangePassword).toBe(true);

    await signInAdmin(router);
    const actions = auditActions(core.db).map((e) => e.action);
    expect(actions).toContain('user.disable');
    expect(actions).toContain('user.enable');
    core.close();
  });

  it('keeps at least one administrator, and nobody turns off or demotes themselves', async () => {
    const { core, router, recoveryCode } = await vault();
    const me = unwrap(await invoke(router, 'users.list', {})).find((u) => u.you)!;
    expect(await invoke(router, 'users.setDisabled', { id: me.id, disabled: true })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await invoke(router, 'users.update', { id: me.id, role: 'clinician' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await invoke(router, 'users.resetPassword', { id: me.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Emergency access is not an administrator account of its own, so River is still the last one.
    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode, name: 'Morgan Lee' }));
    const off = await invoke(router, 'users.setDisabled', { id: me.id, disabled: true });
    expect(off).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('only active administrator') } });
    expect(await invoke(router, 'users.update', { id: me.id, role: 'front_desk' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // With a second administrator, either may be changed by the other.
    const ada = await addStaff(router, 'administrator', 'ada', 'Ada Byrne');
    await signIn(router, 'ada', ada.password);
    expect(unwrap(await invoke(router, 'users.update', { id: me.id, role: 'clinician' })).role).toBe('clinician');
    core.close();
  });

  it('an administrator resets a password: the old one stops working, the temporary one must be replaced', async () => {
    const { core, router } = await vault();
    const sam = await addStaff(router, 'front_desk', 'sam', 'Sam Rivera');
    const reset = unwrap(await invoke(router, 'users.resetPassword', { id: sam.id }));
    expect(reset.user.mustChangePassword).toBe(true);
    await expect(signIn(router, 'sam', sam.password)).rejects.toThrow('SIGN_IN_FAILED');
    expect((await signIn(router, 'sam', reset.temporaryPassword)).mustChangePassword).toBe(true);
    await signInAdmin(router);
    const e = auditActions(core.db).filter((x) => x.action === 'user.resetPassword');
    expect(e).toHaveLength(1);
    expect(e[0]!.subject_id).toBe(String(sam.id));
    core.close();
  });

  it('lists accounts with their last sign-in, and edits names and roles with the change in the audit trail', async () => {
    const { core, router } = await vault();
    const sam = await addStaff(router, 'front_desk', 'sam', 'Sam Rivera');
    const list = unwrap(await invoke(router, 'users.list', {}));
    expect(list.map((u) => u.username)).toEqual(['river', 'sam']);
    expect(list.find((u) => u.username === 'sam')!.lastSignInAt).not.toBeNull();
    const updated = unwrap(await invoke(router, 'users.update', { id: sam.id, displayName: 'Sam R.', role: 'clinician' }));
    expect(updated).toMatchObject({ displayName: 'Sam R.', role: 'clinician' });
    const ev = auditActions(core.db).filter((x) => x.action === 'user.update').at(-1)!;
    expect(JSON.parse(ev.details)).toEqual({ displayName: { from: 'Sam Rivera', to: 'Sam R.' }, role: { from: 'front_desk', to: 'clinician' } });
    expect((await signIn(router, 'sam', sam.password)).user.role).toBe('clinician');
    core.close();
  });
});

describe('switching user', () => {
  it('locks with its own reason: the records close and the next person signs in from an empty screen', async () => {
    const { core, router } = await vault();
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    const events: string[] = [];
    core.on('session.locked', ({ reason }) => events.push(reason));
    expect(unwrap(await invoke(router, 'session.switchUser', {}))).toEqual({ locked: true });
    expect(events).toEqual(['switchUser']);
    expect(core.session).toBeNull();
    expect(unwrap(await invoke(router, 'session.state', {})).session).toBeNull();
    expect(await invoke(router, 'people.list', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    await signIn(router, 'sam', sam.password);
    const lock = core.db.prepare("SELECT details FROM audit_events WHERE action = 'session.lock' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(lock)).toEqual({ reason: 'switchUser' });
    core.close();
  });
});

describe('emergency access (break-glass)', () => {
  it('the recovery code opens an administrator session marked as emergency; every action is audited as emergency access', async () => {
    const { core, router, recoveryCode } = await vault();
    core.close();
    const { core: c2, router: r2 } = createDoorway({ dataDir: core.paths.dir, kdfCost: TEST_KDF });
    const wrong = await invoke(r2, 'session.breakGlass', { recoveryCode: recoveryCode.replace(/^...../, 'ZZZZZ'), name: 'Morgan' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });

    const s = unwrap(await invoke(r2, 'session.breakGlass', { recoveryCode: recoveryCode.toLowerCase(), name: 'Morgan Lee' }));
    expect(s).toMatchObject({ emergency: true, mustChangePassword: false, user: { role: 'administrator' } });
    expect(s.user.displayName).toContain('Morgan Lee');
    const mark = c2.db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;

    // The usual emergency: the administrator forgot their password.
    const admin = unwrap(await invoke(r2, 'users.list', {})).find((u) => u.username === ADMIN.username)!;
    const reset = unwrap(await invoke(r2, 'users.resetPassword', { id: admin.id }));
    unwrap(await invoke(r2, 'people.create', { clientCode: 'EM-001' }));
    expect(await invoke(r2, 'session.changePassword', { currentPassword: 'x', newPassword: 'a new long password' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const all = auditActions(c2.db);
    const failed = all.filter((e) => e.action === 'session.signInFailed');
    expect(failed.map((e) => JSON.parse(e.details))).toContainEqual({ knownUser: false, with: 'recoveryCode' });
    const glass = all.filter((e) => e.action === 'session.breakGlass');
    expect(glass).toHaveLength(1);
    expect(glass[0]).toMatchObject({ emergency: 1 });
    expect(JSON.parse(glass[0]!.details)).toEqual({ name: 'Morgan Lee' });
    const after = auditActions(c2.db, mark);
    expect(after.map((e) => e.action)).toEqual(['user.resetPassword', 'person.create']);
    for (const e of after) expect(e).toMatchObject({ emergency: 1, actor_username: 'emergency access (Morgan Lee)' });

    // The emergency record is not a staff account anyone manages or signs into.
    expect(unwrap(await invoke(r2, 'users.list', {})).map((u) => u.username)).toEqual([ADMIN.username]);
    expect(await invoke(r2, 'session.signIn', { username: 'emergency access', password: recoveryCode })).toMatchObject({ ok: false, error: { code: 'SIGN_IN_FAILED' } });
    expect((await signIn(r2, ADMIN.username, reset.temporaryPassword)).emergency).toBe(false);
    c2.close();
    void router;
  });
});
