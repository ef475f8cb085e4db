import { afterEach, expect, it } from 'vitest';
import { contactFieldsSchema, personFieldsSchema } from '../../shared/contract/record-schemas';
import { sql } from 'kysely';
import { invoke } from '../../electron/core';
import { verifyChain } from '../../electron/core/audit/verify';
import { postgresEngine } from '../../electron/core/data/postgres';
import { migratePostgres } from '../../electron/core/db/pg-migrate';
import { generateDemo } from '../../electron/core/demo/generate';
import { moveVaultToHub } from '../../electron/core/hub/move';
import { RECORD_TABLES } from '../../electron/core/hub/tables';
import { recordContact } from '../../electron/core/records/contacts';
import { sqliteData } from '../../electron/core/data/sqlite';
import { openClinicalStore, openVaultDb, vaultPaths } from '../../electron/core/vault/vault';
import { createPerson, searchPeople } from '../../electron/core/records/people';
import { ADMIN, hashDir as hashAll, removeDir, setUpVault, tempDir } from '../support/vault';

/** The vault's files; the -wal and -shm beside an open file come and go with its connection. */
const hashDir = (dir: string) => Object.fromEntries(Object.entries(hashAll(dir)).filter(([name]) => !/-(wal|shm)$/.test(name)));
import { unwrap } from '../support/staff';
import { cliRun } from '../support/cli';
import { describePg, dropPgDatabases, freshPgDatabase, untyped } from '../support/pg';



/** "Move this computer's records to the hub" (hub/move.ts), against a real PostgreSQL and a real encrypted vault. */
const dirs: string[] = [];
afterEach(async () => {
  dirs.splice(0).forEach(removeDir);
  await dropPgDatabases();
});

/** A demo vault, closed, then opened as the command line opens it for a move: its two files with its keys, no session. */
async function demoVault() {
  const dir = tempDir();
  dirs.push(dir);
  const v = await setUpVault(dir, { engine: 'sqlite' });
  const session = v.core.session!;
  await generateDemo({ data: v.core.vault.open().data, engine: v.core.context.engine }, { size: 'small', seed: 5, now: v.core.now(), actorId: session.user.id, actorRole: 'administrator' });
  unwrap(await invoke(v.router, 'contacts.record', { personId: 1, setting: 'drop_in', note: 'Moved with care' }));
  const [dataKey, clinicalKey] = [Buffer.from(v.core.dataKey), Buffer.from(v.core.vault.clinicalKey!)];
  v.core.close();
  const paths = vaultPaths(dir);
  const main = openVaultDb(paths, dataKey);
  const { clinical } = openClinicalStore(paths, clinicalKey, main);
  return { dir, source: sqliteData(main, clinical), close: () => (clinical.close(), main.close()) };
}

