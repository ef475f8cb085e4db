import { createHash, randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { sql, type Kysely, type Transaction } from 'kysely';
import { hubError, postgresPool, type PostgresTarget } from '../data/postgres';
import { migratePostgres } from '../db/pg-migrate';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { hubRoleName, provisionGateRoleIn } from './roles';
import { normalizeFingerprint } from './tls';

/**
 * Pairing a workstation with the clinic hub: nobody types a connection string. On the hub the owner
 * makes a one-time pairing (`hub pair`) and gets a code; typed or pasted on a workstation, the code
 * gives it everything it needs to reach the hub and be sure it is the hub.
 *
 * The code carries the hub's address, port and database, its certificate's SHA-256 fingerprint (the
 * only certificate the workstation will trust: hub/tls.ts), when it stops working, and a one-time
 * token. The token is the password of a short-lived PostgreSQL login made for this pairing alone
 * (VALID UNTIL its time, SCRAM), whose one grant is to call hub.redeem_pairing() (hub-migrations/0003):
 * once, that makes the workstation's own login, a member of the gate role (only what signing in reads:
 * hub/roles.ts), and turns the pairing login off. Only PostgreSQL, over TLS to the pinned certificate.
 *
 * The code: version, port, expiry (minutes since 1970), fingerprint, pairing id, token, host (an IPv4
 * address in 4 bytes, or a name) and database, then the first 4 bytes of their SHA-256 as a check,
 * written in Crockford base32 in groups of 5. A mistyped code fails the check and is refused as such.
 */
export interface HubAddress {
  host: string;
  port: number;
  database: string;
  /** The hub certificate's SHA-256 fingerprint (hub/tls.ts). */
  fingerprint: string;
}

/** What a workstation keeps to reach the hub: its address, the pinned certificate, and its own login. */
export interface HubConnection extends HubAddress {
  login: string;
  password: string;
}

export interface ParsedPairingCode extends HubAddress {
  /** The pairing's login role. */
  login: string;
  token: string;
  expiresAt: Date;
}

export interface NewPairing {
  code: string;
  expiresAt: string;
  /** The pairing's login role, and the workstation login it will make. */
  login: string;
  workstationLogin: string;
}

const VERSION = 1;
const TOKEN_BYTES = 16;
const ID_BYTES = 4;
const CHECK_BYTES = 4;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(text: string): Buffer | null {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

const check = (body: Buffer) => createHash('sha256').update(body).digest().subarray(0, CHECK_BYTES);

/** The pairing login of a code: `<database>_pair_<its id in hex>`. */
const pairingLogin = (database: string, id: Buffer) => hubRoleName(database, `pair_${id.toString('hex')}`);

function encode(address: HubAddress, id: Buffer, token: Buffer, expiresAt: Date): string {
  const fingerprint = Buffer.from(normalizeFingerprint(address.fingerprint)!.replace(/:/g, ''), 'hex');
  const head = Buffer.alloc(7);
  head.writeUInt8(VERSION, 0);
  head.writeUInt16BE(address.port, 1);
  head.writeUInt32BE(Math.floor(expiresAt.getTime() / 60_000), 3);
  const host = isIPv4(address.host)
    ? Buffer.from([0, ...address.host.split('.').map(Number)])
    : Buffer.concat([Buffer.from([Buffer.byteLength(address.host)]), Buffer.from(address.host, 'utf8')]);
  const database = Buffer.concat([Buffer.from([Buffer.byteLength(address.database)]), Buffer.from(address.database, 'utf8')]);
  const body = Buffer.concat([head, fingerprint, id, token, host, database]);
  return base32(Buffer.concat([body, check(body)])).match(/.{1,5}/g)!.join('-');
}

const mistyped = () =>
  new DoorwayError('INVALID_INPUT', msg('hub.pairing.mistyped'));

/** Reads a pairing code as typed (any case, dashes and spaces or none, O for 0, I or L for 1); a mistyped code is refused. */
export function parsePairingCode(text: string): ParsedPairingCode {
  const normalized = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const bytes = unbase32(normalized);
  // Re-encoded, a whole code reads back the same: a character too many or too few does not.
  if (!bytes || bytes.length < 7 + 32 + ID_BYTES + TOKEN_BYTES + 2 + CHECK_BYTES || base32(bytes) !== normalized) throw mistyped();
  const body = bytes.subarray(0, bytes.length - CHECK_BYTES);
  if (!check(body).equals(bytes.subarray(bytes.length - CHECK_BYTES))) throw mistyped();
  if (body.readUInt8(0) !== VERSION) {
    throw new DoorwayError('INVALID_INPUT', msg('hub.pairing.newerVersion'));
  }
  try {
    let at = 7;
    const take = (n: number) => {
      if (at + n > body.length) throw mistyped();
      const part = body.subarray(at, at + n);
      at += n;
      return part;
    };
    const port = body.readUInt16BE(1);
    const expiresAt = new Date(body.readUInt32BE(3) * 60_000);
    const fingerprint = normalizeFingerprint(take(32).toString('hex'))!;
    const id = take(ID_BYTES);
    const token = take(TOKEN_BYTES).toString('base64url');
    const hostLength = take(1)[0]!;
    const host = hostLength === 0 ? [...take(4)].join('.') : take(hostLength).toString('utf8');
    const database = take(take(1)[0]!).toString('utf8');
    if (at !== body.length || !port || !database) throw mistyped();
    return { host, port, database, fingerprint, login: pairingLogin(database, id), token, expiresAt };
  } catch (e) {
    throw e instanceof DoorwayError ? e : mistyped();
  }
}

/**
 * Makes a one-time pairing on the hub, as the database's owner: a login role that works until
 * `now + validMinutes` (15 by default) and may only redeem this pairing. Pairings already used or past
 * their time lose their logins here (their rows stay, as the record of which workstation paired when).
 */
export async function createPairing(
  owner: Kysely<unknown>,
  input: HubAddress & { now: string | Date; validMinutes?: number },
): Promise<NewPairing> {
  const fingerprint = normalizeFingerprint(input.fingerprint);
  if (!fingerprint) throw new DoorwayError('INVALID_INPUT', msg('hub.pairing.notAFingerprint'));
  const minutes = input.validMinutes ?? 15;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
    throw new DoorwayError('INVALID_INPUT', msg('hub.pairing.validFor'));
  }
  if (!input.host || Buffer.byteLength(input.host) > 255 || !Number.isInteger(input.port) || input.port < 1 || input.port > 65535) {
    throw new DoorwayError('INVALID_INPUT', msg('hub.pairing.badAddress'));
  }
  const now = new Date(input.now);
  // Whole minutes, as the code carries them, so the code and the login stop working at the same moment.
  const expiresAt = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + minutes * 60_000);
  await migratePostgres(owner);
  return owner.transaction().execute(async (trx) => {
    const database = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(trx)).rows[0]!.db;
    if (database !== input.database) {
      throw new DoorwayError('INVALID_INPUT', msg('hub.pairing.otherDatabase', { wanted: input.database, database }));
    }
    await retireOldPairingsIn(trx, now);
    const gate = await provisionGateRoleIn(trx);
    const number = (await sql<{ n: number }>`SELECT nextval('hub.pairing_numbers')::integer AS n`.execute(trx)).rows[0]!.n;
    const id = randomBytes(ID_BYTES);
    const token = randomBytes(TOKEN_BYTES);
    const login = pairingLogin(database, id);
    const workstationLogin = hubRoleName(database, `ws_${number}`);
    const ident = (name: string) => sql.id(name);
    await sql`SET LOCAL password_encryption = 'scram-sha-256'`.execute(trx);
    // Utility statements take no parameters; the token is base64url and the time ISO (no quote in either).
    await sql`CREATE ROLE ${ident(login)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT CONNECTION LIMIT 2
              PASSWORD ${sql.lit(token.toString('base64url'))} VALID UNTIL ${sql.lit(expiresAt.toISOString())}`.execute(trx);
    await sql`GRANT CONNECT ON DATABASE ${ident(database)} TO ${ident(login)}`.execute(trx);
    await sql`GRANT USAGE ON SCHEMA hub TO ${ident(login)}`.execute(trx);
    await sql`GRANT EXECUTE ON FUNCTION hub.redeem_pairing() TO ${ident(login)}`.execute(trx);
    await sql`INSERT INTO hub.pairings (id, login, workstation_login, gate, created_at, expires_at)
              VALUES (${number}, ${login}, ${workstationLogin}, ${gate}, ${now.toISOString()}, ${expiresAt.toISOString()})`.execute(trx);
    const code = encode({ ...input, fingerprint }, id, token, expiresAt);
    return { code, expiresAt: expiresAt.toISOString(), login, workstationLogin };
  });
}

