import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { canReadClinical, ROLES, type Role } from '../../../shared/roles';

/**
 * On a clinic hub PostgreSQL itself enforces the roles (DESIGN.md, Clinic hub), not only the router:
 * one login role per Doorway role, each with only its grants.
 *   - every role reads and writes the main schema, and may add to the audit trail but never change,
 *     remove or empty it (no UPDATE, DELETE or TRUNCATE on audit_events; the table's own trigger
 *     refuses even its owner);
 *   - only the roles that may read clinical content (shared/roles.ts) have any grant on the clinical
 *     schema: a front-desk login is refused by PostgreSQL whatever the app asks;
 *   - nobody else may connect to the clinic's database.
 * Passwords are long random secrets stored as SCRAM-SHA-256; the caller keeps them sealed (the key
 * slots), so a staff member's own password is what unlocks their role's login.
 */
export interface HubLogin {
  role: Role;
  /** The PostgreSQL login role's name. */
  login: string;
  password: string;
}

/** Login roles are per database (the server may hold other databases): `<database>_<role>`, within PostgreSQL's 63 bytes. */
export function hubLoginName(database: string, role: Role): string {
  const base = database.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63 - role.length - 1);
  return `${base}_${role}`;
}

const ident = (name: string): RawBuilder<unknown> => sql.id(name);

/** A role of the clinic's database other than the role logins: `<database>_<suffix>`, within 63 bytes. */
export function hubRoleName(database: string, suffix: string): string {
  return `${database.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

/** The group role every paired workstation's login is a member of (hub/pairing.ts): `<database>_gate`. */
export const hubGateName = (database: string): string => hubRoleName(database, 'gate');

/**
 * The gate: what a workstation may do before a staff member's keys are open, which is only what
 * signing in reads (hub/session.ts signInToHub): the key slots, the sealed role logins (each opens only
 * with its role's keys) and the staff list (who a slot belongs to, and whether the account is on).
 * No login of its own (NOLOGIN): workstations log in as their own member roles, so one can be
 * turned off without the others. Made (or its grants set again) in the caller's transaction.
 */
export async function provisionGateRoleIn(trx: Transaction<unknown>): Promise<string> {
  const database = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(trx)).rows[0]!.db;
  const gate = hubGateName(database);
  const exists = (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM pg_roles WHERE rolname = ${gate}`.execute(trx)).rows[0]!.n > 0;
  if (!exists) await sql`CREATE ROLE ${ident(gate)} WITH NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE`.execute(trx);
  await sql`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(gate)}`.execute(trx);
  await sql`GRANT USAGE ON SCHEMA public, hub TO ${ident(gate)}`.execute(trx);
  await sql`GRANT SELECT ON hub.keyslots, hub.logins, hub.admin_logins, staff_users TO ${ident(gate)}`.execute(trx);
  return gate;
}

/**
 * Creates (or, run again, gives new passwords to) the three login roles of the clinic's database and
 * sets their grants, including for tables later schema steps add. Run by the database's owner, after
 * the schema steps (db/pg-migrate.ts), in one transaction.
 */
export async function provisionHubRoles(owner: Kysely<unknown>): Promise<HubLogin[]> {
  return owner.transaction().execute((trx) => provisionHubRolesIn(trx));
}

