import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { THROTTLE_FILE } from '../../electron/core/session/sign-in';
import { invoke, type Doorway, type Router } from '../../electron/core';
import { channelNames, channels, type ChannelName } from '../../shared/contract';
import { ERROR_CODES } from '../../shared/result';
import type { Role } from '../../shared/roles';
import { sampleInputs } from '../support/sample-inputs';
import { onPostgres } from '../support/engine';
import { addStaff, unwrap } from '../support/staff';
import { ADMIN, closeCore, contentHash, removeDir, reopen, settled, setUpVault, tempDir } from '../support/vault';

/**
 * IPC fuzzing: at least 10,000 random and malformed payloads across every channel, as each role and
 * without a session. Every call must answer with a typed error or a result that matches the channel's
 * output schema, never throw, and a refused call must leave the records exactly as they were.
 */
// On a hub every call and every "nothing changed" check crosses to PostgreSQL: there the run is shorter
// (the SQLite run's 10,000 cover the router; this one, the same checks over the hub's data layer).
const CALLS = Number(process.env.DOORWAY_FUZZ_CALLS ?? (onPostgres ? 4_000 : 10_000));
const SEED = Number(process.env.DOORWAY_FUZZ_SEED ?? 20260302);

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

/** mulberry32: small, seeded, good enough to pick payloads reproducibly. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof prng>;

const HUGE = 'x'.repeat(1_000_000);
const HUGE_UNICODE = '\u{1F600}\u0000\uD800'.repeat(50_000);

function deep(depth: number, asArray: boolean): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

const POLLUTED = [
  () => JSON.parse('{"__proto__": {"isAdmin": true, "role": "administrator"}}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  () => JSON.parse('{"__proto__": null, "id": 1}'),
  () => JSON.parse('{"id": 1, "__proto__": {"id": 2}, "constructor": "x", "prototype": {}}'),
  () => JSON.parse('{"toString": "not a function", "valueOf": 1, "hasOwnProperty": false}'),
];

const BAD_NUMBERS = [NaN, Infinity, -Infinity, -1, 0, -0, 0.5, 1.5, 2 ** 53, 2 ** 53 + 2, 2 ** 64, -(2 ** 63), 1e308, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER];

function randomValue(rng: Rng, depthBudget = 2): unknown {
  switch (rng.int(14)) {
    case 0:
      return rng.pick([undefined, null, true, false]);
    case 1:
    case 2:
      return rng.pick(BAD_NUMBERS);
    case 3:
      return rng.pick(['', ' ', 'x', '0', '1', '-1', 'null', 'NaN', 'true', '2026-13-45', '1e309', '<script>alert(1)</script>', "'; DROP TABLE people; --"]);
    case 4:
      return rng.pick([HUGE, HUGE_UNICODE, 'é'.repeat(10_000)]);
    case 5:
      return rng.pick(POLLUTED)();
    case 6:
      return deep(rng.pick([50, 1000, 10_000]), rng.chance(0.5));
    case 7:
      return depthBudget > 0 ? Array.from({ length: rng.int(4) }, () => randomValue(rng, depthBudget - 1)) : [];
    case 8:
      return depthBudget > 0 ? Object.fromEntries(Array.from({ length: rng.int(4) }, (_, i) => [`k${i}`, randomValue(rng, depthBudget - 1)])) : {};
    case 9:
      return new Array(100_000).fill(0);
    case 10:
      // Ids that exist (River and Sam; the fuzzing sessions' own accounts are left alone) and one that does not.
      return rng.pick([1, 2, 999_999]);
    case 11:
      return { ...rng.pick(POLLUTED)(), ...(depthBudget > 0 ? { nested: randomValue(rng, depthBudget - 1) } : {}) };
    case 12:
      return new Date(rng.int(2 ** 40)).toISOString();
    default:
      return rng.pick(['drop_in', 'goal', 'administrator', 'front_desk', 'service', 'supply', 'text']);
  }
}

/** A valid sample with one thing wrong: a field replaced, removed, added, or the whole shape changed. */
function mutate(rng: Rng, sample: unknown): unknown {
  if (!sample || typeof sample !== 'object' || Array.isArray(sample)) return randomValue(rng);
  const copy: Record<string, unknown> = JSON.parse(JSON.stringify(sample));
  const keys = Object.keys(copy);
  switch (rng.int(6)) {
    case 0:
      if (keys.length) copy[rng.pick(keys)] = randomValue(rng);
      return copy;
    case 1:
      if (keys.length) delete copy[rng.pick(keys)];
      return copy;
    case 2:
      return { ...copy, [rng.pick(['extra', '__proto__', 'constructor', 'role', 'isAdmin'])]: randomValue(rng) };
    case 3:
      return JSON.parse(JSON.stringify({ ...copy, __proto__: { id: 1 } }).replace('"__proto__":{}', '"__proto__":{"role":"administrator"}'));
    case 4:
      return [copy];
    default:
      // Nested fields get the same treatment one level down.
      for (const k of keys) if (copy[k] && typeof copy[k] === 'object') copy[k] = mutate(rng, copy[k]);
      return keys.length ? copy : randomValue(rng);
  }
}

