import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import { contactFieldsSchema, personFieldsSchema } from '../../shared/contract/record-schemas';
import { recordAuditIn } from '../../electron/core/audit/audit';
import { postgresData, postgresEngine, postgresPool } from '../../electron/core/data/postgres';
import { migratePostgres } from '../../electron/core/db/pg-migrate';
import { provisionHubRoles, type HubLogin } from '../../electron/core/hub/roles';
import { recordContact } from '../../electron/core/records/contacts';
import { createPerson } from '../../electron/core/records/people';
import { insertStaffIn } from '../../electron/core/users/staff';
import { describePg, dropPgDatabases, freshPgDatabase, sql, untyped, type PgTestDatabase } from '../support/pg';

/**
 * PostgreSQL enforces the roles on a hub, whatever the app asks: checked with psql itself, and through
 * the same repository code a workstation runs, signed in with each role's login.
 */
const run = promisify(execFile);
afterEach(async () => {
  await dropPgDatabases();
  // Login roles belong to the server, not to the (now dropped) database.
});

const AT = '2026-11-20T15:00:00.000Z';

function urlAs(db: PgTestDatabase, login: HubLogin): string {
  const u = new URL(db.url);
  u.username = login.login;
  u.password = login.password;
  return u.toString();
}

async function psql(url: string, query: string): Promise<{ ok: boolean; out: string }> {
  try {
    const { stdout } = await run('psql', [url, '-v', 'ON_ERROR_STOP=1', '-tAc', query], { timeout: 20_000 });
    return { ok: true, out: stdout.trim() };
  } catch (e) {
    return { ok: false, out: String((e as { stderr?: string }).stderr ?? e).trim() };
  }
}

async function provisionedHub() {
  const db = await freshPgDatabase();
  await migratePostgres(untyped(db));
  const made = await provisionHubRoles(untyped(db));
  const by = Object.fromEntries(made.map((l) => [l.role, l])) as Record<HubLogin['role'], HubLogin>;
  return { db, by };
}

describePg('roles on a clinic hub, enforced by PostgreSQL', () => {
  it('psql as the front-desk login: SELECT on a clinical table is refused; a clinician login reads it', async () => {
    const { db, by } = await provisionedHub();
    await sql`INSERT INTO clinical.contact_notes (contact_id, note) VALUES (1, 'a note')`.execute(db.data);
    const desk = await psql(urlAs(db, by.front_desk), 'SELECT note FROM clinical.contact_notes');
    expect(desk).toEqual({ ok: false, out: expect.stringMatching(/permission denied for schema clinical/) });
    expect(await psql(urlAs(db, by.clinician), 'SELECT note FROM clinical.contact_notes')).toEqual({ ok: true, out: 'a note' });
    expect(await psql(urlAs(db, by.administrator), 'SELECT count(*) FROM clinical.contact_notes')).toEqual({ ok: true, out: '1' });
    // Each login is stored as a SCRAM-SHA-256 verifier, never an MD5 hash or the password itself.
    const stored = await sql<{ rolname: string; scram: boolean }>`SELECT rolname, rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname IN (${sql.join(Object.values(by).map((l) => l.login))}) ORDER BY rolname`.execute(db.data);
    expect(stored.rows.map((r) => r.scram)).toEqual([true, true, true]);
    // A wrong password is refused.
    expect((await psql(urlAs(db, { ...by.clinician, password: 'not-it' }), 'SELECT 1')).out).toMatch(/password authentication failed/);
  });

  it('psql as the front-desk login: staff accounts, the settings and the catalog are refused to it (no making itself an administrator); people are its to write', async () => {
    const { db, by } = await provisionedHub();
    await sql`INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('jo', 'Jo', 'front_desk', 's1', 't')`.execute(db.data);
    const desk = urlAs(db, by.front_desk);
    for (const change of [
      "UPDATE staff_users SET role = 'administrator' WHERE username = 'jo'",
      "INSERT INTO staff_users (username, display_name, role, slot_id, created_at) VALUES ('x', 'X', 'administrator', 's2', 't')",
      "UPDATE settings SET value = '1' WHERE key = 'idleLockMinutes'",
      "INSERT INTO settings (key, value) VALUES ('vault.slotPublicKeys', '{}')",
      'DELETE FROM catalog_items',
    ]) {
      expect(await psql(desk, change), change).toEqual({ ok: false, out: expect.stringMatching(/permission denied for table (staff_users|settings|catalog_items)/) });
    }
    expect((await sql<{ role: string }>`SELECT role FROM staff_users WHERE username = 'jo'`.execute(db.data)).rows[0]!.role).toBe('front_desk');
    expect(await psql(desk, "INSERT INTO people (client_code, created_at, created_by, updated_at, updated_by) VALUES ('KT0412', 't', 1, 't', 1) RETURNING 1")).toMatchObject({ ok: true });
    expect(await psql(desk, 'SELECT count(*) FROM staff_users')).toEqual({ ok: true, out: '1' });
  });

  it('no login may change, remove or empty the audit trail; every login may add to it', async () => {
    const { db, by } = await provisionedHub();
    for (const login of Object.values(by)) {
      const url = urlAs(db, login);
      expect(await psql(url, "INSERT INTO audit_events (at, action, prev_hash, hash) VALUES ('t', 'x', 'p', 'h') RETURNING 1"), login.role).toMatchObject({ ok: true });
      for (const change of ["UPDATE audit_events SET action = 'y'", 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
        expect(await psql(url, change), `${login.role}: ${change}`).toEqual({ ok: false, out: expect.stringMatching(/permission denied for table audit_events/) });
      }
      expect(await psql(url, 'UPDATE schema_versions SET version = 1'), login.role).toEqual({ ok: false, out: expect.stringMatching(/permission denied/) });
    }
    expect((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_events`.execute(db.data)).rows[0]!.n).toBe(3);
  });

  it('through the repository code, a front-desk login records a contact but a note is refused in the app’s words, and nothing is written', async () => {
    const { db, by } = await provisionedHub();
    const staff = await insertStaffIn(db.data, { username: 'jo', displayName: 'Jo', role: 'front_desk', slotId: 's1', mustChangePassword: false, createdAt: AT, createdBy: null });
    const desk = postgresData(postgresPool({ connectionString: urlAs(db, by.front_desk), max: 2 }));
    try {
      const person = await desk.transaction().execute((trx) =>
        createPerson(trx, postgresEngine.peopleSearch, personFieldsSchema.parse({ clientCode: 'FD100' }), { id: staff, at: AT }, { mask: '', hint: '' }),
      );
      const record = (note: string) =>
        desk.transaction().execute(async (trx) => {
          const id = await recordContact(trx, person.id, contactFieldsSchema.parse({ setting: 'drop_in', occurredAt: AT, note }), { id: staff, at: AT }, 'UTC');
          await recordAuditIn(trx, { at: AT, actor: { id: staff, username: 'jo' }, action: 'contact.create', subjectType: 'contact', subjectId: id });
        });
      await record('');
      await expect(record('Talked about treatment')).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^Clinical records are not open in this session/) });
      const counts = await sql<{ contacts: number; events: number; month: number }>`
        SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM audit_events) AS events,
               (SELECT coalesce(sum(contacts), 0) FROM month_stats) AS month`.execute(db.data);
      expect(counts.rows[0]).toEqual({ contacts: 1, events: 1, month: 1 });
    } finally {
      await desk.destroy();
    }
  });
});
