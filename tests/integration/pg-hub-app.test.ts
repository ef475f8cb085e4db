import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { formatRecoveryCode, RECOVERY_CODE_BYTES } from '../../shared/recovery-code';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, invoke, type Router } from '../../electron/core';
import { verifyChain } from '../../electron/core/audit/verify';
import { initHub, readHubKeyslots } from '../../electron/core/hub/init';
import { openLogin } from '../../electron/core/hub/logins';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { describePg, dropPgDatabases, freshPgDatabase, type PgTestDatabase } from '../support/pg';
import { startThrowawayPg } from '../support/pg-throwaway';
import { must } from '../support/staff';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';

/**
 * The app itself on a clinic hub: the same router, channels and handlers as on one computer, with each
 * workstation a core of its own (its own folder for what is only its own) on one PostgreSQL.
 */
const dirs: string[] = [];
const cores: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  // Locks on a hub close their connections once the lock's event is written.
  await new Promise((r) => setTimeout(r, 200));
  await dropPgDatabases();
  for (const d of dirs.splice(0)) removeDir(d);
});

async function clinicHub(): Promise<PgTestDatabase & { recoveryCode: string }> {
  const hub = await freshPgDatabase();
  const made = await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic', timeZone: 'America/Chicago' }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
  return Object.assign(hub, { recoveryCode: made.recoveryCode });
}

/** A workstation: a core of its own on the hub. */
function workstation(hub: PgTestDatabase) {
  const dir = tempDir();
  dirs.push(dir);
  const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, hub: { connectionString: hub.url, max: 2 } });
  cores.push(made.core);
  return made;
}


async function signIn(router: Router, username: string, password: string) {
  return must(router, 'session.signIn', { username, password });
}