const NOT_CHANNELS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'users.list ', 'USERS.LIST', 'people', 'people.get.x', 42, null, undefined, {}, ['people.get']];

type Mode = 'none' | Role;
const MODES: Mode[] = ['none', 'administrator', 'clinician', 'front_desk'];

/** Refused before any handler ran: these must leave every table exactly as it was. */
const GATE_CODES = new Set(['INVALID_INPUT', 'UNKNOWN_CHANNEL', 'NOT_SIGNED_IN', 'FORBIDDEN', 'PASSWORD_CHANGE_REQUIRED']);

/**
 * The records without the audit trail: a call the router accepted but that could not be done may
 * record the attempt (as a failed sign-in or a failed backup drill is), and nothing else.
 */
const recordsWithoutAudit = (core: Doorway): Promise<string> => contentHash(core, { exceptAudit: true });

/**
 * Cheap fingerprint of the data folder (names, sizes, change times): used when no session holds the
 * records open. The sign-in counters are left out: counting refused attempts is their job.
 */
function folderPrint(dir: string): string {
  return readdirSync(dir)
    .filter((f) => f !== THROTTLE_FILE)
    .sort()
    .map((f) => {
      const s = statSync(join(dir, f));
      return `${f}:${s.size}:${s.mtimeMs}`;
    })
    .join('|');
}

