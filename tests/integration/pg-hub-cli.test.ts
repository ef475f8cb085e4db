import { readdirSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { postgresData, postgresPool } from '../../electron/core/data/postgres';
import { openClinical, openEncrypted } from '../../electron/core/db/database';
import { initHub, readHubKeyslots } from '../../electron/core/hub/init';
import { signInToHub } from '../../electron/core/hub/session';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { insertStaffIn } from '../../electron/core/users/staff';
import { makeSlot } from '../../electron/core/vault/vault';
import { usernameLookup } from '../../electron/core/vault/keyslots';
import { unlockSlotsWithPassword } from '../../electron/core/vault/vault';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';
import { cliRun } from '../support/cli';
import { describePg, dropPgDatabases, freshPgDatabase, sql, type PgTestDatabase } from '../support/pg';

/** Signing in to a clinic hub, and the commands that take --hub URL instead of --data-dir. */
const dirs: string[] = [];
afterEach(async () => {
  dirs.splice(0).forEach(removeDir);
  await dropPgDatabases();
});


const NOW = '2026-11-20T15:00:00.000Z';
const DESK = { username: 'jo', password: 'morning tide over the pier' };

/** A hub with its administrator and a front-desk colleague (their slot added as the Staff screen adds one). */
async function hubWithStaff(): Promise<PgTestDatabase> {
  const hub = await freshPgDatabase();
  await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic' }, admin: { ...ADMIN }, now: NOW }, { kdfCost: TEST_KDF });
  const file = (await readHubKeyslots(hub.data))!;
  const admin = await unlockSlotsWithPassword(file, null, ADMIN.username, ADMIN.password);
  const slot = await makeSlot(file.vaultId, 'password', DESK.password, admin.dataKey, usernameLookup(file.vaultId, DESK.username), { kdfCost: TEST_KDF });
  await insertStaffIn(hub.data, { username: DESK.username, displayName: 'Jo Park', role: 'front_desk', slotId: slot.id, mustChangePassword: false, createdAt: NOW, createdBy: 1 });
  await sql`UPDATE hub.keyslots SET file = ${JSON.stringify({ ...file, slots: [...file.slots, slot] })} WHERE id = 1`.execute(hub.data);
  return hub;
}

describePg('signing in to a clinic hub', () => {
  it("runs each session on its role's own login: front desk is refused the clinical schema by PostgreSQL; a wrong password gets the usual message", async () => {
    const hub = await hubWithStaff();
    const gate = postgresData(postgresPool({ connectionString: hub.url, max: 1 }));
    try {
      const desk = await signInToHub(gate, { connectionString: hub.url }, DESK.username, DESK.password, { kdfCost: TEST_KDF });
      expect(desk.clinicalKey).toBeNull();
      expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(desk.data)).rows[0]!.u).toMatch(/_front_desk$/);
      await expect(desk.data.selectFrom('clinical.contact_notes').selectAll().execute()).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Clinical records are not open in this session/) });
      await desk.close();

      const admin = await signInToHub(gate, { connectionString: hub.url }, ADMIN.username, ADMIN.password, { kdfCost: TEST_KDF });
      expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(admin.data)).rows[0]!.u).toMatch(/_administrator$/);
      expect(await admin.data.selectFrom('clinical.contact_notes').selectAll().execute()).toEqual([]);
      await admin.close();

      await expect(signInToHub(gate, { connectionString: hub.url }, DESK.username, 'not the password', { kdfCost: TEST_KDF })).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: "That username and password don't match. Check both and try again." });
      await expect(signInToHub(gate, { connectionString: hub.url }, 'nobody', DESK.password, { kdfCost: TEST_KDF })).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
      const signIns = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_events WHERE action = 'session.signIn'`.execute(hub.data);
      expect(signIns.rows[0]!.n).toBe(2);
    } finally {
      await gate.destroy();
    }
  });

  it('status --hub and backup create --hub: the same commands, on the hub; backups for administrators only', async () => {
    const hub = await hubWithStaff();
    const status = await cliRun(['status', '--hub', hub.url, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(status).toMatchObject({ code: 0, err: '' });
    expect(status.out).toMatch(/^Clinic: Harbour Street Clinic$/m);
    expect(status.out).toMatch(/^Staff users: 2$/m);
    expect(status.out).not.toContain(new URL(hub.url).password);

    const both = await cliRun(['status', '--hub', hub.url, '--data-dir', '/tmp/x', '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(both).toMatchObject({ code: 2, err: expect.stringContaining('Give either --data-dir DIR or --hub URL, not both.') });

    const dest = join(tempDir(), 'usb');
    dirs.push(join(dest, '..'));
    mkdirSync(dest);
    const refused = await cliRun(['backup', 'create', '--hub', hub.url, '--to', dest, '--user', DESK.username], { DOORWAY_PASSWORD: DESK.password });
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('Backups are for administrators, and jo is not one. Nothing was changed.') });
    expect(readdirSync(dest)).toEqual([]);
    const made = await cliRun(['backup', 'create', '--hub', hub.url, '--to', dest, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(made).toMatchObject({ code: 0, out: expect.stringMatching(/^Backup of the clinic hub written and verified: /m) });
    expect(readdirSync(dest)).toHaveLength(1);
    // The hub's trail says who made it, from where.
    const events = await sql<{ details: string }>`SELECT details FROM audit_events WHERE action = 'backup.create'`.execute(hub.data);
    expect(events.rows.map((r) => JSON.parse(r.details))).toEqual([expect.objectContaining({ ok: true, hub: true, via: 'commandLine' })]);
  });

  it('users add, list and disable --hub: the Staff screen\'s rules on the hub, and the new account signs in there', async () => {
    const hub = await hubWithStaff();
    const temporary = 'harbour gate morning 31';
    const added = await cliRun(['users', 'add', '--hub', hub.url, '--user', ADMIN.username, '--username', 'sam.rivera', '--role', 'clinician', '--display-name', 'Sam Rivera'], {
      DOORWAY_PASSWORD: ADMIN.password,
      DOORWAY_NEW_PASSWORD: temporary,
    });
    expect(added).toMatchObject({ code: 0, err: '', out: expect.stringContaining('Added Sam Rivera (sam.rivera) as clinician.') });
    // The hub's key slots now open for the new account's temporary password, through the clinic hub's own sign-in.
    const gate = postgresData(postgresPool({ connectionString: hub.url, max: 1 }));
    try {
      const sam = await signInToHub(gate, { connectionString: hub.url }, 'sam.rivera', temporary, { kdfCost: TEST_KDF });
      expect(sam.user).toMatchObject({ role: 'clinician', mustChangePassword: true });
      expect(sam.clinicalKey).not.toBeNull();
      await sam.close();
    } finally {
      await gate.destroy();
    }
    const listed = await cliRun(['users', 'list', '--hub', hub.url, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^sam\.rivera\s+Sam Rivera\s+clinician\s+on\s+must choose a new one/m);
    // A front-desk colleague is refused by the same rule as on the Staff screen, and nothing changes.
    const desk = await cliRun(['users', 'disable', 'sam.rivera', '--hub', hub.url, '--user', DESK.username], { DOORWAY_PASSWORD: DESK.password });
    expect(desk).toMatchObject({ code: 1, err: expect.stringContaining('Only administrators manage staff accounts.') });
    const off = await cliRun(['users', 'disable', 'sam.rivera', '--hub', hub.url, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(off.code).toBe(0);
    const slots = (await readHubKeyslots(hub.data))!.slots;
    expect(slots).toHaveLength(3); // the administrator, the front desk, the recovery code: the turned-off account's slot is gone
  });

  it('backup list, verify, drill and prune --hub: the hub\'s bundles read with its keys, audited on the hub, administrators only', async () => {
    const hub = await hubWithStaff();
    const dest = join(tempDir(), 'usb');
    dirs.push(join(dest, '..'));
    mkdirSync(dest);
    const env = { DOORWAY_PASSWORD: ADMIN.password };
    expect((await cliRun(['backup', 'create', '--hub', hub.url, '--to', dest, '--user', ADMIN.username], env)).code).toBe(0);
    const bundle = join(dest, readdirSync(dest)[0]!);

    const listed = await cliRun(['backup', 'list', '--to', dest, '--hub', hub.url, '--user', ADMIN.username], env);
    expect(listed).toMatchObject({ code: 0, err: '' });
    expect(listed.out).toMatch(/^doorway-backup-\S+ .* verified, made by River Stone \(river\), from the command line; main and clinical records$/m);
    const verified = await cliRun(['backup', 'verify', bundle, '--hub', hub.url, '--user', ADMIN.username], env);
    expect(verified).toMatchObject({ code: 0, out: expect.stringContaining('The backup is complete and intact') });
    const drill = await cliRun(['backup', 'drill', '--to', dest, '--hub', hub.url, '--user', ADMIN.username], env);
    expect(drill).toMatchObject({ code: 0, out: expect.stringContaining('Restore drill passed') });
    const pruned = await cliRun(['backup', 'prune', '--to', dest, '--hub', hub.url, '--user', ADMIN.username], env);
    expect(pruned.code).toBe(0);
    expect(readdirSync(dest)).toHaveLength(1);

    const desk = await cliRun(['backup', 'list', '--to', dest, '--hub', hub.url, '--user', DESK.username], { DOORWAY_PASSWORD: DESK.password });
    expect(desk).toMatchObject({ code: 1, err: expect.stringContaining('Backups are for administrators, and jo is not one. Nothing was changed.') });
    const noUser = await cliRun(['backup', 'drill', '--to', dest, '--hub', hub.url], env);
    expect(noUser).toMatchObject({ code: 2, err: expect.stringContaining('On a clinic hub, give --user USERNAME') });
    const events = await sql<{ action: string; details: string }>`SELECT action, details FROM audit_events WHERE action LIKE 'backup.%' ORDER BY id`.execute(hub.data);
    expect(events.rows.map((r) => [r.action, JSON.parse(r.details).ok ?? null])).toEqual([
      ['backup.create', true],
      ['backup.verify', true],
      ['backup.drill', true],
      ['backup.prune', null],
    ]);
  });

  it("export-key --hub: the keys a staff member's slot holds open the hub's backups; front desk gets no clinical key; audited on the hub", async () => {
    const hub = await hubWithStaff();
    const dest = join(tempDir(), 'usb');
    dirs.push(join(dest, '..'));
    mkdirSync(dest);
    expect((await cliRun(['backup', 'create', '--hub', hub.url, '--to', dest, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password })).code).toBe(0);
    const bundle = join(dest, readdirSync(dest)[0]!);

    const shown = await cliRun(['export-key', '--hub', hub.url, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(shown).toMatchObject({ code: 0, err: expect.stringContaining("it opens every record in this clinic's backups") });
    expect(shown.out).toContain("These keys open the hub's backups");
    const key = Buffer.from(/^key: ([0-9a-f]{64})$/m.exec(shown.out)![1]!, 'hex');
    const clinicalKey = Buffer.from(/^clinical-key: ([0-9a-f]{64})$/m.exec(shown.out)![1]!, 'hex');
    const main = openEncrypted(join(bundle, 'doorway.db'), key, { readonly: true });
    expect(main.prepare('SELECT count(*) FROM staff_users').pluck().get()).toBe(2);
    main.close();
    openClinical(join(bundle, 'clinical.db'), clinicalKey, { readonly: true }).close();

    const desk = await cliRun(['export-key', '--hub', hub.url, '--user', DESK.username], { DOORWAY_PASSWORD: DESK.password });
    expect(desk.code).toBe(0);
    expect(desk.out).toMatch(/^key: [0-9a-f]{64}$/m);
    expect(desk.out).not.toMatch(/clinical-key/);
    const noUser = await cliRun(['export-key', '--hub', hub.url], {});
    expect(noUser).toMatchObject({ code: 2, err: expect.stringContaining('On a clinic hub, give --user USERNAME') });
    const events = await sql<{ details: string }>`SELECT details FROM audit_events WHERE action = 'vault.exportKey' ORDER BY id`.execute(hub.data);
    expect(events.rows.map((r) => JSON.parse(r.details))).toEqual([
      { with: 'password', from: 'commandLine', keys: ['main', 'clinical'], hub: true },
      { with: 'password', from: 'commandLine', keys: ['main'], hub: true },
    ]);
  });

  it('hub status says what the hub is and what protects it, plainly', async () => {
    const hub = await hubWithStaff();
    const r = await cliRun(['hub', 'status', '--hub', hub.url, '--user', DESK.username], { DOORWAY_PASSWORD: DESK.password });
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Clinic: Harbour Street Clinic$/m);
    expect(r.out).toMatch(/^Hub: 127\.0\.0\.1:\d+\/doorway_t_\w+, PostgreSQL \d+/m);
    expect(r.out).toMatch(/^PostgreSQL logins, one per role with only its grants: administrator, clinician, front desk$/m);
    // The test server has no TLS: that is said, not hidden.
    expect(r.out).toMatch(/^Connection: NOT encrypted \(TLS is off on this connection\)$/m);
    expect(r.out).toMatch(/^At rest: the hub runs on this computer; its disk is (encrypted|NOT encrypted|can't be checked)\. .+\.$/m);
    expect(r.out).not.toContain(new URL(hub.url).password);
  });

  it('audit verify --hub: intact as made; a change by the server\'s superuser (past the trigger) is found and named', async () => {
    const hub = await hubWithStaff();
    const env = { DOORWAY_PASSWORD: ADMIN.password };
    const intact = await cliRun(['audit', 'verify', '--hub', hub.url, '--user', ADMIN.username], env);
    expect(intact).toMatchObject({ code: 0, out: expect.stringMatching(/^The audit trail is intact: \d+ events checked, none changed, removed or inserted\.$/m) });
    const desk = await cliRun(['audit', 'verify', '--hub', hub.url, '--user', DESK.username], { DOORWAY_PASSWORD: DESK.password });
    expect(desk).toMatchObject({ code: 1, err: expect.stringContaining('Checking the audit trail is for administrators') });
    // Only a superuser can get past the append-only trigger; even then the chain shows it.
    await sql`ALTER TABLE audit_events DISABLE TRIGGER USER`.execute(hub.data);
    await sql`UPDATE audit_events SET details = '{"clinicName":"Elsewhere"}' WHERE id = 1`.execute(hub.data);
    await sql`ALTER TABLE audit_events ENABLE TRIGGER USER`.execute(hub.data);
    const broken = await cliRun(['audit', 'verify', '--hub', hub.url, '--user', ADMIN.username], env);
    expect(broken).toMatchObject({ code: 1, out: expect.stringMatching(/^The audit trail is broken at event 1 \(vault\.create/m) });
    expect(broken.out).toMatch(/^Keep the hub as it is and tell whoever looks after the clinic's data security\.$/m);
  });

  it('demo --hub: a demo clinic on the hub for administrators only, audited there, and only into a hub with no records', async () => {
    const hub = await hubWithStaff();
    const desk = await cliRun(['demo', '--hub', hub.url, '--user', DESK.username, '--size', 'small'], { DOORWAY_PASSWORD: DESK.password });
    expect(desk).toMatchObject({ code: 1, err: expect.stringContaining('Only an administrator can add demo data. Nothing was changed.') });
    const made = await cliRun(['demo', '--hub', hub.url, '--user', ADMIN.username, '--size', 'small', '--seed', '3'], { DOORWAY_PASSWORD: ADMIN.password });
    expect(made).toMatchObject({ code: 0, out: expect.stringMatching(/^Added 200 people and [\d,]+ contacts to the clinic hub in [\d.]+ s\.$/m) });
    const event = await sql<{ details: string }>`SELECT details FROM audit_events WHERE action = 'demo.create'`.execute(hub.data);
    expect(JSON.parse(event.rows[0]!.details)).toMatchObject({ size: 'small', seed: 3, people: 200, hub: true });
    const again = await cliRun(['demo', '--hub', hub.url, '--user', ADMIN.username, '--size', 'small'], { DOORWAY_PASSWORD: ADMIN.password });
    expect(again.code).toBe(1);
  });
});
