import { afterEach, expect, it } from 'vitest';
import { contactFieldsSchema, personFieldsSchema } from '../../shared/contract/record-schemas';
import { recordAuditIn } from '../../electron/core/audit/audit';
import { verifyChain } from '../../electron/core/audit/verify';
import { postgresData, postgresEngine, postgresPool } from '../../electron/core/data/postgres';
import { migratePostgres } from '../../electron/core/db/pg-migrate';
import { deleteContact, recordContact } from '../../electron/core/records/contacts';
import { createPerson } from '../../electron/core/records/people';
import { insertStaffIn } from '../../electron/core/users/staff';
import { Random } from '../../electron/core/demo/random';
import { describePg, dropPgDatabases, freshPgDatabase, sql, untyped } from '../support/pg';

/**
 * Many writers, one truth: several workstations, each with its own connections to one hub, record
 * contacts for the same people at the same moment. Every contact is there once, the audit trail is
 * one unbroken chain, and every derived figure equals what a direct count of the contacts gives.
 */
afterEach(dropPgDatabases);

const WORKSTATIONS = 5;
const CONTACTS_EACH = 200;
const PEOPLE = 40;
const TZ = 'America/Chicago';
const at = () => new Date().toISOString();

const dayIn = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

describePg('a clinic hub with several workstations writing at once', () => {
  it(`${WORKSTATIONS} workstations x ${CONTACTS_EACH} contacts for the same ${PEOPLE} people: all there, one audit chain, every figure equal to a direct count`, async () => {
    const hub = await freshPgDatabase();
    await migratePostgres(untyped(hub));
    const staff = await insertStaffIn(hub.data, { username: 'river', displayName: 'River', role: 'administrator', slotId: 's1', mustChangePassword: false, createdAt: at(), createdBy: null });
    const people: number[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const fields = personFieldsSchema.parse({ clientCode: `HB${100 + i}` });
      people.push((await createPerson(hub.data, postgresEngine.peopleSearch, fields, { id: staff, at: at() }, { mask: '', hint: '' })).id);
    }

    // Each workstation: its own pool of connections, its own stream of contacts over the last two years.
    const stations = Array.from({ length: WORKSTATIONS }, () => postgresData(postgresPool({ connectionString: hub.url, max: 2 })));
    const errors: unknown[] = [];
    const recorded: number[][] = await Promise.all(
      stations.map(async (data, s) => {
        const rng = new Random(40 + s);
        const ids: number[] = [];
        for (let i = 0; i < CONTACTS_EACH; i++) {
          const occurredAt = new Date(Date.now() - rng.int(0, 730) * 86_400_000 - rng.int(0, 86_399) * 1000).toISOString();
          try {
            const id = await data.transaction().execute(async (trx) => {
              const contact = await recordContact(trx, rng.pick(people), contactFieldsSchema.parse({ setting: 'drop_in', occurredAt }), { id: staff, at: at() }, TZ);
              await recordAuditIn(trx, { at: at(), actor: { id: staff, username: 'river' }, action: 'contact.create', subjectType: 'contact', subjectId: contact });
              return contact;
            });
            ids.push(id);
            // Now and then a removal, also audited, while the others go on writing.
            if (i % 15 === 14) {
              await data.transaction().execute(async (trx) => {
                await deleteContact(trx, ids[ids.length - 2]!, 'entered twice', { id: staff, at: at() }, TZ);
                await recordAuditIn(trx, { at: at(), actor: { id: staff, username: 'river' }, action: 'contact.delete', subjectType: 'contact', subjectId: ids[ids.length - 2]! });
              });
            }
          } catch (e) {
            errors.push(e);
          }
        }
        return ids;
      }),
    );
    await Promise.all(stations.map((s) => s.destroy()));
    expect(errors).toEqual([]);

    const data = hub.data;
    const all = recorded.flat();
    const count = async (q: ReturnType<typeof sql<{ n: number }>>) => (await q.execute(data)).rows[0]!.n;
    expect(await count(sql`SELECT count(*) AS n FROM contacts`)).toBe(WORKSTATIONS * CONTACTS_EACH);
    expect(new Set(all).size).toBe(WORKSTATIONS * CONTACTS_EACH);
    const removals = WORKSTATIONS * Math.floor(CONTACTS_EACH / 15);

    // One chain, every event in it, in order.
    const chain = await verifyChain(() => data);
    expect(chain).toEqual({ intact: true, events: WORKSTATIONS * CONTACTS_EACH + removals });

    // Days and gaps, recomputed from scratch here, equal what the workstations left.
    const rows = await data.selectFrom('contacts').select(['id', 'person_id', 'occurred_at', 'local_day', 'prev_gap_days', 'deleted_at']).orderBy('person_id').orderBy('occurred_at').orderBy('id').execute();
    let person = -1;
    let prevDay: string | null = null;
    for (const r of rows) {
      if (r.person_id !== person) [person, prevDay] = [r.person_id, null];
      const day = dayIn(r.occurred_at);
      expect(r.local_day, `contact ${r.id}`).toBe(day);
      if (r.deleted_at) {
        expect(r.prev_gap_days, `removed contact ${r.id}`).toBeNull();
        continue;
      }
      expect(r.prev_gap_days, `contact ${r.id}`).toBe(prevDay === null ? null : daysBetween(prevDay, day));
      prevDay = day;
    }

    // The summaries on each person and the monthly figures, against direct counts.
    const summaries = await sql<{ id: number; kept: number; counted: number; last_kept: string | null; last_counted: string | null }>`
      SELECT p.id, p.contact_count AS kept, count(c.id) AS counted, p.last_contact_at AS last_kept, max(c.occurred_at) AS last_counted
      FROM people p LEFT JOIN contacts c ON c.person_id = p.id AND c.deleted_at IS NULL GROUP BY p.id`.execute(data);
    for (const s of summaries.rows) {
      expect(s.kept, `person ${s.id}`).toBe(s.counted);
      expect(s.last_kept, `person ${s.id}`).toBe(s.last_counted);
    }
    const months = await data.selectFrom('month_stats').selectAll().where('contacts', '>', 0).orderBy('month').execute();
    const direct = await sql<{ month: string; contacts: number; returns: number; people: number }>`
      SELECT substr(local_day, 1, 7) AS month, count(*) AS contacts,
             sum(CASE WHEN prev_gap_days > 60 THEN 1 ELSE 0 END) AS returns, count(DISTINCT person_id) AS people
      FROM contacts WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1`.execute(data);
    expect(months).toEqual(direct.rows);
  });
});
