import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * The administrators' login sealed to each administrator's key slot and the recovery slot
 * (hub/admin-login.ts), no longer under the clinical key that clinicians hold too. The seals are made
 * by an administrator's session (the owner running this step has no keys): a hub made before keeps
 * its old seal in hub.logins until an administrator next signs in, which makes the new seals and
 * removes the old one. The administrators' login writes them; every login and the workstations' gate
 * read them (each opens only with its own slot). The clinicians' login also loses its write on staff
 * accounts, as the front desk's did in step 6: a clinician's login could otherwise make its own
 * account an administrator's, and the next administrator's session would seal the login to it.
 * And a change of the clinic's keys gives every role login a new password (hub/rotation.ts): the
 * administrators' login may set one through hub.set_login_password, with the owner's rights, for the
 * clinic's three role logins only.
 */
export const hubMigration0007: PgMigration = {
  version: 7,
  name: 'administrators_login_per_slot',
  async up(db) {
    await sql`
      CREATE FUNCTION hub.set_login_password(login_role text, new_password text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp SET password_encryption = 'scram-sha-256' AS $fn$
      DECLARE base text := regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g');
      BEGIN
        IF login_role NOT IN (left(base, 63 - length('administrator') - 1) || '_administrator',
                              left(base, 63 - length('clinician') - 1) || '_clinician',
                              left(base, 63 - length('front_desk') - 1) || '_front_desk') THEN
          RAISE EXCEPTION 'only the clinic''s role logins get a new password this way';
        END IF;
        IF new_password !~ '^[A-Za-z0-9_-]{43}$' THEN
          RAISE EXCEPTION 'a role login''s password is 32 random bytes, base64url';
        END IF;
        EXECUTE format('ALTER ROLE %I PASSWORD %L', login_role, new_password);
      END
      $fn$;
      REVOKE ALL ON FUNCTION hub.set_login_password(text, text) FROM PUBLIC;
      CREATE TABLE hub.admin_logins (
        slot_id    text PRIMARY KEY,
        public_key text NOT NULL,
        login      text NOT NULL,
        sealed     text NOT NULL
      );
      DO $do$
      DECLARE
        base text := regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g');
        admin_login text := left(base, 63 - length('administrator') - 1) || '_administrator';
        clinician_login text := left(base, 63 - length('clinician') - 1) || '_clinician';
        desk_login text := left(base, 63 - length('front_desk') - 1) || '_front_desk';
        gate text := left(base, 63 - length('gate') - 1) || '_gate';
        r text;
      BEGIN
        FOREACH r IN ARRAY ARRAY[admin_login, clinician_login, desk_login, gate] LOOP
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('GRANT SELECT ON hub.admin_logins TO %I', r);
          END IF;
        END LOOP;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = admin_login) THEN
          EXECUTE format('GRANT INSERT, UPDATE, DELETE ON hub.admin_logins TO %I', admin_login);
          EXECUTE format('GRANT DELETE ON hub.logins TO %I', admin_login);
          EXECUTE format('GRANT EXECUTE ON FUNCTION hub.set_login_password(text, text) TO %I', admin_login);
        END IF;
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = clinician_login) THEN
          EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.staff_users FROM %I', clinician_login);
        END IF;
      END
      $do$;
    `.execute(db);
  },
};
