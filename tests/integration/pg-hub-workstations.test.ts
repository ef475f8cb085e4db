import { afterEach, expect, it } from 'vitest';
import { createDoorway, invoke, type Router } from '../../electron/core';
import { verifyChain } from '../../electron/core/audit/verify';
import { Random } from '../../electron/core/demo/random';
import { initHub } from '../../electron/core/hub/init';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { describePg, dropPgDatabases, freshPgDatabase, sql } from '../support/pg';
import { must } from '../support/staff';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';

/**
 * Five workstations, each a whole core (router, channels, handlers, its own sign-in) on one hub, each
 * with its own staff member signed in, record 1,000 contacts each at the same time. Nobody sees an
 * error, every contact is there, the trail is one chain, and the monthly figures equal a direct count.
 */
const WORKSTATIONS = 5;
const CONTACTS_EACH = 1000;
const PEOPLE = 40;

const dirs: string[] = [];
const cores: Array<{ close(): void }> = [];
afterEach(async () => {
  for (const c of cores.splice(0)) c.close();
  await new Promise((r) => setTimeout(r, 200));
  await dropPgDatabases();
  for (const d of dirs.splice(0)) removeDir(d);
});


describePg('five workstations on one hub', () => {
  it(`${WORKSTATIONS} cores x ${CONTACTS_EACH} contacts at once through the router: all there, one chain, monthly figures equal a direct count, no errors`, async () => {
    const hub = await freshPgDatabase();
    await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic', timeZone: 'America/Chicago' }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
    const station = () => {
      const dir = tempDir();
      dirs.push(dir);
      const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF, hub: { connectionString: hub.url, max: 2 } });
      cores.push(made.core);
      return made.router;
    };
    const routers = Array.from({ length: WORKSTATIONS }, station);
    const [first, ...others] = routers as [Router, ...Router[]];
    await must(first, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    const people: number[] = [];
    for (let i = 0; i < PEOPLE; i++) people.push((await must(first, 'people.create', { clientCode: `WS${100 + i}` })).id);
    // Each other workstation: a clinician of its own, who chose their own password there.
    for (const [i, router] of others.entries()) {
      const temporaryPassword = `first shift lantern ${10 + i}`;
      await must(first, 'users.create', { username: `staff.${i}`, displayName: `Staff ${i}`, role: 'clinician', temporaryPassword });
      await must(router, 'session.signIn', { username: `staff.${i}`, password: temporaryPassword });
      await must(router, 'session.changePassword', { currentPassword: temporaryPassword, newPassword: `own harbour window ${20 + i}` });
    }
    const eventsBefore = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events`.execute(hub.data)).rows[0]!.n;

    const refused: string[] = [];
    await Promise.all(
      routers.map(async (router, s) => {
        const rng = new Random(70 + s);
        for (let i = 0; i < CONTACTS_EACH; i++) {
          const occurredAt = new Date(Date.now() - rng.int(0, 730) * 86_400_000 - rng.int(0, 86_399) * 1000).toISOString();
          const r = await invoke(router, 'contacts.record', { personId: rng.pick(people), setting: 'drop_in', occurredAt });
          if (!r.ok) refused.push(`${r.error.code}: ${r.error.message}`);
        }
      }),
    );
    expect(refused).toEqual([]);

    const data = hub.data;
    const total = WORKSTATIONS * CONTACTS_EACH;
    expect((await sql<{ n: number }>`SELECT count(*)::int AS n FROM contacts WHERE deleted_at IS NULL`.execute(data)).rows[0]!.n).toBe(total);
    // Every contact's event, in one unbroken chain.
    expect(await verifyChain(() => data)).toEqual({ intact: true, events: eventsBefore + total });
    const months = await data.selectFrom('month_stats').selectAll().where('contacts', '>', 0).orderBy('month').execute();
    const direct = await sql<{ month: string; contacts: number; returns: number; people: number }>`
      SELECT substr(local_day, 1, 7) AS month, count(*) AS contacts,
             sum(CASE WHEN prev_gap_days > 60 THEN 1 ELSE 0 END) AS returns, count(DISTINCT person_id) AS people
      FROM contacts WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1`.execute(data);
    expect(months).toEqual(direct.rows);
    expect(months.reduce((n, m) => n + m.contacts, 0)).toBe(total);
    // Each person's summary, as every workstation shows it, equals their contacts.
    const page = await must(first, 'people.get', { id: people[0]! });
    const counted = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM contacts WHERE person_id = ${people[0]!} AND deleted_at IS NULL`.execute(data)).rows[0]!.n;
    expect(page.contactsTotal).toBe(counted);
  }, 600_000);
});
