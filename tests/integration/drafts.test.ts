import { afterEach, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/core';
import { onlyOn } from '../support/engine';
import { allText, openMain } from '../support/clinical';
import { addStaff, signIn, unwrap } from '../support/staff';
import { closeCore, contentHash, removeDir, reopen, setUpVault, tempDir } from '../support/vault';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const NOTE = 'DRAFT-NOTE-MARK-c41f';

async function clinic() {
  const dir = tempDir('doorway-drafts-');
  dirs.push(dir);
  let now = new Date('2026-11-20T17:42:00Z');
  const made = await setUpVault(dir);
  const sam = await addStaff(made.router, 'clinician', 'sam', 'Sam Rivera');
  const ana = await addStaff(made.router, 'clinician', 'ana', 'Ana Flores');
  const jo = await addStaff(made.router, 'front_desk', 'jo', 'Jo Park');
  const person = unwrap(await invoke(made.router, 'people.create', { clientCode: 'DR-001', preferredName: 'Dee' }));
  const dataKey = Buffer.from(made.core.vault.dataKey);
  await closeCore(made);
  // A fresh core for every "start of the app", as after a restart; its clock can be moved.
  const start = () => reopen(made, { now: () => now });
  return { dir, sam, ana, jo, person, dataKey, start, setNow: (d: Date) => (now = d) };
}

describe('unsaved work', () => {
  it('survives a lock, a restart and signing in again, for the same staff member only; the note stays in the clinical store', async () => {
    const c = await clinic();
    const first = c.start();
    await signIn(first.router, c.sam.username, c.sam.password);
    const key = `contact:new:${c.person.id}`;
    unwrap(await invoke(first.router, 'drafts.save', { key, form: 'contact', personId: c.person.id, fields: { whatMattered: 'A warm coat', note: NOTE, setting: 'drop_in' } }));
    unwrap(await invoke(first.router, 'session.lock', {}));
    first.core.close();

    const again = c.start();
    await signIn(again.router, c.sam.username, c.sam.password);
    expect(unwrap(await invoke(again.router, 'drafts.list', {}))).toEqual([
      { key, form: 'contact', entryKind: null, personId: c.person.id, personLabel: 'Dee', updatedAt: '2026-11-20T17:42:00.000Z' },
    ]);
    expect(unwrap(await invoke(again.router, 'drafts.get', { key }))!.fields).toEqual({ whatMattered: 'A warm coat', note: NOTE, setting: 'drop_in' });
    again.core.close();
    await onlyOn('sqlite', "reads one computer's records file with its key (the clinical split on a hub is PostgreSQL's grants: pg-hub-app.test.ts)", () => {
      const main = openMain(c.dir, c.dataKey);
      expect(allText(main)).toContain('A warm coat');
      expect(allText(main)).not.toContain(NOTE);
      main.close();
    });

    // Nobody else sees it: another clinician, and front desk.
    for (const other of [c.ana, c.jo]) {
      const them = c.start();
      await signIn(them.router, other.username, other.password);
      expect(unwrap(await invoke(them.router, 'drafts.list', {}))).toEqual([]);
      expect(unwrap(await invoke(them.router, 'drafts.get', { key }))).toBeNull();
      // Discarding "theirs" touches nothing of Sam's.
      expect(unwrap(await invoke(them.router, 'drafts.discard', { key }))).toEqual({ discarded: false });
      them.core.close();
    }
    const back = c.start();
    await signIn(back.router, c.sam.username, c.sam.password);
    expect(unwrap(await invoke(back.router, 'drafts.get', { key }))!.fields.note).toBe(NOTE);
    back.core.close();
  });

  it('front desk keeps what is theirs to write; a note is refused and nothing is written', async () => {
    const c = await clinic();
    const { core, router } = c.start();
    await signIn(router, c.jo.username, c.jo.password);
    const before = await contentHash(core);
    const refused = await invoke(router, 'drafts.save', { key: `contact:new:${c.person.id}`, form: 'contact', personId: c.person.id, fields: { note: 'Not theirs to keep' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await contentHash(core)).toBe(before);
    const clinicalEntry = await invoke(router, 'drafts.save', { key: `entry:substance_use:${c.person.id}`, form: 'entry', entryKind: 'substance_use', personId: c.person.id, fields: { substances: [] } });
    expect(clinicalEntry).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    unwrap(await invoke(router, 'drafts.save', { key: `contact:new:${c.person.id}`, form: 'contact', personId: c.person.id, fields: { whatMattered: 'Socks', note: '' } }));
    expect(unwrap(await invoke(router, 'drafts.get', { key: `contact:new:${c.person.id}` }))!.fields).toEqual({ whatMattered: 'Socks' });
    core.close();
  });

  it('discarding by choice is audited, a draft the saved form replaced is not; old drafts expire at the next sign-in, audited', async () => {
    const c = await clinic();
    const s = c.start();
    await signIn(s.router, c.sam.username, c.sam.password);
    const save = (key: string, fields: Record<string, unknown>) => invoke(s.router, 'drafts.save', { key, form: 'entry', entryKind: 'substance_use', personId: c.person.id, fields });
    unwrap(await save('entry:substance_use:1', { note: 'one' }));
    unwrap(await save('entry:treatment_interest:1', { note: 'two' }));
    unwrap(await save('entry:overdose_response:1', { note: 'three' }));
    expect(unwrap(await invoke(s.router, 'drafts.discard', { key: 'entry:substance_use:1' }))).toEqual({ discarded: true });
    expect(unwrap(await invoke(s.router, 'drafts.discard', { key: 'entry:treatment_interest:1', saved: true }))).toEqual({ discarded: true });
    const discards = await s.core.vault.open().data.selectFrom('audit_events').select(['action', 'details']).where('action', '=', 'draft.discard').execute();
    expect(discards).toHaveLength(1);
    s.core.close();

    // Eight days later (the default keeps seven): gone, clinical part included, and said in the audit trail.
    c.setNow(new Date('2026-11-28T18:00:00Z'));
    const later = c.start();
    await signIn(later.router, c.sam.username, c.sam.password);
    expect(unwrap(await invoke(later.router, 'drafts.list', {}))).toEqual([]);
    const open = later.core.vault.open();
    expect(await open.data.selectFrom('clinical.draft_texts').selectAll().execute()).toEqual([]);
    const expired = await open.data.selectFrom('audit_events').select(['details', 'actor_id']).where('action', '=', 'draft.expire').execute();
    expect(expired).toHaveLength(1);
    expect(JSON.parse(expired[0]!.details)).toEqual({ drafts: 1, olderThanDays: 7 });
    expect(expired[0]!.actor_id).toBeNull();
    later.core.close();
  });
});
