import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { invoke, type Doorway } from '../../electron/core';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { openEncrypted } from '../../electron/core/db/database';
import { addStaff, signIn, signInAdmin, unwrap } from '../support/staff';
import { itOn, onlyOn, onPostgres } from '../support/engine';
import type { PgTestDatabase } from '../support/pg-server';
import { ADMIN, closeCore, columnOf, dataOf, removeDir, reopen, rowsOf, setUpVault, tempDir, TEST_KDF, valueOf } from '../support/vault';

const CLI_ON_A_FOLDER = 'the command line here opens a data folder (--data-dir); on a hub it takes --hub (pg-hub-cli.test.ts)';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

/** A clock the test moves by hand, so "once per minute" can be checked without waiting. */
function clock(start = Date.parse('2026-03-02T09:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function vaultWithClock() {
  const dir = tempDir();
  dirs.push(dir);
  const made = await setUpVault(dir);
  await closeCore(made);
  const c = clock();
  const doorway = reopen(made, { now: c.now });
  await signInAdmin(doorway.router);
  return { dir, clock: c, recoveryCode: made.recoveryCode, hub: made.hub, ...doorway };
}

const actions = (core: Doorway, since = 0) => columnOf<string>(core, 'SELECT action FROM audit_events WHERE id > ? ORDER BY id', since);
const lastId = (core: Doorway) => valueOf<number>(core, 'SELECT max(id) FROM audit_events');

async function cli(argv: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io, { kdfCost: TEST_KDF });
  return { code, out, err };
}

describe('the audit trail records', () => {
  it('sign-in, failed sign-in, opening a record once per minute, creates, edits, deletions, restores, exports, lock and sign-out', async () => {
    const { core, router, clock: c } = await vaultWithClock();
    const p = unwrap(await invoke(router, 'people.create', { clientCode: 'AU-001' }));
    const mark = await lastId(core);
    unwrap(await invoke(router, 'people.get', { id: p.id }));
    unwrap(await invoke(router, 'people.get', { id: p.id }));
    unwrap(await invoke(router, 'continuity.timeline', { personId: p.id }));
    c.advance(61_000);
    unwrap(await invoke(router, 'people.get', { id: p.id }));
    unwrap(await invoke(router, 'people.update', { id: p.id, changes: { preferredName: 'Al' } }));
    const contact = unwrap(await invoke(router, 'contacts.record', { personId: p.id, setting: 'drop_in' }));
    unwrap(await invoke(router, 'contacts.update', { id: contact.id, changes: { whatMattered: 'Socks' } }));
    unwrap(await invoke(router, 'contacts.delete', { id: contact.id, reason: 'Recorded twice' }));
    unwrap(await invoke(router, 'contacts.restore', { id: contact.id }));
    const entry = unwrap(await invoke(router, 'entries.add', { personId: p.id, kind: 'goal', occurredOn: '2026-03-02', data: { text: 'A phone that works' } }));
    unwrap(await invoke(router, 'entries.update', { id: entry.id, data: { text: 'A phone that works', status: 'reached' } }));
    unwrap(await invoke(router, 'entries.delete', { id: entry.id, reason: 'Entered for the wrong person' }));
    unwrap(await invoke(router, 'entries.restore', { id: entry.id }));
    unwrap(await invoke(router, 'people.delete', { id: p.id, reason: 'Entered twice' }));
    unwrap(await invoke(router, 'people.restore', { id: p.id }));
    unwrap(await invoke(router, 'overview.exportCsv', { from: '2026-03-01', to: '2026-03-31' }));
    unwrap(await invoke(router, 'settings.update', { clinicName: 'Harbour Street' }));
    expect(await actions(core, mark)).toEqual([
      'person.open',
      'person.open',
      'person.update',
      'contact.create',
      'contact.update',
      'contact.delete',
      'contact.restore',
      'entry.create',
      'entry.update',
      'entry.delete',
      'entry.restore',
      'person.delete',
      'person.restore',
      'overview.export',
      'settings.update',
    ]);

    unwrap(await invoke(router, 'session.lock', {}));
    expect(await invoke(router, 'session.signIn', { username: ADMIN.username, password: 'not the password' })).toMatchObject({ ok: false });
    expect(await invoke(router, 'session.signIn', { username: 'nobody', password: 'not the password' })).toMatchObject({ ok: false });
    await signInAdmin(router);
    unwrap(await invoke(router, 'session.signOut', {}));
    await signInAdmin(router);
    const tail = (
      await rowsOf(core, "SELECT action, actor_username, details FROM audit_events WHERE action IN ('session.lock', 'session.signInFailed', 'session.signIn', 'session.signOut') ORDER BY id DESC LIMIT 6")
    ).reverse();
    const signedIn = { action: 'session.signIn', actor_username: ADMIN.username, details: onPostgres ? '{"hub":true}' : '{}' };
    const expected = [
      { action: 'session.lock', actor_username: ADMIN.username, details: '{"reason":"manual"}' },
      { action: 'session.signInFailed', actor_username: ADMIN.username, details: '{"knownUser":true}' },
      { action: 'session.signInFailed', actor_username: null, details: '{"knownUser":false}' },
      signedIn,
      { action: 'session.signOut', actor_username: ADMIN.username, details: '{"reason":"signedOut"}' },
      signedIn,
    ];
    expect(tail).toEqual(expected);
    core.close();
  });

  it('writes nothing when the change it describes fails (same transaction)', async () => {
    const { core, router } = await vaultWithClock();
    const before = await lastId(core);
    expect(await invoke(router, 'people.update', { id: 999, changes: { preferredName: 'X' } })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await invoke(router, 'contacts.record', { personId: 999, setting: 'drop_in' })).toMatchObject({ ok: false });
    expect(await invoke(router, 'users.setDisabled', { id: 999, disabled: true })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await lastId(core)).toBe(before);
    core.close();
  });

  it('is append-only inside Doorway: the records refuse to change or remove an event', async () => {
    const { core } = await vaultWithClock();
    // One computer's file refuses with its triggers; a hub's session login has no grant to do either.
    const refusal = onPostgres ? /permission|not allowed|role/i : /append-only/;
    const first = await rowsOf(core, 'SELECT * FROM audit_events WHERE id = 1');
    await expect(sql`UPDATE audit_events SET details = '{}' WHERE id = 1`.execute(dataOf(core))).rejects.toThrow(refusal);
    await expect(sql`DELETE FROM audit_events WHERE id = 1`.execute(dataOf(core))).rejects.toThrow(refusal);
    expect(await rowsOf(core, 'SELECT * FROM audit_events WHERE id = 1')).toEqual(first);
    core.close();
  });
});