describe('IPC fuzzing', () => {
  it(`${CALLS} random and malformed calls across every channel, as each role and signed out: typed answers only, and refused calls change nothing`, async () => {
    const dir = tempDir('doorway-fuzz-');
    dirs.push(dir);
    const made = await setUpVault(dir);
    // Sam (id 2) is the account the sample inputs aim at; the fuzzing sessions use their own accounts.
    await addStaff(made.router, 'clinician', 'sam', 'Sam Rivera');
    const cleo = await addStaff(made.router, 'clinician', 'cleo', 'Cleo Marsh');
    const fran = await addStaff(made.router, 'front_desk', 'fran', 'Fran Okoye');
    const p = unwrap(await invoke(made.router, 'people.create', { clientCode: 'FZ-001' }));
    unwrap(await invoke(made.router, 'contacts.record', { personId: p.id, setting: 'drop_in', note: 'n' }));
    unwrap(await invoke(made.router, 'entries.add', { personId: p.id, kind: 'goal', occurredOn: '2026-03-02', data: { text: 'Rest' } }));
    await closeCore(made);

    // A clock that can jump ahead, so the sign-in throttle (which the fuzzed sign-ins trip) never blocks the test's own sign-ins.
    let offset = 0;
    const { core, router } = reopen(made, { now: () => new Date(Date.now() + offset) });
    // Signed out on a hub, the hub's record is checked too (read as its owner), once per change of state.
    let knownHub: string | null = null;
    const hubPrint = async () => (made.hub ? (knownHub ??= await contentHash(made.hub.data)) : '');
    const signedOutPrint = async () => `${folderPrint(dir)}|${await hubPrint()}`;
    const passwords: Record<Role, { username: string; password: string }> = {
      administrator: { username: ADMIN.username, password: ADMIN.password },
      clinician: { username: cleo.username, password: cleo.password },
      front_desk: { username: fran.username, password: fran.password },
    };

    let knownHash: string | null = null;
    let knownRecords: string | null = null;
    const ensure = async (mode: Mode) => {
      if (mode === 'none') {
        if (core.session) {
          core.lock('manual');
          await settled(made.hub);
        }
        return;
      }
      if (core.session?.user.username === passwords[mode].username && !core.session.emergency) return;
      knownHash = null;
      knownRecords = null;
      for (let attempt = 0; attempt < 3; attempt++) {
        const r = await invoke(router, 'session.signIn', passwords[mode]);
        if (r.ok) {
          if (r.value.mustChangePassword) throw new Error(`${mode} must change password`);
          return;
        }
        if (r.error.code === 'THROTTLED') offset += 3_600_000;
        else throw new Error(`${mode}: ${r.error.code} ${r.error.message}`);
      }
    };

    // Moving the records onto a hub starts a PostgreSQL server here (hub-app-setup.test.ts covers it): not a call to fire at random.
    const FUZZED_CHANNELS = channelNames.filter((n) => n !== 'hub.moveHere');
    const rng = prng(SEED);
    const stats = { calls: 0, ok: 0, refused: 0, byCode: {} as Record<string, number>, channels: new Set<string>() };
    const started = Date.now();
    const timing: Record<string, number> = {};
    let mode: Mode = 'none';
    let hashMs = 0;
    for (let i = 0; i < CALLS; i++) {
      // Runs of calls under one mode: signing in for every call would measure scrypt, not the router.
      if (i % 25 === 0) mode = rng.pick(MODES);
      await ensure(mode);
      const name: unknown = rng.chance(0.03) ? rng.pick(NOT_CHANNELS) : rng.pick(FUZZED_CHANNELS);
      const known = typeof name === 'string' && (channelNames as string[]).includes(name);
      const payload = rng.chance(0.2) ? randomValue(rng) : mutate(rng, known ? sampleInputs[name as ChannelName] : {});

      const signedIn = core.session !== null;
      if (signedIn) knownHub = null;
      const th = performance.now();
      const before = signedIn ? (knownHash ??= await contentHash(core)) : await signedOutPrint();
      const beforeRecords = signedIn ? (knownRecords ??= await recordsWithoutAudit(core)) : null;
      hashMs += performance.now() - th;
      let r: Awaited<ReturnType<Router>>;
      const t0 = performance.now();
      try {
        r = await router(name, payload);
      } catch (e) {
        throw new Error(`call ${i} (${String(name)}, seed ${SEED}) threw: ${e instanceof Error ? e.stack : String(e)}`);
      }
      stats.calls++;
      const dt = performance.now() - t0;
      timing[String(name)] = (timing[String(name)] ?? 0) + dt;
      if (known) stats.channels.add(name as string);
      expect(typeof r.ok, `call ${i} ${String(name)}`).toBe('boolean');
      if (r.ok) {
        stats.ok++;
        expect(channels[name as ChannelName].output.safeParse(r.value).success, `call ${i} ${String(name)} output`).toBe(true);
        knownHash = null;
        knownRecords = null;
        knownHub = null;
        // A valid lock or sign-out: on a hub its event lands after the answer.
        if (signedIn && !core.session) await settled(made.hub);
        // A fuzzed call that happened to be valid may change a password the test relies on.
        if (name === 'session.changePassword' && core.session) {
          const who = (Object.keys(passwords) as Role[]).find((k) => passwords[k].username === core.session!.user.username);
          if (who) passwords[who].password = (payload as { newPassword: string }).newPassword;
        }
        continue;
      }
      stats.refused++;
      stats.byCode[r.error.code] = (stats.byCode[r.error.code] ?? 0) + 1;
      expect(ERROR_CODES, `call ${i} ${String(name)}`).toContain(r.error.code);
      expect(typeof r.error.message === 'string' && r.error.message.length > 10, `call ${i} message`).toBe(true);
      expect(r.error.message, `call ${i} leaks internals`).not.toMatch(/SqliteError|TypeError|at Object\.|node_modules/);
      const ta = performance.now();
      if (signedIn && core.session && GATE_CODES.has(r.error.code)) {
        const after = await contentHash(core);
        expect(after, `call ${i}: refused ${String(name)} (${r.error.code}) changed the records (seed ${SEED})`).toBe(before);
      } else if (signedIn && core.session) {
        expect(await recordsWithoutAudit(core), `call ${i}: ${String(name)} failed (${r.error.code}) but changed the records (seed ${SEED})`).toBe(beforeRecords);
        knownHash = null;
      } else if (!signedIn) {
        knownHub = null;
        expect(await signedOutPrint(), `call ${i}: refused ${String(name)} changed the data folder or the hub`).toBe(before);
      } else {
        knownHash = null;
        knownRecords = null;
        knownHub = null;
      }
      hashMs += performance.now() - ta;
    }
    const seconds = (Date.now() - started) / 1000;
    if (process.env.DOORWAY_FUZZ_TIMING) console.log(`hashing ${(hashMs / 1000).toFixed(1)} s`, Object.entries(timing).sort((a, b) => b[1] - a[1]).slice(0, 12));
    console.log(`fuzz: ${stats.calls} calls in ${seconds.toFixed(1)} s over ${stats.channels.size} channels; ok ${stats.ok}, refused ${stats.refused} ${JSON.stringify(stats.byCode)}`);
    expect(stats.calls).toBeGreaterThanOrEqual(Math.min(CALLS, 10_000));
    expect(stats.channels.size).toBe(FUZZED_CHANNELS.length);
    expect(stats.byCode.INVALID_INPUT).toBeGreaterThan(1000);
    expect(stats.byCode.FORBIDDEN).toBeGreaterThan(50);
    expect(stats.byCode.NOT_SIGNED_IN).toBeGreaterThan(50);
    if (core.session) core.close();
  }, 180_000);
});

void ({} as Doorway);
