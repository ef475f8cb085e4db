import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SIZES, generateDemo } from '../../electron/core/demo/generate';
import { addStaff, signIn } from '../support/staff';
import type { Doorway } from '../../electron/core';
import { contentHash, removeDir, rowsOf, setUpVault, tempDir, valueOf } from '../support/vault';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function demoVault(seed: number) {
  const dir = tempDir();
  dirs.push(dir);
  const made = await setUpVault(dir);
  const progress: number[] = [];
  const result = await generateDemo({ data: made.core.vault.open().data, engine: made.core.context.engine }, { size: 'small', seed, now: new Date('2026-11-21T12:00:00Z'), actorId: 1, actorRole: 'administrator', onProgress: (d) => progress.push(d) });
  return { ...made, result, progress };
}

const fingerprint = (core: Doorway) =>
  rowsOf(
    core,
    `SELECT p.client_code, p.name, count(c.id) AS n, min(c.occurred_at) AS first, max(c.occurred_at) AS last
     FROM people p JOIN contacts c ON c.person_id = p.id GROUP BY p.id ORDER BY p.id`,
  );

describe('demo data', () => {
  it('fills a small vault with exactly 200 people and 5,000 contacts, the same for the same seed', async () => {
    const a = await demoVault(42);
    const b = await demoVault(42);
    const c = await demoVault(43);
    expect(a.result).toEqual(DEMO_SIZES.small);
    expect(await valueOf(a.core, 'SELECT count(*) FROM people')).toBe(200);
    expect(await valueOf(a.core, 'SELECT count(*) FROM contacts')).toBe(5000);
    expect(await fingerprint(a.core)).toEqual(await fingerprint(b.core));
    expect(await fingerprint(a.core)).not.toEqual(await fingerprint(c.core));
    expect(a.progress.at(-1)).toBe(5000);
    [a, b, c].forEach((v) => v.core.close());
  });

  it('shows the research pattern: intense runs, time away over 60 days, returns; several staff; goals, supplies and naloxone', async () => {
    const { core } = await demoVault(7);
    // Days between each person's contacts, worked out here so the same check reads either engine.
    const contacts = await rowsOf<{ person_id: number; occurred_at: string }>(core, 'SELECT person_id, occurred_at FROM contacts ORDER BY person_id, occurred_at');
    const gapsOf = new Map<number, number[]>();
    contacts.forEach((c, i) => {
      const prev = contacts[i - 1];
      if (prev?.person_id !== c.person_id) return;
      const list = gapsOf.get(c.person_id) ?? [];
      list.push((Date.parse(c.occurred_at) - Date.parse(prev.occurred_at)) / 86_400_000);
      gapsOf.set(c.person_id, list);
    });
    const gaps = [...gapsOf.values()].flat();
    const short = gaps.filter((g) => g <= 10).length / gaps.length;
    const away = gaps.filter((g) => g > 60).length;
    expect(short).toBeGreaterThan(0.6);
    expect(away).toBeGreaterThan(50);
    const peopleWithReturn = [...gapsOf.values()].filter((g) => g.some((d) => d > 60)).length;
    expect(peopleWithReturn).toBeGreaterThan(20);
    expect(await valueOf(core, 'SELECT count(DISTINCT staff_id) FROM contacts')).toBe(7);
    expect(await valueOf(core, "SELECT count(*) FROM person_entries WHERE kind = 'goal'")).toBeGreaterThan(100);
    expect(await valueOf(core, "SELECT count(*) FROM person_entries WHERE kind = 'phase_change'")).toBeGreaterThan(10);
    expect(await valueOf(core, "SELECT sum(quantity) FROM contact_supplies s JOIN catalog_items i ON i.id = s.item_id WHERE i.category = 'naloxone'")).toBeGreaterThan(100);
    // Summaries match the contacts, and nothing is dated in the future.
    expect(await valueOf(core, 'SELECT count(*) FROM people p WHERE contact_count != (SELECT count(*) FROM contacts WHERE person_id = p.id)')).toBe(0);
    expect(await valueOf(core, "SELECT count(*) FROM contacts WHERE occurred_at > '2026-11-21T12:00:00.000Z' OR entered_at < occurred_at")).toBe(0);
    core.close();
  });

  it('refuses to mix demo data into a vault that already has records, changing nothing', async () => {
    const { core } = await demoVault(1);
    const before = await valueOf(core, 'SELECT count(*) FROM contacts');
    await expect(generateDemo({ data: core.vault.open().data, engine: core.context.engine }, { size: 'small', seed: 1, now: new Date(), actorId: 1, actorRole: 'administrator' })).rejects.toThrow(/already holds records/);
    expect(await valueOf(core, 'SELECT count(*) FROM contacts')).toBe(before);
    core.close();
  });

  it('is one transaction: stopped part-way, the vault is as empty as before, in both stores', async () => {
    const dir = tempDir('doorway-demo-stop-');
    dirs.push(dir);
    const { core } = await setUpVault(dir);
    const open = core.vault.open();
    const before = { main: await contentHash(core), staff: await valueOf(core, 'SELECT count(*) FROM staff_users') };
    let batches = 0;
    const stop = () => {
      if (++batches === 3) throw new Error('the power went out');
    };
    await expect(generateDemo({ data: open.data, engine: core.context.engine }, { size: 'small', seed: 5, now: new Date('2026-11-21T12:00:00Z'), actorId: 1, actorRole: 'administrator', onProgress: stop })).rejects.toThrow('the power went out');
    expect(await contentHash(core)).toBe(before.main);
    expect(await valueOf(core, 'SELECT count(*) FROM staff_users')).toBe(before.staff);
    expect(await open.data.selectFrom('clinical.contact_notes').selectAll().execute()).toEqual([]);
    core.close();
  });

  it('makes every demo person findable by client code and by name', async () => {
    const { core } = await demoVault(9);
    const { data } = core.vault.open();
    const people = await data.selectFrom('people').select(['id', 'client_code', 'name']).orderBy('id').execute();
    for (const p of [people[0]!, people[99]!, people.at(-1)!]) {
      expect(await core.context.engine.peopleSearch.match(data, p.client_code, 5)).toContain(p.id);
    }
    const named = people.find((p) => p.name !== null)!;
    expect(await core.context.engine.peopleSearch.match(data, named.name!, 50)).toContain(named.id);
    core.close();
  });

  it('needs the clinical records open, changing nothing without them', async () => {
    const dir = tempDir('doorway-demo-clinical-');
    dirs.push(dir);
    const { core, router } = await setUpVault(dir);
    const desk = await addStaff(router, 'front_desk', 'robin', 'Robin Lee');
    await signIn(router, desk.username, desk.password);
    const before = await contentHash(core, { exceptAudit: true });
    // Even with the role claimed, a session without the clinical key cannot make demo notes.
    await expect(
      generateDemo({ data: core.vault.open().data, engine: core.context.engine }, { size: 'small', seed: 1, now: new Date(), actorId: desk.id, actorRole: 'administrator' }),
    ).rejects.toThrow(/Demo data includes clinical notes/);
    expect(await contentHash(core, { exceptAudit: true })).toBe(before);
    core.close();
  });

  it('is for administrators only', async () => {
    const dir = tempDir('doorway-demo-role-');
    dirs.push(dir);
    const { core, router } = await setUpVault(dir);
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    await signIn(router, sam.username, sam.password);
    const before = await contentHash(core);
    await expect(generateDemo({ data: core.vault.open().data, engine: core.context.engine }, { size: 'small', seed: 1, now: new Date(), actorId: sam.id, actorRole: 'clinician' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await contentHash(core)).toBe(before);
    core.close();
  });
});
