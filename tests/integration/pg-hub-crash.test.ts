import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { contactFieldsSchema, personFieldsSchema } from '../../shared/contract/record-schemas';
import { recordAuditIn } from '../../electron/core/audit/audit';
import { verifyChain } from '../../electron/core/audit/verify';
import { postgresData, postgresEngine, postgresPool } from '../../electron/core/data/postgres';
import { migratePostgres } from '../../electron/core/db/pg-migrate';
import { DoorwayError } from '../../electron/core/errors';
import { recordContact } from '../../electron/core/records/contacts';
import { createPerson } from '../../electron/core/records/people';
import { insertStaffIn } from '../../electron/core/users/staff';
import { describePg, sql } from '../support/pg';

/**
 * kill -9 of the hub's PostgreSQL in the middle of writes (a server of this test's own, started with
 * scripts/pg-test-server.sh): the workstations say so in one clear message, reconnect by themselves once
 * it is back, and no contact whose save was confirmed is lost.
 */
const SCRIPT = resolve('scripts/pg-test-server.sh');
const servers: string[] = [];
afterEach(() => {
  for (const root of servers.splice(0)) {
    execFileSync(SCRIPT, ['stop', join(root, 'server')], { stdio: 'ignore' });
    rmSync(root, { recursive: true, force: true });
  }
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describePg('a clinic hub that goes away mid-write', () => {
  it('kill -9 of PostgreSQL while three workstations record contacts: a clear message, a reconnect by itself, every confirmed contact kept', async () => {
    const root = mkdtempSync(join(tmpdir(), 'doorway-hub-crash-'));
    chmodSync(root, 0o755);
    servers.push(root);
    const dir = join(root, 'server');
    // A port another test's server just took (or a start that did not come up): clear the half-made folder, try another.
    let port = '';
    let url = '';
    for (let attempt = 0; attempt < 4 && !url; attempt++) {
      port = String(56000 + Math.floor(Math.random() * 2000));
      try {
        url = execFileSync(SCRIPT, ['start', dir, port], { encoding: 'utf8' }).trim();
      } catch (e) {
        if (attempt === 3) throw e;
        try {
          execFileSync(SCRIPT, ['stop', dir]);
        } catch {
          // Nothing was running.
        }
        rmSync(dir, { recursive: true, force: true });
      }
    }

    const owner = postgresData(postgresPool({ connectionString: url, max: 2 }));
    await migratePostgres(owner as never);
    const staff = await insertStaffIn(owner, { username: 'river', displayName: 'River', role: 'administrator', slotId: 's1', mustChangePassword: false, createdAt: new Date().toISOString(), createdBy: null });
    const people: number[] = [];
    for (let i = 0; i < 6; i++) people.push((await createPerson(owner, postgresEngine.peopleSearch, personFieldsSchema.parse({ clientCode: `KC${i}` }), { id: staff, at: new Date().toISOString() }, { mask: '', hint: '' })).id);
    await owner.destroy();

    const confirmed: number[] = [];
    const refusals: unknown[] = [];
    let stop = false;
    let afterRestart = 0;
    let restarted = false;
    const stations = [0, 1, 2].map(() => postgresData(postgresPool({ connectionString: url, max: 1 })));
    const writers = stations.map(async (data, s) => {
      let i = 0;
      while (!stop) {
        try {
          const id = await data.transaction().execute(async (trx) => {
            const contact = await recordContact(trx, people[(s + i) % people.length]!, contactFieldsSchema.parse({ setting: 'drop_in' }), { id: staff, at: new Date().toISOString() }, 'UTC');
            await recordAuditIn(trx, { at: new Date().toISOString(), actor: { id: staff, username: 'river' }, action: 'contact.create', subjectType: 'contact', subjectId: contact });
            return contact;
          });
          confirmed.push(id);
          if (restarted) afterRestart++;
          i++;
        } catch (e) {
          refusals.push(e);
          await sleep(100);
        }
      }
    });

    while (confirmed.length < 60) await sleep(20);
    execFileSync(SCRIPT, ['crash', dir]);
    await sleep(1500);
    const during = refusals.length;
    execFileSync(SCRIPT, ['resume', dir, port]);
    restarted = true;
    const deadline = Date.now() + 30_000;
    while (afterRestart < 30 && Date.now() < deadline) await sleep(50);
    stop = true;
    await Promise.all(writers);
    await Promise.all(stations.map((s) => s.destroy()));

    // While it was gone, every writer was told the same clear thing, and nothing else.
    expect(during).toBeGreaterThan(0);
    const codes = new Set(refusals.map((e) => (e instanceof DoorwayError ? e.code : String(e))));
    expect([...codes]).toEqual(['HUB_UNREACHABLE']);
    // "Not saved" when the change never reached the hub; "may or may not have been kept" when it went away while confirming one.
    for (const e of refusals as DoorwayError[]) {
      expect(e.message).toMatch(/^The clinic's hub (can't be reached just now, so this wasn't saved|went out of reach just as this was being saved, so it may or may not have been kept)\./);
      // The uncertain one is marked, so a form asks to look before saving again.
      expect(e.toAppError().uncertain === true, e.message).toBe(/may or may not/.test(e.message));
    }
    // They reconnected by themselves.
    expect(afterRestart).toBeGreaterThanOrEqual(30);
    // Every confirmed contact is there, and the trail is one chain.
    const check = postgresData(postgresPool({ connectionString: url, max: 1 }));
    try {
      const ids = new Set((await check.selectFrom('contacts').select('id').execute()).map((r) => r.id));
      expect(confirmed.filter((id) => !ids.has(id))).toEqual([]);
      expect(await verifyChain(() => check)).toMatchObject({ intact: true });
      const sum = (await sql<{ n: number }>`SELECT coalesce(sum(contacts), 0) AS n FROM month_stats`.execute(check)).rows[0]!.n;
      expect(sum).toBe(ids.size);
    } finally {
      await check.destroy();
    }
  });
});
