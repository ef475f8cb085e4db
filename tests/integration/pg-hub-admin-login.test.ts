import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, invoke, type Router } from '../../electron/core';
import { loginPassword, openAdministratorsLoginWith, readAdministratorsLoginSeals } from '../../electron/core/hub/admin-login';
import { initHub, readHubKeyslots } from '../../electron/core/hub/init';
import { openLogin, sealLogin } from '../../electron/core/hub/logins';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { staffByUsername } from '../../electron/core/users/staff';
import { unlockSlotsWithPassword } from '../../electron/core/vault/vault';
import { describePg, dropPgDatabases, freshPgDatabase, type PgTestDatabase } from '../support/pg';
import { must } from '../support/staff';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';

/**
 * The administrators' PostgreSQL login on a hub opens only with an administrator's own key slot (or the
 * recovery code), never with the clinical key that clinicians hold too (hub/admin-login.ts). It follows
 * every change: a new administrator, a role taken away, an account turned off, a new password, a key change.
 */
const run = promisify(execFile);
const dirs: string[] = [];
const cores: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await new Promise((r) => setTimeout(r, 200));
  await dropPgDatabases();
  for (const d of dirs.splice(0)) removeDir(d);
});

async function clinicHub(): Promise<PgTestDatabase & { recoveryCode: string; vaultId: string }> {
  const hub = await freshPgDatabase();
  const made = await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic' }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
  return Object.assign(hub, made);
}

function workstation(hub: PgTestDatabase): Router {
  const dir = tempDir();
  dirs.push(dir);
  const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, hub: { connectionString: hub.url, max: 2 } });
  cores.push(made.core);
  return made.router;
}

/** The slots that hold a seal of the administrators' login, by the username they belong to ('recovery' for the recovery slot). */
async function sealedFor(hub: PgTestDatabase): Promise<string[]> {
  const file = (await readHubKeyslots(hub.data))!;
  const staff = await hub.data.selectFrom('staff_users').select(['username', 'slot_id']).execute();
  const seals = await readAdministratorsLoginSeals(hub.data);
  return [...seals.keys()].map((id) => (file.slots.find((s) => s.id === id)?.kind === 'recovery' ? 'recovery' : (staff.find((s) => s.slot_id === id)?.username ?? `unknown ${id}`))).sort();
}

/** psql on `login` with `password`: its answer, or PostgreSQL's refusal. */
async function psql(hub: PgTestDatabase, login: string, password: string, query: string): Promise<string> {
  const url = new URL(hub.url);
  url.username = login;
  url.password = password;
  try {
    return (await run('psql', [url.toString(), '-v', 'ON_ERROR_STOP=1', '-tAc', query])).stdout.trim();
  } catch (e) {
    return `refused: ${(e as { stderr?: string }).stderr?.trim() ?? String(e)}`;
  }
}

const NEW_ADMIN_PASSWORD = 'harbour lantern quiet 58';
const ANA_PASSWORD = 'orchard river candle 31';

/** What a staff member's password opens on the hub: the key slots, their keys, and the administrators' login if their slot holds its seal. */
async function openWithPassword(hub: PgTestDatabase, username: string, password: string) {
  const file = (await readHubKeyslots(hub.data))!;
  const admin = openAdministratorsLoginWith(file.vaultId, await readAdministratorsLoginSeals(hub.data));
  const keys = await unlockSlotsWithPassword(file, null, username, password, {}, admin.alsoOpen);
  return { file, keys, login: admin.found.login };
}

