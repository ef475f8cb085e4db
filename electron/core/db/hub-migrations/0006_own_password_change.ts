import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * A staff member's own new password on a hub, whole in one call: the password slot replaced (as in
 * step 4), the records' copy of its public key (settings `vault.slotPublicKeys`, what a key change
 * seals to) and the "must choose a new password" mark cleared. With it, the front desk's login needs
 * no write on staff_users or settings at all (hub/roles.ts takes those away): a front-desk login
 * cannot make itself an administrator, change the clinic's settings or another account.
 */
export const hubMigration0006: PgMigration = {
  version: 6,
  name: 'own_password_change',
  async up(db) {
    await sql`
      CREATE OR REPLACE FUNCTION hub.replace_password_slot(new_slot text) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      DECLARE
        s jsonb := new_slot::jsonb;
        f jsonb;
        slot_key jsonb;
      BEGIN
        IF s->>'kind' IS DISTINCT FROM 'password' OR s->>'id' IS NULL OR s->>'publicKey' IS NULL THEN
          RAISE EXCEPTION 'only a sealed password slot can be replaced this way';
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
        slot_key := jsonb_build_object(s->>'id', jsonb_build_object('publicKey', s->>'publicKey', 'kind', 'password'));
        INSERT INTO public.settings (key, value) VALUES ('vault.slotPublicKeys', slot_key::text)
          ON CONFLICT (key) DO UPDATE SET value = (public.settings.value::jsonb || slot_key)::text;
        UPDATE public.staff_users SET must_change_password = 0 WHERE slot_id = s->>'id';
      END
      $fn$;
      REVOKE ALL ON FUNCTION hub.replace_password_slot(text) FROM PUBLIC;
      DO $do$
      DECLARE desk text := left(regexp_replace(lower(current_database()), '[^a-z0-9_]', '_', 'g'), 63 - length('front_desk') - 1) || '_front_desk';
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = desk) THEN
          EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON public.staff_users, public.settings, public.catalog_items FROM %I', desk);
        END IF;
      END
      $do$;
    `.execute(db);
  },
};
