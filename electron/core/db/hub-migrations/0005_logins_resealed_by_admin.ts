import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * A change of the clinic's keys on a hub seals each role's login again under the new keys
 * (hub/rotation.ts), done by an administrator: their login may now update hub.logins. New hubs get
 * the grant from hub/roles.ts; this gives it to the administrators' login of a hub made before.
 */
export const hubMigration0005: PgMigration = {
  version: 5,
  name: 'logins_resealed_by_admin',
  async up(db) {
    await sql`
      DO $do$
      DECLARE admin_login text := left(regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g'), 63 - length('administrator') - 1) || '_administrator';
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = admin_login) THEN
          EXECUTE format('GRANT UPDATE ON hub.logins TO %I', admin_login);
        END IF;
      END
      $do$;
    `.execute(db);
  },
};
