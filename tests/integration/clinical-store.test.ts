import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { sqliteData } from '../../electron/core/data/sqlite';
import { allText, openClinicalFile, openMain, readKeyFile, runClinicalChild } from '../support/clinical';
import { addStaff, signIn, signInAdmin, unwrap, type TestStaff } from '../support/staff';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  'the clinical store as a second encrypted file with its own key; on a hub it is a schema with grants (pg-roles, pg-hub-app tests)';

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

const NOTE = 'NOTE-MARK-b71e';
const USE = 'USE-MARK-4c2d';
const OLD_NOTE = 'OLD-NOTE-MARK-93aa';

let template: { dir: string; jo: TestStaff; sam: TestStaff; personId: number; contactId: number; keys: { dataKey: Buffer; clinicalKey: Buffer } };

/** River (administrator), Sam (clinician), Jo (front desk); one person with a note edited once and a substance-use entry. */
beforeAll(async () => {
  const dir = tempDir('doorway-clinical-');
  dirs.push(dir);
  const { core, router } = await setUpVault(dir);
  const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
  const jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
  const p = unwrap(await invoke(router, 'people.create', { clientCode: 'CS-001' }));
  const c = unwrap(await invoke(router, 'contacts.record', { personId: p.id, setting: 'drop_in', whatMattered: 'Somewhere warm', note: OLD_NOTE }));
  unwrap(await invoke(router, 'contacts.update', { id: c.id, changes: { note: NOTE } }));
  unwrap(
    await invoke(router, 'entries.add', {
      personId: p.id,
      kind: 'substance_use',
      occurredOn: '2026-02-01',
      data: { prefersNotToSay: false, substances: [{ substance: USE, route: null, frequency: null }], note: '' },
    }),
  );
  const keys = { dataKey: Buffer.from(core.vault.dataKey), clinicalKey: Buffer.from(core.vault.clinicalKey!) };
  core.close();
  template = { dir, jo, sam, personId: p.id, contactId: c.id, keys };
});

function copyTemplate(name: string): string {
  const dir = join(tempDir(`doorway-clinical-${name}-`), 'vault');
  dirs.push(join(dir, '..'));
  cpSync(template.dir, dir, { recursive: true });
  return dir;
}

