import { sql } from 'kysely';
import type { PgMigration } from '../migrations/pg/types';

/**
 * Pairing a workstation with the hub (hub/pairing.ts) with nothing but PostgreSQL: no connection
 * string typed, no server of Doorway's own.
 *   - hub.pairings: each one-time pairing the owner made, the short-lived login role whose password is
 *     the code's token, the workstation login it will make and the gate role that login joins, and
 *     when it was used;
 *   - hub.redeem_pairing(): what that login may call, once. It runs as its owner (SECURITY DEFINER,
 *     the database's owner, who may create roles), with the search path pinned so nothing a caller puts
 *     on it is used. It finds the pairing by the login that called it (session_user), refuses one used
 *     or past its time, makes the workstation's own login with a fresh random password as a member of
 *     the gate, marks the pairing used and turns the pairing login off, all in the caller's one
 *     transaction, and returns the new login and its password.
 * gen_random_uuid() is PostgreSQL's own (13+), from its strong random source: two of them give the
 * password 244 random bits.
 */
export const hubMigration0003: PgMigration = {
  version: 3,
  name: 'pairing',
  async up(db) {
    await sql`
      CREATE SEQUENCE hub.pairing_numbers;
      CREATE TABLE hub.pairings (
        id                integer PRIMARY KEY,
        login             text NOT NULL UNIQUE,
        workstation_login text NOT NULL UNIQUE,
        gate              text NOT NULL,
        created_at        timestamptz NOT NULL,
        expires_at        timestamptz NOT NULL,
        used_at           timestamptz
      );
      CREATE FUNCTION hub.redeem_pairing() RETURNS TABLE (ws_login text, ws_password text)
        LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp
        SET password_encryption = 'scram-sha-256'
      AS $fn$
      DECLARE
        p hub.pairings%ROWTYPE;
        secret text;
      BEGIN
        SELECT * INTO p FROM hub.pairings WHERE hub.pairings.login = session_user FOR UPDATE;
        IF NOT FOUND THEN
          RAISE EXCEPTION 'doorway pairing: no pairing for this login' USING ERRCODE = '42501';
        END IF;
        IF p.used_at IS NOT NULL THEN
          RAISE EXCEPTION 'doorway pairing: already used' USING ERRCODE = '42501';
        END IF;
        IF p.expires_at <= now() THEN
          RAISE EXCEPTION 'doorway pairing: expired' USING ERRCODE = '42501';
        END IF;
        secret := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
        EXECUTE format('CREATE ROLE %I WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT PASSWORD %L IN ROLE %I', p.workstation_login, secret, p.gate);
        EXECUTE format('ALTER ROLE %I WITH NOLOGIN', p.login);
        UPDATE hub.pairings SET used_at = now() WHERE id = p.id;
        RETURN QUERY SELECT p.workstation_login, secret;
      END
      $fn$;
      REVOKE ALL ON FUNCTION hub.redeem_pairing() FROM PUBLIC;
      REVOKE ALL ON hub.pairings FROM PUBLIC;
    `.execute(db);
  },
};
