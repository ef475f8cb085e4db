import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * Everyone chooses their own language (main step 6 adds the column). The front desk's and clinicians'
 * logins have no write on staff accounts (steps 6 and 7): they get UPDATE on that one column and
 * nothing else, so a language can be saved without giving back a way to change a role or a slot.
 * hub/roles.ts gives the same grant to a hub provisioned after this step.
 */
export const hubMigration0008: PgMigration = {
  version: 8,
  name: 'own_language',
  async up(db) {
    await sql`
      DO $do$
      DECLARE
        base text := regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g');
        r text;
      BEGIN
        FOREACH r IN ARRAY ARRAY[left(base, 63 - length('clinician') - 1) || '_clinician',
                                 left(base, 63 - length('front_desk') - 1) || '_front_desk'] LOOP
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('GRANT UPDATE (language) ON public.staff_users TO %I', r);
          END IF;
        END LOOP;
      END
      $do$;
    `.execute(db);
  },
};
