import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * A staff member changes their own password on a hub: their slot in hub.keyslots is replaced. Only the
 * administrators' login may rewrite the key slots (hub/roles.ts), so this function, run with its
 * owner's rights, is the one way the other logins may touch them: it replaces one password slot that
 * is already there, by its id, with a password slot of the same id. It cannot add or remove a slot
 * or touch the recovery slot. The logins get EXECUTE from hub/roles.ts.
 */
export const hubMigration0004: PgMigration = {
  version: 4,
  name: 'own_password_slot',
  async up(db) {
    await sql`
      CREATE FUNCTION hub.replace_password_slot(new_slot text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      DECLARE
        s jsonb := new_slot::jsonb;
        f jsonb;
      BEGIN
        IF s->>'kind' IS DISTINCT FROM 'password' OR s->>'id' IS NULL THEN
          RAISE EXCEPTION 'only a password slot can be replaced this way';
        END IF;
        SELECT file::jsonb INTO f FROM hub.keyslots WHERE id = 1 FOR UPDATE;
        IF f IS NULL OR NOT EXISTS (
          SELECT 1 FROM jsonb_array_elements(f->'slots') e WHERE e->>'id' = s->>'id' AND e->>'kind' = 'password'
        ) THEN
          RAISE EXCEPTION 'there is no such password slot to replace';
        END IF;
        UPDATE hub.keyslots
           SET file = jsonb_set(f, '{slots}', (
                 SELECT jsonb_agg(CASE WHEN e->>'id' = s->>'id' THEN s ELSE e END ORDER BY i)
                   FROM jsonb_array_elements(f->'slots') WITH ORDINALITY AS t(e, i)))::text,
               updated_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         WHERE id = 1;
      END
      $fn$;
      REVOKE ALL ON FUNCTION hub.replace_password_slot(text) FROM PUBLIC;
    `.execute(db);
  },
};