/** The logins of pairings used or past their time are dropped (with their grants); a failure here leaves them for next time. */
async function retireOldPairingsIn(trx: Transaction<unknown>, now: Date): Promise<void> {
  const old = await sql<{ login: string }>`
    SELECT p.login FROM hub.pairings p JOIN pg_roles r ON r.rolname = p.login
    WHERE p.used_at IS NOT NULL OR p.expires_at <= ${now.toISOString()}`.execute(trx);
  const database = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(trx)).rows[0]!.db;
  for (const { login } of old.rows) {
    await sql`SAVEPOINT retire_pairing`.execute(trx);
    try {
      await sql`REVOKE ALL ON FUNCTION hub.redeem_pairing() FROM ${sql.id(login)}`.execute(trx);
      await sql`REVOKE ALL ON SCHEMA hub FROM ${sql.id(login)}`.execute(trx);
      await sql`REVOKE ALL ON DATABASE ${sql.id(database)} FROM ${sql.id(login)}`.execute(trx);
      await sql`DROP ROLE ${sql.id(login)}`.execute(trx);
      await sql`RELEASE SAVEPOINT retire_pairing`.execute(trx);
    } catch {
      await sql`ROLLBACK TO SAVEPOINT retire_pairing`.execute(trx);
    }
  }
}

const hostInUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** A PostgreSQL target for a login on the hub, TLS pinned to the hub's certificate. */
export function hubConnectionTarget(hub: HubAddress & { login: string; password: string }, max = 2): PostgresTarget {
  const url = `postgres://${encodeURIComponent(hub.login)}:${encodeURIComponent(hub.password)}@${hostInUrl(hub.host)}:${hub.port}/${encodeURIComponent(hub.database)}`;
  return { connectionString: url, pinnedFingerprint: hub.fingerprint, max };
}

const alreadyUsed = () =>
  new DoorwayError('FORBIDDEN', msg('hub.pairing.alreadyUsed'));

const expired = (at: Date) =>
  new DoorwayError('FORBIDDEN', msg('hub.pairing.expired', { time: at.toISOString().slice(11, 16) }));

/**
 * The workstation's side: connects to the hub the code names, over TLS to the certificate the code
 * names and no other (a different certificate is refused before anything is sent), and redeems the
 * pairing. Returns what the workstation keeps. A used, expired or withdrawn code is refused and
 * changes nothing on the hub.
 */
export async function redeemPairing(code: string, opts: { now?: Date } = {}): Promise<HubConnection> {
  const parsed = parsePairingCode(code);
  if (parsed.expiresAt.getTime() <= (opts.now ?? new Date()).getTime()) throw expired(parsed.expiresAt);
  return redeemPairingAt(hubConnectionTarget({ ...parsed, password: parsed.token }, 1), parsed);
}

/**
 * Redeems a parsed pairing over the given target (redeemPairing's connection, pinned to the code's
 * certificate; or a server the clinic runs with its own TLS set-up).
 */
export async function redeemPairingAt(target: PostgresTarget, parsed: ParsedPairingCode): Promise<HubConnection> {
  const pool = postgresPool({ ...target, max: 1 });
  try {
    const row = (await pool.query<{ ws_login: string; ws_password: string }>('SELECT ws_login, ws_password FROM hub.redeem_pairing()')).rows[0];
    if (!row) throw new Error('hub.redeem_pairing() returned nothing');
    return { host: parsed.host, port: parsed.port, database: parsed.database, fingerprint: parsed.fingerprint, login: row.ws_login, password: row.ws_password };
  } catch (e) {
    throw pairingError(e, parsed.expiresAt);
  } finally {
    await pool.end();
  }
}

function pairingError(e: unknown, expiresAt: Date): unknown {
  if (e instanceof DoorwayError) return e;
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message : '';
  // The pairing login was turned off when the code was redeemed.
  if ((code === '28000' && /not permitted to log in/.test(message)) || /doorway pairing: already used/.test(message)) return alreadyUsed();
  if (/doorway pairing: expired/.test(message)) return expired(expiresAt);
  // The password is refused once VALID UNTIL has passed, or when the login was dropped (withdrawn, or tidied after use).
  if (code === '28P01') {
    return new DoorwayError('FORBIDDEN', msg('hub.pairing.notAccepted'));
  }
  return hubError(e);
}