/** The administrator signed in at the desk; Ana, a clinician with her own password, signed in in the exam room. */
async function administratorAndClinician(hub: PgTestDatabase) {
  const desk = workstation(hub);
  const room = workstation(hub);
  await must(desk, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
  const ana = await must(desk, 'users.create', { username: 'ana.reyes', displayName: 'Ana Reyes', role: 'clinician' });
  await must(room, 'session.signIn', { username: 'ana.reyes', password: ana.temporaryPassword });
  await must(room, 'session.changePassword', { currentPassword: ana.temporaryPassword, newPassword: ANA_PASSWORD });
  return { desk, room };
}

describePg("the administrators' login on a hub", () => {
  it("is sealed to administrators' slots only: a clinician's keys open no administrator login, and PostgreSQL keeps a clinician's login off staff accounts", async () => {
    const hub = await clinicHub();
    await administratorAndClinician(hub);

    expect((await sql<{ role: string }>`SELECT role FROM hub.logins ORDER BY role`.execute(hub.data)).rows.map((r) => r.role)).toEqual(['clinician', 'front_desk']);
    expect(await sealedFor(hub)).toEqual([ADMIN.username, 'recovery'].sort());

    // Everything Ana's password opens: her keys (the clinical key among them) and no administrators' login.
    const { file, keys, login } = await openWithPassword(hub, 'ana.reyes', ANA_PASSWORD);
    expect(keys.clinicalKey).not.toBeNull();
    expect(login).toBeNull();
    const logins = (await sql<{ role: 'clinician' | 'front_desk'; login: string; sealed: string }>`SELECT role, login, sealed FROM hub.logins`.execute(hub.data)).rows;
    const opened = logins.map((l) => [l.role, openLogin(file.vaultId, l.role, l.sealed, keys) !== null]);
    expect(Object.fromEntries(opened)).toEqual({ clinician: true, front_desk: true });

    // Her own login, used directly: PostgreSQL refuses to make her an administrator or to seal anything.
    const clinician = logins.find((l) => l.role === 'clinician')!;
    const password = openLogin(file.vaultId, 'clinician', clinician.sealed, keys)!;
    expect(await psql(hub, clinician.login, password, "UPDATE staff_users SET role = 'administrator' WHERE username = 'ana.reyes'")).toMatch(/^refused: .*permission denied for table staff_users/);
    expect(await psql(hub, clinician.login, password, "DELETE FROM hub.admin_logins")).toMatch(/^refused: .*permission denied for table admin_logins/);
    expect(await psql(hub, clinician.login, password, 'SELECT count(*) FROM people')).toBe('0');
    expect((await staffByUsername(hub.data, 'ana.reyes'))?.role).toBe('clinician');
    keys.dataKey.fill(0);
    keys.clinicalKey?.fill(0);
  });

  it('follows every change: a new administrator, a role taken away, an account turned off, a new password, a key change, the recovery code', async () => {
    const hub = await clinicHub();
    const desk = workstation(hub);
    const room = workstation(hub);
    await must(desk, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    const ana = await must(desk, 'users.create', { username: 'ana.reyes', displayName: 'Ana Reyes', role: 'clinician' });
    const sam = await must(desk, 'users.create', { username: 'sam.okafor', displayName: 'Sam Okafor', role: 'administrator' });
    expect(await sealedFor(hub)).toEqual([ADMIN.username, 'recovery', 'sam.okafor'].sort());

    // Made an administrator: her slot gets the seal, and her session runs on the administrators' login
    // (it can write staff accounts, which the clinicians' login cannot).
    await must(desk, 'users.update', { id: ana.user.id, role: 'administrator' });
    expect(await sealedFor(hub)).toEqual(['ana.reyes', ADMIN.username, 'recovery', 'sam.okafor'].sort());
    await must(room, 'session.signIn', { username: 'ana.reyes', password: ana.temporaryPassword });
    await must(room, 'session.changePassword', { currentPassword: ana.temporaryPassword, newPassword: ANA_PASSWORD });
    // A new password is a new key pair: the seal follows it, and she signs in again with it.
    await must(room, 'session.signOut', {});
    await must(room, 'session.signIn', { username: 'ana.reyes', password: ANA_PASSWORD });
    const made = await must(room, 'users.create', { username: 'lee.wong', displayName: 'Lee Wong', role: 'front_desk' });
    expect(made.user.role).toBe('front_desk');
    await must(room, 'session.signOut', {});

    // The role taken away again: the seal goes with it; she signs in as a clinician.
    await must(desk, 'users.update', { id: ana.user.id, role: 'clinician' });
    expect(await sealedFor(hub)).toEqual([ADMIN.username, 'recovery', 'sam.okafor'].sort());
    const back = await must(room, 'session.signIn', { username: 'ana.reyes', password: ANA_PASSWORD });
    expect(back.user?.role).toBe('clinician');
    const refused = await invoke(room, 'users.list', {});
    expect(refused.ok ? 'allowed' : refused.error.code).toBe('FORBIDDEN');
    await must(room, 'session.signOut', {});

    // An administrator's account turned off: their seal goes at once.
    await must(desk, 'users.setDisabled', { id: sam.user.id, disabled: true });
    expect(await sealedFor(hub)).toEqual([ADMIN.username, 'recovery'].sort());

    // The administrator's own new password, then a change of both keys: they sign in after each.
    await must(desk, 'session.changePassword', { currentPassword: ADMIN.password, newPassword: NEW_ADMIN_PASSWORD });
    await must(desk, 'vault.rotateKey', { keys: 'both' });
    await must(desk, 'session.signOut', {});
    await must(desk, 'session.signIn', { username: ADMIN.username, password: NEW_ADMIN_PASSWORD });
    expect((await must(desk, 'users.list', {})).length).toBe(4);
    await must(desk, 'session.signOut', {});

    // A forgotten password set anew with the recovery code: the new slot gets the seal, and it signs in.
    await must(desk, 'session.recover', { username: ADMIN.username, recoveryCode: hub.recoveryCode, newPassword: ADMIN.password });
    await must(desk, 'session.signOut', {});
    await must(desk, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await sealedFor(hub)).toEqual([ADMIN.username, 'recovery'].sort());
    // Each seal still opens the one login, with its own slot only.
    const { keys, login } = await openWithPassword(hub, ADMIN.username, ADMIN.password);
    keys.dataKey.fill(0);
    keys.clinicalKey?.fill(0);
    expect(await psql(hub, login!.login, loginPassword(login!), 'SELECT current_user')).toMatch(/_administrator$/);
  });

  it('a key change gives every role login a new password: the old ones are refused by PostgreSQL, and a session elsewhere is asked to sign in again', async () => {
    const hub = await clinicHub();
    const { desk, room } = await administratorAndClinician(hub);
    const person = await must(room, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor' });

    // Every login's password as it is now, opened with the administrator's keys.
    const before = async () => {
      const { file, keys, login } = await openWithPassword(hub, ADMIN.username, ADMIN.password);
      const rows = (await sql<{ role: 'clinician' | 'front_desk'; login: string; sealed: string }>`SELECT role, login, sealed FROM hub.logins`.execute(hub.data)).rows;
      const out = rows.map((r) => ({ login: r.login, password: openLogin(file.vaultId, r.role, r.sealed, keys)! }));
      out.push({ login: login!.login, password: loginPassword(login!) });
      keys.dataKey.fill(0);
      keys.clinicalKey?.fill(0);
      return out;
    };
    const old = await before();
    for (const l of old) expect(await psql(hub, l.login, l.password, 'SELECT 1'), l.login).toBe('1');

    await must(desk, 'vault.rotateKey', { keys: 'both' });
    // The session that changed the keys goes on, on the new password.
    expect((await must(desk, 'users.list', {})).length).toBe(2);
    for (const l of old) expect(await psql(hub, l.login, l.password, 'SELECT 1'), l.login).toMatch(/^refused: .*password authentication failed/);
    for (const l of await before()) expect(await psql(hub, l.login, l.password, 'SELECT 1'), l.login).toBe('1');

    // Ana's workstation still holds connections made with the old password; once they are gone (the
    // server dropped them here), her next call is asked to sign in again, and her session is over.
    await sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename LIKE '%_clinician'`.execute(hub.data);
    let answer = await invoke(room, 'people.get', { id: person.id });
    for (let i = 0; i < 3 && !(answer.ok === false && answer.error.code === 'NOT_SIGNED_IN'); i++) answer = await invoke(room, 'people.get', { id: person.id });
    expect(answer.ok ? 'answered' : answer.error).toMatchObject({ code: 'NOT_SIGNED_IN', message: expect.stringContaining('Please sign in again') });
    expect((await must(room, 'session.state', {})).session).toBeNull();
    await must(room, 'session.signIn', { username: 'ana.reyes', password: ANA_PASSWORD });
    expect((await must(room, 'people.get', { id: person.id })).person.id).toBe(person.id);
  });

  it("on a hub made before these seals, the first administrator's sign-in makes them and removes the seal under the clinical key", async () => {
    const hub = await clinicHub();
    // The hub as the first format left it: the administrators' login sealed under the clinical key, no per-slot seals.
    const { file, keys, login } = await openWithPassword(hub, ADMIN.username, ADMIN.password);
    await sql`INSERT INTO hub.logins (role, login, sealed) VALUES ('administrator', ${login!.login}, ${sealLogin(file.vaultId, 'administrator', loginPassword(login!), keys)})`.execute(hub.data);
    await sql`DELETE FROM hub.admin_logins`.execute(hub.data);
    keys.dataKey.fill(0);
    keys.clinicalKey?.fill(0);

    const desk = workstation(hub);
    await must(desk, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await sealedFor(hub)).toEqual([ADMIN.username, 'recovery'].sort());
    expect((await sql<{ role: string }>`SELECT role FROM hub.logins ORDER BY role`.execute(hub.data)).rows.map((r) => r.role)).toEqual(['clinician', 'front_desk']);
    await must(desk, 'session.signOut', {});
    // And the sign-in after that uses the new seal.
    await must(desk, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await must(desk, 'users.list', {})).map((u) => u.username)).toEqual([ADMIN.username]);
  });
});
