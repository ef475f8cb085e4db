import { cpSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { allText, makePreClinicalVault, openMain, readKeyFile, runClinicalChild } from '../support/clinical';
import { addStaff, signIn, signInAdmin, unwrap, type TestStaff } from '../support/staff';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "splitting one computer's records file into a clinical store file; a hub's clinical schema is made whole by its schema steps";

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

const NOTE = 'SPLIT-NOTE-MARK-51f0';
const OLD_NOTE = 'SPLIT-OLD-NOTE-MARK-0ce2';
const USE = 'SPLIT-USE-MARK-7aa1';
const OLD_USE = 'SPLIT-OLD-USE-MARK-2b9e';
const MARKERS = [NOTE, OLD_NOTE, USE, OLD_USE];

let legacy: { dir: string; sam: TestStaff; jo: TestStaff; personId: number; contactId: number; dataKey: Buffer };

/** A vault in the layout every vault had before the clinical store: one file, one key, notes inside. */
beforeAll(async () => {
  const dir = tempDir('doorway-split-');
  dirs.push(dir);
  const { core, router } = await setUpVault(dir);
  const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
  const jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
  const p = unwrap(await invoke(router, 'people.create', { clientCode: 'SP-001' }));
  const c = unwrap(await invoke(router, 'contacts.record', { personId: p.id, setting: 'drop_in', whatMattered: 'A warm drink', note: OLD_NOTE }));
  unwrap(await invoke(router, 'contacts.update', { id: c.id, changes: { note: NOTE } }));
  const use = (substance: string) => ({ prefersNotToSay: false, substances: [{ substance, route: null, frequency: null }], note: '' });
  const e = unwrap(await invoke(router, 'entries.add', { personId: p.id, kind: 'substance_use', occurredOn: '2026-02-01', data: use(OLD_USE) }));
  unwrap(await invoke(router, 'entries.update', { id: e.id, data: use(USE) }));
  unwrap(await invoke(router, 'entries.add', { personId: p.id, kind: 'goal', occurredOn: '2026-02-02', data: { text: 'Keep my dog' } }));
  const keys = { dataKey: Buffer.from(core.vault.dataKey), clinicalKey: Buffer.from(core.vault.clinicalKey!) };
  core.close();
  makePreClinicalVault(dir, keys);
  // The layout really is the old one: the markers are in the main store, and there is no clinical file.
  const main = openMain(dir, keys.dataKey);
  for (const m of MARKERS) expect(allText(main)).toContain(m);
  main.close();
  legacy = { dir, sam, jo, personId: p.id, contactId: c.id, dataKey: keys.dataKey };
});

function copyLegacy(name: string): string {
  const dir = join(tempDir(`doorway-split-${name}-`), 'vault');
  dirs.push(join(dir, '..'));
  cpSync(legacy.dir, dir, { recursive: true });
  return dir;
}

/** What must hold once the split is done, however it got there. */
async function expectSplitDone(dir: string) {
  expect(existsSync(join(dir, 'clinical.db'))).toBe(true);
  expect(readdirSync(dir).filter((n) => n.includes('.partial'))).toEqual([]);
  const main = openMain(dir, legacy.dataKey);
  try {
    const text = allText(main);
    for (const m of MARKERS) expect(text, `${m} left in the main store`).not.toContain(m);
    expect(text).toContain('A warm drink');
    expect(text).toContain('Keep my dog');
    // VACUUM left no free page that could still hold the old text.
    expect(main.pragma('freelist_count', { simple: true })).toBe(0);
    expect(main.prepare("SELECT count(*) FROM audit_events WHERE action = 'vault.clinicalStoreCreated'").pluck().get()).toBe(1);
  } finally {
    main.close();
  }
  // The clinician reads everything as before, history included.
  const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
  await signIn(router, legacy.sam.username, legacy.sam.password);
  const page = unwrap(await invoke(router, 'people.get', { id: legacy.personId }));
  expect(page.contacts[0]!.note).toBe(NOTE);
  expect(page.entries.find((e) => e.kind === 'substance_use')!.data).toMatchObject({ substances: [{ substance: USE }] });
  const history = unwrap(await invoke(router, 'history.get', { recordType: 'contact', id: legacy.contactId }));
  expect(history.map((h) => h.previous.note)).toEqual([OLD_NOTE]);
  const entryId = page.entries.find((e) => e.kind === 'substance_use')!.id;
  const entryHistory = unwrap(await invoke(router, 'history.get', { recordType: 'entry', id: entryId }));
  expect(entryHistory[0]!.previous.data).toMatchObject({ substances: [{ substance: OLD_USE }] });
  core.close();
}

describeOn('sqlite', SQLITE_ONLY, 'an older vault moves to two stores', () => {
  it('front desk signing in first changes nothing; the first clinical sign-in moves the clinical content under its own key', async () => {
    const dir = copyLegacy('plain');
    const first = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(first.router, legacy.jo.username, legacy.jo.password);
    expect(existsSync(join(dir, 'clinical.db'))).toBe(false);
    expect(unwrap(await invoke(first.router, 'people.get', { id: legacy.personId })).contacts[0]!.note).toBeNull();
    first.core.close();

    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    expect(unwrap(await invoke(router, 'people.get', { id: legacy.personId })).contacts[0]!.note).toBe(NOTE);
    const events = unwrap(await invoke(router, 'audit.list', { action: 'vault.clinicalStoreCreated' }));
    expect(events.items[0]).toMatchObject({ action: 'vault.clinicalStoreCreated', actorName: ADMIN.displayName });
    expect(events.items[0]!.details).toMatchObject({ moved: { notes: 1, entries: 1, history: 2 }, slotsWithKey: 3, withoutKey: [], resumed: false });
    core.close();

    // The key went to the clinical roles and the recovery slot, not to front desk.
    const main = openMain(dir, legacy.dataKey);
    const slotOf = (u: string) => main.prepare('SELECT slot_id FROM staff_users WHERE username = ?').pluck().get(u) as string;
    const slots = new Map(readKeyFile(dir).slots.map((s) => [s.id, s]));
    const [joSlot, samSlot] = [slotOf('jo'), slotOf('sam')];
    main.close();
    expect(slots.get(joSlot)!.clinicalSealed).toBeUndefined();
    expect(slots.get(samSlot)!.clinicalSealed).toBeDefined();
    expect([...slots.values()].find((s) => s.kind === 'recovery')!.clinicalSealed).toBeDefined();
    await expectSplitDone(dir);

    // Front desk afterwards: the note is not in anything their key opens.
    const after = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(after.router, legacy.jo.username, legacy.jo.password);
    expect(after.core.vault.clinicalKey).toBeNull();
    after.core.close();
  });

  // Steps (vault/clinical-split.ts): 1 after the partial file, 2 after keyslots.json, 3 after the rename,
  // 4 after emptying the main store and VACUUM, before the mark and the audit event.
  it.each([1, 2, 3, 4])('killed (kill -9) after step %i, the next clinical sign-in finishes the move and nothing is lost', async (step) => {
    const dir = copyLegacy(`crash-${step}`);
    const run = await runClinicalChild(dir, { username: ADMIN.username, password: ADMIN.password }, ['signin'], `split:${step}`);
    expect(run.signal, run.err).toBe('SIGKILL');
    // A clinician other than the one interrupted finishes it (any clinical sign-in does).
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(router, legacy.sam.username, legacy.sam.password);
    const details = JSON.parse(
      (await core.vault.open().data.selectFrom('audit_events').select('details').where('action', '=', 'vault.clinicalStoreCreated').executeTakeFirstOrThrow()).details,
    ) as { resumed: boolean };
    expect(details.resumed).toBe(step >= 2);
    core.close();
    await expectSplitDone(dir);
  });
});
