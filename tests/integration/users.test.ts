import { afterEach, describe, expect, it } from 'vitest';
import { invoke, type Doorway } from '../../electron/core';
import { SIGN_IN_FAILED } from '../../electron/core/errors';
import { messageText } from '../../shared/messages';
import { readSlotKeysIn } from '../../electron/core/vault/slot-keys';
import { describeOn, onlyOn } from '../support/engine';
import { addStaff, signIn, signInAdmin, unwrap } from '../support/staff';
import { ADMIN, closeCore, contentHash, dataOf, removeDir, reopen, rowsOf, setUpVault, tempDir, valueOf } from '../support/vault';

const EMERGENCY_ON_HUB = 'emergency access with the recovery code is used on the hub computer; a workstation refuses it (pg-hub-app.test.ts)';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function vault() {
  const dir = tempDir();
  dirs.push(dir);
  return { dir, ...(await setUpVault(dir)) };
}

/** The clinic's key slots where they are kept: keyslots.json on one computer, the hub's table on a hub. */
const slotsOf = async (core: Doorway) => (await core.vault.keyslots().read()).slots;

function auditActions(core: Doorway, since = 0) {
  return rowsOf<{ action: string; subject_id: string | null; emergency: number; actor_username: string | null; details: string }>(
    core,
    'SELECT action, subject_id, emergency, actor_username, details FROM audit_events WHERE id > ? ORDER BY id',
    since,
  );
}

describe('staff accounts', () => {
  it('a new colleague gets a temporary password, must choose their own at first sign-in, and can then work', async () => {
    const { core, router } = await vault();
    const made = unwrap(await invoke(router, 'users.create', { username: 'sam', displayName: 'Sam Rivera', role: 'clinician' }));
    expect(made.user).toMatchObject({ username: 'sam', displayName: 'Sam Rivera', role: 'clinician', disabled: false, mustChangePassword: true, you: false });
    expect(made.temporaryPassword).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await slotsOf(core)).toHaveLength(3);
    const lastCreate = (await auditActions(core)).filter((e) => e.action === 'user.create');
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
    const { core, router } = await vault();
    const before = { slots: await slotsOf(core), records: await contentHash(core) };
    const r = await invoke(router, 'users.create', { username: ADMIN.username.toUpperCase(), displayName: 'Someone', role: 'front_desk' });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFLICT', fields: { username: 'This username is taken.' } } });
    expect({ slots: await slotsOf(core), records: await contentHash(core) }).toEqual(before);
    core.close();
  });

  it('turning an account off removes its key slot: its password opens nothing, with the same answer as a wrong password', async () => {
    const { core, router } = await vault();
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    const samSlot = await valueOf<string>(core, 'SELECT slot_id FROM staff_users WHERE id = ?', sam.id);
    expect((await slotsOf(core)).map((s) => s.id)).toContain(samSlot);

    const off = unwrap(await invoke(router, 'users.setDisabled', { id: sam.id, disabled: true }));
    expect(off).toMatchObject({ user: { disabled: true }, temporaryPassword: null });
    expect((await slotsOf(core)).map((s) => s.id)).not.toContain(samSlot);
    expect((await readSlotKeysIn(dataOf(core)))[samSlot]).toBeUndefined();

    const tried = await invoke(router, 'session.signIn', { username: 'sam', password: sam.password });
    expect(tried).toEqual({ ok: false, error: { code: 'SIGN_IN_FAILED', message: messageText(SIGN_IN_FAILED), key: SIGN_IN_FAILED.key } });

    // Back on: a temporary password, a fresh slot, and a new password at first sign-in.
    await signInAdmin(router);
    const on = unwrap(await invoke(router, 'users.setDisabled', { id: sam.id, disabled: false }));
    expect(on.user).toMatchObject({ disabled: false, mustChangePassword: true });
    expect(on.temporaryPassword).toBeTruthy();
    await expect(signIn(router, 'sam', sam.password)).rejects.toThrow('SIGN_IN_FAILED');
    expect((await signIn(router, 'sam', on.temporaryPassword!)).mustChangePassword).toBe(true);

    await signInAdmin(router);
    const actions = (await auditActions(core)).map((e) => e.action);
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

    await onlyOn('sqlite', EMERGENCY_ON_HUB, async () => {
      // Emergency access is not an administrator account of its own, so River is still the last one.
      unwrap(await invoke(router, 'session.breakGlass', { recoveryCode, name: 'Morgan Lee' }));
      const off = await invoke(router, 'users.setDisabled', { id: me.id, disabled: true });
      expect(off).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('only active administrator') } });
      expect(await invoke(router, 'users.update', { id: me.id, role: 'front_desk' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

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
    const e = (await auditActions(core)).filter((x) => x.action === 'user.resetPassword');
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
    const ev = (await auditActions(core)).filter((x) => x.action === 'user.update').at(-1)!;
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
    const lock = await valueOf<string>(core, "SELECT details FROM audit_events WHERE action = 'session.lock' ORDER BY id DESC LIMIT 1");
    expect(JSON.parse(lock)).toEqual({ reason: 'switchUser' });
    core.close();
  });
});

describeOn('sqlite', EMERGENCY_ON_HUB, 'emergency access (break-glass)', () => {
  it('the recovery code opens an administrator session marked as emergency; every action is audited as emergency access', async () => {
    const made = await vault();
    const { router, recoveryCode } = made;
    await closeCore(made);
    const { core: c2, router: r2 } = reopen(made);
    const wrong = await invoke(r2, 'session.breakGlass', { recoveryCode: recoveryCode.replace(/^...../, 'ZZZZZ'), name: 'Morgan' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID' } });

    const s = unwrap(await invoke(r2, 'session.breakGlass', { recoveryCode: recoveryCode.toLowerCase(), name: 'Morgan Lee' }));
    expect(s).toMatchObject({ emergency: true, mustChangePassword: false, user: { role: 'administrator' } });
    expect(s.user.displayName).toContain('Morgan Lee');
    const mark = await valueOf<number>(c2, 'SELECT max(id) FROM audit_events');

    // The usual emergency: the administrator forgot their password.
    const admin = unwrap(await invoke(r2, 'users.list', {})).find((u) => u.username === ADMIN.username)!;
    const reset = unwrap(await invoke(r2, 'users.resetPassword', { id: admin.id }));
    unwrap(await invoke(r2, 'people.create', { clientCode: 'EM-001' }));
    expect(await invoke(r2, 'session.changePassword', { currentPassword: 'x', newPassword: 'a new long password' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const all = await auditActions(c2);
    const failed = all.filter((e) => e.action === 'session.signInFailed');
    expect(failed.map((e) => JSON.parse(e.details))).toContainEqual({ knownUser: false, with: 'recoveryCode' });
    const glass = all.filter((e) => e.action === 'session.breakGlass');
    expect(glass).toHaveLength(1);
    expect(glass[0]).toMatchObject({ emergency: 1 });
    expect(JSON.parse(glass[0]!.details)).toEqual({ name: 'Morgan Lee' });
    const after = await auditActions(c2, mark);
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