describePg("moving one computer's records onto a clinic hub", () => {
  it('copies every row of both stores, checks the counts on both sides, leaves the old vault untouched, and the hub carries on from there', async () => {
    const { dir, source, close } = await demoVault();
    const hub = await freshPgDatabase();
    await migratePostgres(untyped(hub));
    const before = hashDir(dir);

    const moved = await moveVaultToHub(source, hub.data);
    expect(moved.rows.contacts).toBeGreaterThan(1000);
    expect(moved.rows['clinical.contact_notes']).toBeGreaterThan(100);
    for (const { name } of RECORD_TABLES) {
      const local = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(name)}`.execute(source)).rows[0]!.n);
      const skipped = name === 'settings' ? 2 : 0; // the two settings about this computer's files
      expect(moved.rows[name], name).toBe(local - skipped);
    }
    const note = await hub.data.selectFrom('clinical.contact_notes').select('note').where('note', '=', 'Moved with care').execute();
    expect(note).toHaveLength(1);
    expect(await verifyChain(() => hub.data)).toMatchObject({ intact: true, events: moved.rows.audit_events });
    const someone = await hub.data.selectFrom('people').select(['id', 'client_code']).where('deleted_at', 'is', null).orderBy('id').executeTakeFirstOrThrow();
    expect((await searchPeople(hub.data, postgresEngine.peopleSearch, someone.client_code, 5)).map((p) => p.id)).toContain(someone.id);
    close();
    expect(hashDir(dir)).toEqual(before);

    // The hub's own numbering continues after the moved rows: new people and contacts get new ids.
    const staff = (await hub.data.selectFrom('staff_users').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const person = await createPerson(hub.data, postgresEngine.peopleSearch, personFieldsSchema.parse({ clientCode: 'NEW001' }), { id: staff, at: new Date().toISOString() }, { mask: '', hint: '' });
    expect(person.id).toBeGreaterThan(moved.rows.people!);
    const contact = await hub.data.transaction().execute((trx) => recordContact(trx, person.id, contactFieldsSchema.parse({ setting: 'van' }), { id: staff, at: new Date().toISOString() }, 'UTC'));
    expect(contact).toBeGreaterThan(moved.rows.contacts!);
    // The monthly figures came over as they were, and the triggers that keep them are on again.
    const figures = await sql<{ kept: number; counted: number }>`
      SELECT (SELECT coalesce(sum(contacts), 0) FROM month_stats) AS kept,
             (SELECT count(*) FROM contacts WHERE deleted_at IS NULL AND local_day IS NOT NULL) AS counted`.execute(hub.data);
    expect(figures.rows[0]!.kept).toBe(figures.rows[0]!.counted);
  });

  it('refuses a hub that already holds records, and changes nothing on either side', async () => {
    const { dir, source, close } = await demoVault();
    const hub = await freshPgDatabase();
    await migratePostgres(untyped(hub));
    await moveVaultToHub(source, hub.data);
    const counts = async () => (await sql<{ n: number }>`SELECT count(*) AS n FROM contacts`.execute(hub.data)).rows[0]!.n;
    const hubBefore = await counts();
    const before = hashDir(dir);
    await expect(moveVaultToHub(source, hub.data)).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already holds records, .* Nothing was changed on either side\./) });
    expect(await counts()).toBe(hubBefore);
    close();
    expect(hashDir(dir)).toEqual(before);
  });

  it('hub move from the command line: the hub becomes the clinic record, the same password signs in there, and a second move is refused', async () => {
    const { dir, close } = await demoVault();
    close();
    const hub = await freshPgDatabase();
    const before = hashDir(dir);
    const env = { DOORWAY_PASSWORD: ADMIN.password };
    const moved = await cliRun(['hub', 'move', '--data-dir', dir, '--pg-url', hub.url, '--user', ADMIN.username], env);
    expect(moved).toMatchObject({ code: 0, err: '' });
    expect(moved.out).toMatch(/^Moved onto the clinic hub at .+: [\d,]+ people, [\d,]+ contacts and [\d,]+ audit entries, every table counted on both sides\.$/m);
    expect(moved.out).not.toContain(new URL(hub.url).password);
    expect(hashDir(dir)).toEqual(before);

    const status = await cliRun(['status', '--hub', hub.url, '--user', ADMIN.username], env);
    expect(status).toMatchObject({ code: 0, out: expect.stringMatching(/^Clinic: Harbour Street Clinic$/m) });
    const chain = await verifyChain(() => hub.data);
    expect(chain).toMatchObject({ intact: true });
    const last = await hub.data.selectFrom('audit_events').select(['action']).orderBy('id', 'desc').limit(2).execute();
    expect(last.map((e) => e.action)).toEqual(['session.signIn', 'vault.movedToHub']);

    const again = await cliRun(['hub', 'move', '--data-dir', dir, '--pg-url', hub.url, '--user', ADMIN.username], env);
    expect(again).toMatchObject({ code: 1, err: expect.stringContaining("already holds a clinic's record") });
    expect(hashDir(dir)).toEqual(before);
  });
});
