import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { postgresData, postgresPool } from '../../electron/core/data/postgres';
import { initHub } from '../../electron/core/hub/init';
import { createPairing, parsePairingCode, redeemPairing, redeemPairingAt, type ParsedPairingCode } from '../../electron/core/hub/pairing';
import { hubGateName } from '../../electron/core/hub/roles';
import { signInToHub } from '../../electron/core/hub/session';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { ADMIN, TEST_KDF } from '../support/vault';
import { cliRun } from '../support/cli';
import { describePg, dropPgDatabases, freshPgDatabase, sql, untyped, type PgTestDatabase } from '../support/pg';

/**
 * Pairing on the database side (hub/pairing.ts, hub-migrations/0003), on the tests' PostgreSQL. That
 * server has no TLS, so here the pairing login connects without it (redeemPairingAt); the same steps
 * over TLS pinned to the hub's certificate are in hub-server.test.ts, on Doorway's own server.
 */
afterEach(dropPgDatabases);

const NOW = new Date();
// Any fingerprint: nothing checks it on a server without TLS.
const FINGERPRINT = randomBytes(32).toString('hex');

async function clinicHub(): Promise<PgTestDatabase> {
  const hub = await freshPgDatabase();
  await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic' }, admin: { ...ADMIN }, now: NOW.toISOString() }, { kdfCost: TEST_KDF });
  return hub;
}

const owner = (hub: PgTestDatabase) => untyped(hub);
const databaseOf = (hub: PgTestDatabase) => new URL(hub.url).pathname.slice(1);

function pair(hub: PgTestDatabase, now = NOW, validMinutes = 15) {
  const url = new URL(hub.url);
  return createPairing(owner(hub), { host: url.hostname, port: Number(url.port), database: databaseOf(hub), fingerprint: FINGERPRINT, now, validMinutes });
}

/** What a login of the hub's may connect as, on this server without TLS. */
function as(hub: PgTestDatabase, login: string, password: string) {
  const url = new URL(hub.url);
  url.username = login;
  url.password = password;
  return { connectionString: url.toString(), max: 1 };
}

const redeemHere = (hub: PgTestDatabase, parsed: ParsedPairingCode) => redeemPairingAt(as(hub, parsed.login, parsed.token), parsed);

async function roleState(hub: PgTestDatabase, names: string[]) {
  const rows = await sql<{ rolname: string; rolcanlogin: boolean }>`SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname IN (${sql.join(names)}) ORDER BY rolname`.execute(hub.data);
  return rows.rows;
}

async function pairings(hub: PgTestDatabase) {
  return (await sql<{ login: string; used: boolean }>`SELECT login, used_at IS NOT NULL AS used FROM hub.pairings ORDER BY id`.execute(owner(hub))).rows;
}