describeOn('sqlite', SQLITE_ONLY, 'the clinical store', () => {
  it('holds the notes, clinical entries and their history; the main store holds none of it', () => {
    const main = openMain(template.dir, template.keys.dataKey);
    const clinical = openClinicalFile(template.dir, template.keys.clinicalKey);
    try {
      const mainText = allText(main);
      for (const marker of [NOTE, OLD_NOTE, USE]) expect(mainText, marker).not.toContain(marker);
      expect(mainText).toContain('Somewhere warm');
      const clinicalText = allText(clinical);
      for (const marker of [NOTE, OLD_NOTE, USE]) expect(clinicalText, marker).toContain(marker);
      // The two stores agree on the last transaction they both committed.
      const seq = clinical.prepare('SELECT seq FROM clinical.commits').pluck().get();
      expect(main.prepare("SELECT value FROM settings WHERE key = 'clinical.commitSeq'").pluck().get()).toBe(String(seq));
      expect(seq).toBeGreaterThanOrEqual(3);
    } finally {
      clinical.close();
      main.close();
    }
  });

  it('the main key does not open the clinical file, and slots hold the clinical key only for clinical roles and the recovery code', () => {
    expect(() => openClinicalFile(template.dir, template.keys.dataKey)).toThrow(/clinical records file .* could not be read/);
    const file = readKeyFile(template.dir);
    const main = openMain(template.dir, template.keys.dataKey);
    const slotOf = (username: string) => main.prepare('SELECT slot_id FROM staff_users WHERE username = ?').pluck().get(username) as string;
    const bySlot = new Map(file.slots.map((s) => [s.id, s]));
    expect(bySlot.get(slotOf(ADMIN.username))!.clinicalSealed).toBeDefined();
    expect(bySlot.get(slotOf('sam'))!.clinicalSealed).toBeDefined();
    expect(bySlot.get(slotOf('jo'))!.clinicalSealed).toBeUndefined();
    expect(file.slots.find((s) => s.kind === 'recovery')!.clinicalSealed).toBeDefined();
    main.close();
  });

  it('for front desk the clinical store is not open at all: the data layer refuses it, whatever the caller', async () => {
    const dir = copyTemplate('front-desk');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(router, template.jo.username, template.jo.password);
    expect(core.vault.clinicalKey).toBeNull();
    const open = core.vault.open();
    expect(open.clinical).toBeNull();
    await expect(open.data.selectFrom('clinical.contact_notes').selectAll().execute()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const page = unwrap(await invoke(router, 'people.get', { id: template.personId }));
    expect(page.contacts[0]!.note).toBeNull();
    expect(page.entries.map((e) => e.kind)).not.toContain('substance_use');
    // Front desk may still change what is theirs to change on a contact.
    const edited = unwrap(await invoke(router, 'contacts.update', { id: template.contactId, changes: { whatMattered: 'A quiet corner' } }));
    expect(edited).toMatchObject({ whatMattered: 'A quiet corner', note: null });
    core.close();
    // The clinician still finds the note as it was.
    const again = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(again.router, template.sam.username, template.sam.password);
    expect(unwrap(await invoke(again.router, 'people.get', { id: template.personId })).contacts[0]!.note).toBe(NOTE);
    const history = unwrap(await invoke(again.router, 'history.get', { recordType: 'contact', id: template.contactId }));
    expect(history.map((h) => h.previous.note)).toContain(OLD_NOTE);
    again.core.close();
  });

  it('a change of role gives or takes the clinical key, through the slot alone', async () => {
    const dir = copyTemplate('role');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    unwrap(await invoke(router, 'users.update', { id: template.jo.id, role: 'clinician' }));
    await signIn(router, template.jo.username, template.jo.password);
    expect(unwrap(await invoke(router, 'people.get', { id: template.personId })).contacts[0]!.note).toBe(NOTE);
    await signInAdmin(router);
    unwrap(await invoke(router, 'users.update', { id: template.jo.id, role: 'front_desk' }));
    await signIn(router, template.jo.username, template.jo.password);
    expect(core.vault.clinicalKey).toBeNull();
    const slotId = sqliteData(core.db).selectFrom('staff_users').select('slot_id').where('username', '=', 'jo');
    const { slot_id } = await slotId.executeTakeFirstOrThrow();
    expect(readKeyFile(dir).slots.find((s) => s.id === slot_id)!.clinicalSealed).toBeUndefined();
    core.close();
  });
});

describeOn('sqlite', SQLITE_ONLY, 'a crash between the clinical and the main commit (kill -9)', () => {
  it('a new contact with a note: neither is there afterwards, and the next contact with that id has no stray note', async () => {
    const dir = copyTemplate('crash-new');
    const run = await runClinicalChild(dir, ADMIN, ['record', String(template.personId), 'STRAY-NOTE-MARK'], 'pair:between');
    expect(run.signal, run.err).toBe('SIGKILL');

    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const page = unwrap(await invoke(router, 'people.get', { id: template.personId }));
    expect(page.contactsTotal).toBe(1);
    expect(allText(core.vault.open().clinical!)).not.toContain('STRAY-NOTE-MARK');
    const recovered = await core.vault.open().data.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'vault.clinicalRecovered').execute();
    expect(recovered).toHaveLength(1);
    expect(JSON.parse(recovered[0]!.details)).toMatchObject({ undoneChanges: 1 });
    const next = unwrap(await invoke(router, 'contacts.record', { personId: template.personId, setting: 'drop_in' }));
    expect(next.id).toBe(template.contactId + 1);
    expect(next.note).toBe('');
    core.close();
  });

  it('an edited note: the note as it was before comes back, with its history unchanged', async () => {
    const dir = copyTemplate('crash-edit');
    const run = await runClinicalChild(dir, ADMIN, ['edit', String(template.contactId), 'HALF-EDIT-MARK'], 'pair:between');
    expect(run.signal, run.err).toBe('SIGKILL');

    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(router, template.sam.username, template.sam.password);
    expect(unwrap(await invoke(router, 'people.get', { id: template.personId })).contacts[0]!.note).toBe(NOTE);
    const history = unwrap(await invoke(router, 'history.get', { recordType: 'contact', id: template.contactId }));
    expect(history).toHaveLength(1);
    expect(allText(core.vault.open().clinical!)).not.toContain('HALF-EDIT-MARK');
    // And the store works on: the same edit now lands whole.
    unwrap(await invoke(router, 'contacts.update', { id: template.contactId, changes: { note: 'Settled note' } }));
    expect(unwrap(await invoke(router, 'history.get', { recordType: 'contact', id: template.contactId })).map((h) => h.previous.note)).toEqual([NOTE, OLD_NOTE]);
    core.close();
  });

  it('front desk signing in after such a crash neither sees nor disturbs the unfinished change; the next clinical sign-in puts it right', async () => {
    const dir = copyTemplate('crash-front-desk');
    const run = await runClinicalChild(dir, ADMIN, ['record', String(template.personId), 'STRAY-NOTE-MARK'], 'pair:between');
    expect(run.signal, run.err).toBe('SIGKILL');
    const first = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(first.router, template.jo.username, template.jo.password);
    const jos = unwrap(await invoke(first.router, 'contacts.record', { personId: template.personId, setting: 'drop_in', whatMattered: 'Came for socks' }));
    expect(jos.id).toBe(template.contactId + 1);
    first.core.close();

    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const contacts = unwrap(await invoke(router, 'contacts.list', { personId: template.personId }));
    expect(contacts.find((c) => c.id === jos.id)).toMatchObject({ whatMattered: 'Came for socks', note: '' });
    core.close();
  });
});