describePg('the app on a clinic hub', () => {
  it('two workstations share one record through the same channels: what one records, the other reads at once', async () => {
    const hub = await clinicHub();
    const front = workstation(hub);
    const room = workstation(hub);
    expect(await must(front.router, 'setup.status', {})).toEqual({ vaultExists: true });
    const first = await signIn(front.router, ADMIN.username, ADMIN.password);
    expect(first.settings.clinicName).toBe('Harbour Street Clinic');
    await signIn(room.router, ADMIN.username, ADMIN.password);

    const kit = await must(front.router, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor' });
    const found = await must(room.router, 'people.search', { query: 'kit' });
    expect(found.map((p) => p.id)).toEqual([kit.id]);
    await must(room.router, 'contacts.record', { personId: kit.id, setting: 'drop_in', whatMattered: 'Warm socks before the cold snap' });
    const page = await must(front.router, 'people.get', { id: kit.id });
    expect(page.contacts.map((c) => c.whatMattered)).toEqual(['Warm socks before the cold snap']);
    const home = await must(front.router, 'home.dashboard', {});
    expect(JSON.stringify(home)).toContain('Kit Taylor');

    // One trail, written by both, whole.
    expect(await verifyChain(() => hub.data)).toMatchObject({ intact: true });
    const actions = (await hub.data.selectFrom('audit_events').select('action').orderBy('id').execute()).map((r) => r.action);
    expect(actions.filter((a) => a === 'session.signIn')).toHaveLength(2);
    expect(actions).toContain('contact.create');
  });

  it('staff accounts made on one workstation sign in on another, choose their own password there, and PostgreSQL holds the front desk to its role', async () => {
    const hub = await clinicHub();
    const admin = workstation(hub);
    const desk = workstation(hub);
    await signIn(admin.router, ADMIN.username, ADMIN.password);
    const person = await must(admin.router, 'people.create', { clientCode: 'MR2231', preferredName: 'Marlo' });
    await must(admin.router, 'entries.add', {
      personId: person.id,
      kind: 'substance_use',
      occurredOn: '2026-02-01',
      data: { prefersNotToSay: false, substances: [{ substance: 'fentanyl', route: null, frequency: null }], note: '' },
    });
    const made = await must(admin.router, 'users.create', { username: 'jo.park', displayName: 'Jo Park', role: 'front_desk' });
    const slotsBefore = (await readHubKeyslots(hub.data))!.slots.length;

    const jo = await signIn(desk.router, 'jo.park', made.temporaryPassword);
    expect(jo.mustChangePassword).toBe(true);
    expect((await invoke(desk.router, 'people.list', {})).ok).toBe(false);
    await must(desk.router, 'session.changePassword', { currentPassword: made.temporaryPassword, newPassword: 'lantern orchard quiet 58' });
    // Their slot was replaced in place on the hub, through their own login.
    expect((await readHubKeyslots(hub.data))!.slots.length).toBe(slotsBefore);
    const page = await must(desk.router, 'people.get', { id: person.id });
    expect(page.canReadClinical).toBe(false);
    expect(page.entries.map((e) => e.kind)).not.toContain('substance_use');
    const refused = await invoke(desk.router, 'entries.add', {
      personId: person.id,
      kind: 'substance_use',
      occurredOn: '2026-02-02',
      data: { prefersNotToSay: true, substances: [], note: '' },
    });
    expect(refused.ok).toBe(false);

    // Signed out and in again with the new password; the temporary one no longer opens anything.
    await must(desk.router, 'session.signOut', {});
    const wrong = await invoke(desk.router, 'session.signIn', { username: 'jo.park', password: made.temporaryPassword });
    expect(wrong.ok ? null : wrong.error.code).toBe('SIGN_IN_FAILED');
    expect((await signIn(desk.router, 'jo.park', 'lantern orchard quiet 58')).mustChangePassword).toBe(false);
    // The session runs on the front desk's own login: PostgreSQL itself refuses it the clinical schema.
    const deskData = desk.core.vault.open().data;
    await expect(sql`SELECT count(*) FROM clinical.entry_texts`.execute(deskData)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(deskData)).rows[0]!.u).toMatch(/_front_desk$/);
  });

  it("an administrator's change to an account holds on every workstation at its next call", async () => {
    const hub = await clinicHub();
    const admin = workstation(hub);
    const room = workstation(hub);
    await signIn(admin.router, ADMIN.username, ADMIN.password);
    const made = await must(admin.router, 'users.create', { username: 'sam.rivera', displayName: 'Sam Rivera', role: 'clinician', temporaryPassword: 'first light harbour 27' });
    await signIn(room.router, 'sam.rivera', 'first light harbour 27');
    await must(room.router, 'session.changePassword', { currentPassword: 'first light harbour 27', newPassword: 'second tide window 91' });
    await must(room.router, 'people.list', {});

    // A new name shows at once; a new role means signing in again with it.
    await must(admin.router, 'users.update', { id: made.user.id, displayName: 'Sam R.' });
    await must(room.router, 'people.list', {});
    expect((await must(room.router, 'session.state', {})).session?.user.displayName).toBe('Sam R.');
    await must(admin.router, 'users.update', { id: made.user.id, role: 'front_desk' });
    const next = await invoke(room.router, 'people.list', {});
    expect(next.ok ? null : next.error).toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringMatching(/changed your role/) });
    expect(room.core.session).toBeNull();
    const again = await signIn(room.router, 'sam.rivera', 'second tide window 91');
    expect(again.user.role).toBe('front_desk');

    // Turned off: the very next call is refused, and signing in is too.
    await must(admin.router, 'users.setDisabled', { id: made.user.id, disabled: true });
    const after = await invoke(room.router, 'people.list', {});
    expect(after.ok ? null : after.error).toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringMatching(/turned this account off/) });
    const refused = await invoke(room.router, 'session.signIn', { username: 'sam.rivera', password: 'second tide window 91' });
    expect(refused.ok ? null : refused.error.code).toBe('SIGN_IN_FAILED');
  });

  it("the Backups screen's actions on a hub: a snapshot of the shared record into the same bundle, checked, drilled and listed; a restore is the hub computer's", async () => {
    const hub = await clinicHub();
    const ws = workstation(hub);
    await signIn(ws.router, ADMIN.username, ADMIN.password);
    await must(ws.router, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor' });
    const usb = tempDir('doorway-usb-');
    dirs.push(usb);
    await must(ws.router, 'backup.updateSettings', { destination: usb });
    const made = await must(ws.router, 'backup.create', {});
    expect(made.state).toBe('verified');
    const listed = await must(ws.router, 'backup.list', {});
    expect(listed.bundles.map((b) => [b.name, b.state])).toEqual([[made.name, 'verified']]);
    const checked = await must(ws.router, 'backup.verify', { bundle: made.name });
    expect(checked.rows).toBeGreaterThan(0);
    const drill = await must(ws.router, 'backup.drill', {});
    expect(drill.bundle).toBe(made.name);
    const status = await must(ws.router, 'backup.status', {});
    expect(status.lastVerifiedBackup?.name).toBe(made.name);
    expect(status.lastDrill?.bundle).toBe(made.name);
    const restore = await invoke(ws.router, 'backup.restore', { bundle: made.name, confirm: true });
    expect(restore.ok ? null : restore.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/hub restore.*Nothing was changed/) });
    expect(ws.core.session).not.toBeNull();
    // Every action is in the hub's one trail.
    const actions = (await hub.data.selectFrom('audit_events').select('action').where('action', 'like', 'backup.%').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['backup.settings', 'backup.create', 'backup.verify', 'backup.drill']);
  });

  it('with the hub out of reach a workstation still locks (by hand and when idle) and keeps nothing; it signs in again once the hub is back', async () => {
    const server = await startThrowawayPg();
    try {
      const db = await server.database('clinic');
      await initHub(db.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic', idleLockMinutes: 2 }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
      await db.close();
      let now = Date.now();
      const dir = tempDir();
      dirs.push(dir);
      const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, hub: { connectionString: db.url, max: 2 }, now: () => new Date(now) });
      cores.push(made.core);
      const ws = made.router;
      await signIn(ws, ADMIN.username, ADMIN.password);
      expect((await must(ws, 'session.touch', {})).idleLockMinutes).toBe(2);

      await server.crash();
      const away = await invoke(ws, 'people.list', {});
      expect(away.ok ? null : away.error.code).toBe('HUB_UNREACHABLE');
      // Locking by hand needs nothing from the hub.
      expect(await must(ws, 'session.lock', {})).toEqual({ locked: true });
      expect(made.core.session).toBeNull();

      await server.resume();
      await signIn(ws, ADMIN.username, ADMIN.password);
      await server.crash();
      // The idle lock, with the minutes it last knew, while the hub is gone.
      now += 3 * 60_000;
      expect(await made.core.checkIdle()).toBe(true);
      expect(made.core.session).toBeNull();
      await server.resume();
      expect((await signIn(ws, ADMIN.username, ADMIN.password)).settings.clinicName).toBe('Harbour Street Clinic');
    } finally {
      for (const c of cores.splice(0)) c.close();
      await new Promise((r) => setTimeout(r, 200));
      await server.stop();
    }
  });

  it("changing the clinic's keys on a hub: every active account and the recovery code keep their way in, a turned-off account's slot goes, the session goes on with the new keys", async () => {
    const hub = await clinicHub();
    const admin = workstation(hub);
    await signIn(admin.router, ADMIN.username, ADMIN.password);
    await must(admin.router, 'users.create', { username: 'jo.park', displayName: 'Jo Park', role: 'front_desk', temporaryPassword: 'first light harbour 27' });
    const sam = await must(admin.router, 'users.create', { username: 'sam.rivera', displayName: 'Sam Rivera', role: 'clinician', temporaryPassword: 'second tide window 91' });
    const before = Buffer.from(admin.core.vault.dataKey);
    const clinicalBefore = Buffer.from(admin.core.vault.clinicalKey!);
    await must(admin.router, 'users.setDisabled', { id: sam.user.id, disabled: true });

    const done = await must(admin.router, 'vault.rotateKey', { keys: 'both' });
    expect(done.keys.sort()).toEqual(['clinical', 'main']);
    expect(done.slots).toBe(3); // the administrator, Jo and the recovery code
    expect(admin.core.vault.dataKey.equals(before)).toBe(false);
    expect(admin.core.vault.clinicalKey!.equals(clinicalBefore)).toBe(false);
    await must(admin.router, 'people.create', { clientCode: 'AF0001' });

    // Every way in still opens, each onto its own role's login; the turned-off account's does not.
    const desk = workstation(hub);
    expect((await signIn(desk.router, 'jo.park', 'first light harbour 27')).user.role).toBe('front_desk');
    const again = workstation(hub);
    await signIn(again.router, ADMIN.username, ADMIN.password);
    expect((await must(again.router, 'people.list', {})).items.map((p) => p.clientCode)).toEqual(['AF0001']);
    expect(again.core.vault.dataKey.equals(admin.core.vault.dataKey)).toBe(true);
    const glass = workstation(hub);
    expect((await must(glass.router, 'session.breakGlass', { recoveryCode: hub.recoveryCode, name: 'River' })).emergency).toBe(true);
    const gone = await invoke(workstation(hub).router, 'session.signIn', { username: 'sam.rivera', password: 'second tide window 91' });
    expect(gone.ok ? null : gone.error.code).toBe('SIGN_IN_FAILED');
    const event = await hub.data.selectFrom('audit_events').select('details').where('action', '=', 'vault.rotateKey').executeTakeFirstOrThrow();
    expect(JSON.parse(event.details)).toMatchObject({ hub: true, keys: ['clinical', 'main'], slots: 3 });
    // The old keys open no login any more.
    const sealed = (await sql<{ role: 'administrator' | 'clinician' | 'front_desk'; sealed: string }>`SELECT role, sealed FROM hub.logins`.execute(hub.data)).rows;
    const vaultId = (await readHubKeyslots(hub.data))!.vaultId;
    for (const r of sealed) expect(openLogin(vaultId, r.role, r.sealed, { dataKey: before, clinicalKey: clinicalBefore }), r.role).toBeNull();
  });

  it('a lock keeps nothing open: the keys go, the event reaches the hub, and the next call asks for sign-in', async () => {
    const hub = await clinicHub();
    const ws = workstation(hub);
    await signIn(ws.router, ADMIN.username, ADMIN.password);
    await must(ws.router, 'session.lock', {});
    expect(ws.core.session).toBeNull();
    const r = await invoke(ws.router, 'people.list', {});
    expect(r.ok ? null : r.error.code).toBe('NOT_SIGNED_IN');
    await expect
      .poll(async () => (await hub.data.selectFrom('audit_events').select('action').where('action', '=', 'session.lock').execute()).length)
      .toBe(1);
    // The session's connections are closed: only the test's own remain on the database.
    await expect
      .poll(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND usename <> current_user`.execute(hub.data)).rows[0]!.n)
      .toBe(0);
  });

  it('the recovery code works at any workstation as on one computer: emergency access, marked and audited; a forgotten password set anew on its own role login', async () => {
    const hub = await clinicHub();
    const admin = workstation(hub);
    await signIn(admin.router, ADMIN.username, ADMIN.password);
    await must(admin.router, 'users.create', { username: 'jo.park', displayName: 'Jo Park', role: 'front_desk', temporaryPassword: 'first light harbour 27' });
    await must(admin.router, 'session.signOut', {});

    const desk = workstation(hub);
    const wrong = await invoke(desk.router, 'session.breakGlass', { recoveryCode: formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES)), name: 'Morgan Lee' });
    expect(wrong.ok ? null : wrong.error.code).toBe('RECOVERY_CODE_INVALID');
    const glass = await must(desk.router, 'session.breakGlass', { recoveryCode: hub.recoveryCode, name: 'Morgan Lee' });
    expect(glass).toMatchObject({ emergency: true, emergencyName: 'Morgan Lee' });
    expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(desk.core.vault.open().data)).rows[0]!.u).toMatch(/_administrator$/);
    await must(desk.router, 'people.create', { clientCode: 'EM0001' });
    await must(desk.router, 'session.signOut', {});

    // Jo forgot the password: the code sets a new one, and the session is Jo's, on the front desk's login.
    const jo = await must(desk.router, 'session.recover', { username: 'jo.park', recoveryCode: hub.recoveryCode, newPassword: 'lantern orchard quiet 58' });
    expect(jo).toMatchObject({ user: { username: 'jo.park', role: 'front_desk' }, mustChangePassword: false, emergency: false });
    expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(desk.core.vault.open().data)).rows[0]!.u).toMatch(/_front_desk$/);
    expect(desk.core.vault.clinicalKey).toBeNull();
    await must(desk.router, 'session.signOut', {});
    const old = await invoke(desk.router, 'session.signIn', { username: 'jo.park', password: 'first light harbour 27' });
    expect(old.ok ? null : old.error.code).toBe('SIGN_IN_FAILED');
    await signIn(desk.router, 'jo.park', 'lantern orchard quiet 58');

    const trail = await hub.data.selectFrom('audit_events').select(['action', 'actor_username']).where('action', 'in', ['session.breakGlass', 'session.recover', 'person.create', 'session.signInFailed']).orderBy('id').execute();
    // Each wrong secret reaches the trail when the next session opens, as on one computer.
    expect(trail.map((e) => e.action)).toEqual(['session.signInFailed', 'session.breakGlass', 'person.create', 'session.recover', 'session.signInFailed']);
    expect(trail[1]!.actor_username).toContain('Morgan Lee');
    expect(trail[2]!.actor_username).toContain('Morgan Lee');
  });
});