describe('verifying the chain', () => {
  async function vaultWithEvents() {
    const v = await vaultWithClock();
    for (let i = 0; i < 5; i++) unwrap(await invoke(v.router, 'people.create', { clientCode: `VF-${i}` }));
    return v;
  }

  /**
   * Changes the records the way someone with the key but without Doorway would: on one computer the
   * file opened with the key, triggers dropped, then SQL; on a hub the database's owner, its trigger
   * turned off for the change.
   */
  async function tamper(v: { dir: string; hub: PgTestDatabase | null }, key: Buffer, change: string) {
    if (v.hub) {
      await v.hub.data.transaction().execute(async (trx) => {
        await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update`.execute(trx);
        await sql.raw(change).execute(trx);
        await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update`.execute(trx);
      });
      return;
    }
    const db = openEncrypted(`${v.dir}/doorway.db`, key);
    db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    db.exec(change);
    db.close();
  }

  it('an intact chain verifies, in the app and from the command line (exit 0)', async () => {
    const { core, router, dir } = await vaultWithEvents();
    const verdict = unwrap(await invoke(router, 'audit.verify', {}));
    expect(verdict).toEqual({ intact: true, events: await lastId(core), firstBroken: null });
    core.close();
    await onlyOn('sqlite', CLI_ON_A_FOLDER, async () => {
      const r = await cli(['audit', 'verify', '--data-dir', dir, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
      expect(r).toMatchObject({ code: 0, err: '' });
      expect(r.out).toMatch(/The audit trail is intact: \d+ events checked/);
    });
  });

  it('a row changed with the key, outside the app, is found at that row, in the app and from the command line (exit 1)', async () => {
    const v = await vaultWithEvents();
    const { core, router, dir } = v;
    const key = Buffer.from(core.dataKey);
    const target = await valueOf<number>(core, "SELECT id FROM audit_events WHERE action = 'person.create' ORDER BY id LIMIT 1 OFFSET 2");
    await closeCore(v);
    await tamper(v, key, `UPDATE audit_events SET details = '{"note":"nothing happened here"}' WHERE id = ${target}`);

    await signInAdmin(router);
    const verdict = unwrap(await invoke(router, 'audit.verify', {}));
    expect(verdict).toMatchObject({ intact: false, events: target, firstBroken: { id: target, action: 'person.create' } });
    core.close();

    await onlyOn('sqlite', CLI_ON_A_FOLDER, async () => {
      const r = await cli(['audit', 'verify', '--data-dir', dir, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
      expect(r.code).toBe(1);
      expect(r.out).toContain(`The audit trail is broken at event ${target} (person.create, `);
    });
  });

  it('a removed row, and a row whose hash was recomputed to match, are found where the chain breaks', async () => {
    const v = await vaultWithEvents();
    const { core, router } = v;
    const key = Buffer.from(core.dataKey);
    const ids = await columnOf<number>(core, "SELECT id FROM audit_events WHERE action = 'person.create' ORDER BY id");
    await closeCore(v);
    await tamper(v, key, `DELETE FROM audit_events WHERE id = ${ids[1]}`);
    await signInAdmin(router);
    expect(unwrap(await invoke(router, 'audit.verify', {})).firstBroken?.id).toBe(ids[1]! + 1);
    core.close();

    // Someone who knows the hashing recomputes the changed row's own hash: the next row's link still breaks.
    const made = await vaultWithEvents();
    const k2 = Buffer.from(made.core.dataKey);
    const row = (await rowsOf(made.core, "SELECT * FROM audit_events WHERE action = 'person.create' ORDER BY id LIMIT 1"))[0] as Record<string, unknown> & { id: number };
    await closeCore(made);
    const { auditHash } = await import('../../electron/core/audit/audit');
    const changed = { ...row, details: '{"forged":true}' } as Parameters<typeof auditHash>[0] & { hash?: string };
    delete changed.hash;
    await tamper(made, k2, `UPDATE audit_events SET details = '{"forged":true}', hash = '${auditHash(changed)}' WHERE id = ${row.id}`);
    await signInAdmin(made.router);
    expect(unwrap(await invoke(made.router, 'audit.verify', {})).firstBroken?.id).toBe(row.id + 1);
    made.core.close();
  });

  itOn('sqlite', CLI_ON_A_FOLDER, 'only an administrator may verify from the command line', async () => {
    const { core, router, dir } = await vaultWithClock();
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    core.close();
    const r = await cli(['audit', 'verify', '--data-dir', dir, '--user', 'sam'], { DOORWAY_PASSWORD: sam.password });
    expect(r.code).toBe(1);
    expect(r.err).toContain('Your role does not include this');
  });
});

describe('the audit screen', () => {
  it('filters by person (through their contacts and entries too), staff member, action and period, newest first, page by page', async () => {
    const { core, router, clock: c } = await vaultWithClock();
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    const a = unwrap(await invoke(router, 'people.create', { clientCode: 'FA-001' }));
    const b = unwrap(await invoke(router, 'people.create', { clientCode: 'FB-002' }));
    c.advance(3_600_000);
    const start = c.now().toISOString();
    await signIn(router, 'sam', sam.password);
    const contact = unwrap(await invoke(router, 'contacts.record', { personId: a.id, setting: 'van' }));
    unwrap(await invoke(router, 'entries.add', { personId: a.id, kind: 'moment', occurredOn: '2026-03-02', data: { text: 'Came back after a while' } }));
    unwrap(await invoke(router, 'contacts.record', { personId: b.id, setting: 'van' }));
    c.advance(3_600_000);
    const end = c.now().toISOString();
    await signInAdmin(router);
    unwrap(await invoke(router, 'contacts.update', { id: contact.id, changes: { whatMattered: 'Dry socks' } }));

    const forA = unwrap(await invoke(router, 'audit.list', { personId: a.id }));
    expect(forA.items.map((e) => e.action)).toEqual(['contact.update', 'entry.create', 'contact.create', 'person.create']);
    expect(forA.items.every((e) => e.person?.clientCode === 'FA-001')).toBe(true);

    const bySam = unwrap(await invoke(router, 'audit.list', { staffId: sam.id, from: start, to: end }));
    expect(bySam.items.map((e) => e.action)).toEqual(['contact.create', 'entry.create', 'contact.create', 'session.signIn']);
    expect(bySam.items.every((e) => e.actorName === 'Sam Rivera')).toBe(true);

    const creates = unwrap(await invoke(router, 'audit.list', { action: 'contact.create' }));
    expect(creates.items.map((e) => e.person?.clientCode)).toEqual(['FB-002', 'FA-001']);

    // Paging: every event exactly once, newest first.
    const all: number[] = [];
    let before: number | null = null;
    do {
      const page: { items: { id: number }[]; nextBefore: number | null } = unwrap(await invoke(router, 'audit.list', { before, limit: 4 }));
      expect(page.items.length).toBeLessThanOrEqual(4);
      all.push(...page.items.map((e) => e.id));
      before = page.nextBefore;
    } while (before !== null);
    expect(all).toEqual([...all].sort((x, y) => y - x));
    expect(all).toHaveLength(await lastId(core));

    expect(await invoke(router, 'audit.list', { from: end, to: start })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: { to: expect.any(String) } } });
    core.close();
  });
});