describePg('pairing a workstation with the clinic hub', () => {
  it("carries the hub's address and certificate in a code that survives retyping, and refuses a mistyped one", async () => {
    const hub = await clinicHub();
    const made = await pair(hub);
    expect(made.code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5})+$/);
    const parsed = parsePairingCode(made.code);
    const url = new URL(hub.url);
    expect(parsed).toMatchObject({ host: url.hostname, port: Number(url.port), database: databaseOf(hub), login: made.login, expiresAt: new Date(made.expiresAt) });
    expect(parsed.fingerprint).toBe(FINGERPRINT.toUpperCase().match(/../g)!.join(':'));
    // Typed in lower case, without dashes, with O for 0 and l for 1: the same code.
    const typed = made.code.toLowerCase().replace(/-/g, '').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parsePairingCode(typed)).toEqual(parsed);

    const chars = made.code.replace(/-/g, '');
    const oneWrong = chars.slice(0, 20) + (chars[20] === 'A' ? 'B' : 'A') + chars.slice(21);
    const swapped = chars.slice(0, 30) + chars[31] + chars[30] + chars.slice(32);
    for (const bad of [oneWrong, chars.slice(0, -1), `${chars}Q`, 'hello', '']) {
      expect(() => parsePairingCode(bad), bad).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          message: expect.stringMatching(/^That pairing code isn't right: a character may be mistyped or missing\..*Nothing was changed\.$/),
          said: { key: 'hub.pairing.mistyped' },
        }),
      );
    }
    if (chars[30] !== chars[31]) expect(() => parsePairingCode(swapped)).toThrow(/mistyped/);
    // A mistyped code touched nothing on the hub: the pairing is still there to be used.
    expect(await pairings(hub)).toEqual([{ login: made.login, used: false }]);
  });

  it('works once: the workstation gets its own login in the gate, the pairing login is turned off, and a second try is refused with nothing changed', async () => {
    const hub = await clinicHub();
    const made = await pair(hub);
    const parsed = parsePairingCode(made.code);
    const joined = await redeemHere(hub, parsed);
    expect(joined).toMatchObject({ host: parsed.host, port: parsed.port, database: parsed.database, fingerprint: parsed.fingerprint, login: made.workstationLogin });
    expect(joined.password).toMatch(/^[0-9a-f]{64}$/);
    expect(await roleState(hub, [made.login, made.workstationLogin])).toEqual(
      [
        { rolname: made.login, rolcanlogin: false },
        { rolname: made.workstationLogin, rolcanlogin: true },
      ].sort((a, b) => a.rolname.localeCompare(b.rolname)),
    );
    const member = await sql<{ m: boolean }>`SELECT pg_has_role(${made.workstationLogin}, ${hubGateName(databaseOf(hub))}, 'MEMBER') AS m`.execute(hub.data);
    expect(member.rows[0]!.m).toBe(true);
    const stored = await sql<{ scram: boolean }>`SELECT rolpassword LIKE 'SCRAM-SHA-256$%' AS scram FROM pg_authid WHERE rolname = ${made.workstationLogin}`.execute(hub.data);
    expect(stored.rows[0]!.scram).toBe(true);
    expect(await pairings(hub)).toEqual([{ login: made.login, used: true }]);

    const workstationsBefore = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM pg_roles WHERE rolname LIKE ${`${databaseOf(hub)}\\_ws\\_%`}`.execute(hub.data);
    await expect(redeemHere(hub, parsed)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This pairing code has already been used: each code pairs one computer. Please make a new one on the hub (hub pair). Nothing was changed.',
      said: { key: 'hub.pairing.alreadyUsed' },
    });
    const workstationsAfter = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM pg_roles WHERE rolname LIKE ${`${databaseOf(hub)}\\_ws\\_%`}`.execute(hub.data);
    expect(workstationsAfter.rows[0]!.n).toBe(workstationsBefore.rows[0]!.n);
    expect(workstationsAfter.rows[0]!.n).toBe(1);

    // The next pairing retires the used pairing's login (its row stays as the record) and makes the next workstation number.
    const next = await pair(hub);
    expect(await roleState(hub, [made.login])).toEqual([]);
    expect(next.workstationLogin).toBe(`${databaseOf(hub)}_ws_2`);
    expect(await pairings(hub)).toEqual([
      { login: made.login, used: true },
      { login: next.login, used: false },
    ]);
  });

  it('refuses an expired code, on the workstation and on the hub, and makes nothing', async () => {
    const hub = await clinicHub();
    const made = await pair(hub, new Date(Date.now() - 30 * 60_000), 15);
    const parsed = parsePairingCode(made.code);
    await expect(redeemPairing(made.code)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/^This pairing code has expired \(it was good until \d\d:\d\d UTC\)\. Please make a new one on the hub \(hub pair\)\. Nothing was changed\.$/),
      // Staff read it in their own language, with the time in place.
      said: { key: 'hub.pairing.expired', params: { time: expect.stringMatching(/^\d\d:\d\d$/) } },
    });
    // A workstation whose clock is behind still gets no further: PostgreSQL refuses the login past its VALID UNTIL.
    await expect(redeemHere(hub, parsed)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^The hub didn't accept this pairing code: it may have expired or already been used\..*Nothing was changed\.$/) });
    expect(await roleState(hub, [made.workstationLogin])).toEqual([]);
    expect(await pairings(hub)).toEqual([{ login: made.login, used: false }]);
  });

  it("gives the workstation's login only what signing in reads, and signs a staff member in through it as a workstation does", async () => {
    const hub = await clinicHub();
    const joined = await redeemHere(hub, parsePairingCode((await pair(hub)).code));
    const target = as(hub, joined.login, joined.password);
    const gate = postgresData(postgresPool(target));
    try {
      const raw = gate as unknown as Kysely<unknown>;
      for (const table of ['hub.keyslots', 'hub.logins', 'staff_users']) {
        await expect(sql`SELECT count(*) FROM ${sql.table(table)}`.execute(raw), table).resolves.toBeTruthy();
      }
      for (const table of ['people', 'contacts', 'audit_events', 'settings', 'clinical.contact_notes', 'hub.pairings', 'hub.people_search']) {
        await expect(sql`SELECT count(*) FROM ${sql.table(table)}`.execute(raw), table).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
      await expect(sql`INSERT INTO audit_events (at) VALUES ('x')`.execute(raw)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(sql`SELECT * FROM hub.redeem_pairing()`.execute(raw)).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const session = await signInToHub(gate, target, ADMIN.username, ADMIN.password, { kdfCost: TEST_KDF });
      try {
        expect((await sql<{ u: string }>`SELECT current_user AS u`.execute(session.data)).rows[0]!.u).toMatch(/_administrator$/);
        expect(await session.data.selectFrom('clinical.contact_notes').selectAll().execute()).toEqual([]);
      } finally {
        await session.close();
      }
      await expect(signInToHub(gate, target, ADMIN.username, 'not the password', { kdfCost: TEST_KDF })).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
    } finally {
      await gate.destroy();
    }
  });

  it('hub pair --pg-url refuses a server without TLS: a pairing code must name a certificate', async () => {
    const hub = await clinicHub();
    const result = await cliRun(['hub', 'pair', '--pg-url', hub.url]);
    expect(result).toMatchObject({ code: 1, out: '' });
    expect(result.err).toMatch(/^The server at that address doesn't offer an encrypted connection, so Doorway did not connect\. Nothing was sent\. Pairing needs a hub with TLS\.$/m);
    expect(await pairings(hub)).toEqual([]);
  });
});