/** The same, inside the caller's transaction (hub/init.ts makes the roles and the keys that seal their passwords together). */
export async function provisionHubRolesIn(trx: Transaction<unknown>): Promise<HubLogin[]> {
  const database = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(trx)).rows[0]!.db;
  await sql`SET LOCAL password_encryption = 'scram-sha-256'`.execute(trx);
  const logins: HubLogin[] = [];
  for (const role of ROLES) {
    const login = hubLoginName(database, role);
    const password = randomBytes(32).toString('base64url');
    const exists = (await sql<{ n: number }>`SELECT count(*)::integer AS n FROM pg_roles WHERE rolname = ${login}`.execute(trx)).rows[0]!.n > 0;
    // Utility statements take no parameters; the password is base64url (no quote can occur in it).
    await sql`${sql.raw(exists ? 'ALTER' : 'CREATE')} ROLE ${ident(login)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${sql.lit(password)}`.execute(trx);
    logins.push({ role, login, password });
  }
  const all = sql.join(logins.map((l) => ident(l.login)));
  const clinical = sql.join(logins.filter((l) => canReadClinical(l.role)).map((l) => ident(l.login)));
  await sql`REVOKE ALL ON DATABASE ${ident(database)} FROM PUBLIC`.execute(trx);
  await sql`GRANT CONNECT ON DATABASE ${ident(database)} TO ${all}`.execute(trx);

  await sql`REVOKE ALL ON SCHEMA public FROM PUBLIC`.execute(trx);
  await sql`GRANT USAGE ON SCHEMA public TO ${all}`.execute(trx);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${all}`.execute(trx);
  await sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${all}`.execute(trx);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${all}`.execute(trx);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${all}`.execute(trx);
  // The trail is appended to, never changed; the schema's version is the owner's to change.
  await sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${all}`.execute(trx);
  await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_versions FROM ${all}`.execute(trx);

  // Every login reads the key slots and the sealed logins (each opens only with its own keys); only
  // an administrator changes the key slots (adding staff, changing a key).
  await sql`REVOKE ALL ON SCHEMA hub FROM PUBLIC`.execute(trx);
  await sql`GRANT USAGE ON SCHEMA hub TO ${all}`.execute(trx);
  await sql`GRANT SELECT ON hub.keyslots, hub.logins, hub.admin_logins TO ${all}`.execute(trx);
  // The people search's own table (hub-migrations/0002), kept as people are added and changed.
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON hub.people_search TO ${all}`.execute(trx);
  const admin = ident(logins.find((l) => l.role === 'administrator')!.login);
  await sql`GRANT UPDATE ON hub.keyslots TO ${admin}`.execute(trx);
  // A change of the clinic's keys seals each role's login again (hub/rotation.ts): administrators only.
  await sql`GRANT UPDATE ON hub.logins TO ${admin}`.execute(trx);
  // The administrators' login is sealed to each administrator's slot, by an administrator (hub/admin-login.ts).
  await sql`GRANT INSERT, UPDATE, DELETE ON hub.admin_logins TO ${admin}`.execute(trx);
  await sql`GRANT DELETE ON hub.logins TO ${admin}`.execute(trx);
  // A change of the clinic's keys gives every role login a new password (hub/rotation.ts, hub-migrations/0007).
  await sql`GRANT EXECUTE ON FUNCTION hub.set_login_password(text, text) TO ${admin}`.execute(trx);
  // Everyone else changes only their own password slot, through the function that can do nothing more (hub-migrations/0004, 0006).
  await sql`GRANT EXECUTE ON FUNCTION hub.replace_password_slot(text) TO ${all}`.execute(trx);

  // The front desk keeps people and contacts; it never writes staff accounts, the clinic's settings or
  // its catalog, whatever a session asks (its own new password goes through hub.replace_password_slot).
  const desk = ident(logins.find((l) => l.role === 'front_desk')!.login);
  await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON staff_users, settings, catalog_items FROM ${desk}`.execute(trx);
  // Clinicians never write staff accounts either: a clinician's login could otherwise make its own
  // account an administrator's, and the next administrator's session would seal that login to it.
  const clinician = ident(logins.find((l) => l.role === 'clinician')!.login);
  await sql`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON staff_users FROM ${clinician}`.execute(trx);
  // Both choose their own language all the same: that one column and nothing else (hub-migrations/0008).
  await sql`GRANT UPDATE (language) ON staff_users TO ${desk}, ${clinician}`.execute(trx);

  await sql`REVOKE ALL ON SCHEMA clinical FROM PUBLIC`.execute(trx);
  await sql`REVOKE ALL ON ALL TABLES IN SCHEMA clinical FROM ${all}`.execute(trx);
  await sql`REVOKE USAGE ON SCHEMA clinical FROM ${all}`.execute(trx);
  await sql`GRANT USAGE ON SCHEMA clinical TO ${clinical}`.execute(trx);
  await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA clinical TO ${clinical}`.execute(trx);
  await sql`ALTER DEFAULT PRIVILEGES IN SCHEMA clinical GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${clinical}`.execute(trx);
  await provisionGateRoleIn(trx);
  return logins;
}
