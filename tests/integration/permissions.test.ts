import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDoorway, invoke, type Doorway, type Router } from '../../electron/core';
import { channelNames, channels, type ChannelName } from '../../shared/contract';
import { ROLES, type Role } from '../../shared/roles';
import { sampleInputs } from '../support/sample-inputs';
import { addStaff, signIn, unwrap, type TestStaff } from '../support/staff';
import { onPostgres } from '../support/engine';
import { ADMIN, closeCore, contentHash, hashDir, removeDir, reopen, setUpVault, tempDir, TEST_KDF } from '../support/vault';

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

interface Template {
  dir: string;
  staff: Record<Role, { username: string; password: string }>;
}
let template: Template;

/**
 * A vault whose ids match the sample inputs: River (administrator, id 1), Sam (clinician, id 2) and
 * Jo (front desk, id 3); person 1 with contact 1 and moment 1. Left closed.
 */
async function makeClinic(dir: string) {
  const made = await setUpVault(dir);
  const { router } = made;
  const sam: TestStaff = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
  const jo: TestStaff = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
  expect([sam.id, jo.id]).toEqual([2, 3]);
  const p = unwrap(await invoke(router, 'people.create', { clientCode: 'MX-001' }));
  const c = unwrap(await invoke(router, 'contacts.record', { personId: p.id, setting: 'drop_in', note: 'Clinical note' }));
  const e = unwrap(await invoke(router, 'entries.add', { personId: p.id, kind: 'moment', occurredOn: '2026-03-02', data: { text: 'First time at the van' } }));
  expect([p.id, c.id, e.id]).toEqual([1, 1, 1]);
  await closeCore(made);
  template = { dir, staff: { administrator: ADMIN, clinician: sam, front_desk: jo } };
  return made;
}

/**
 * On one computer the clinic is made once and its folder copied for each test; a hub's database is
 * the test's own (dropped after each), so there each test makes its clinic afresh.
 */
beforeAll(async () => {
  if (onPostgres) return;
  const dir = tempDir('doorway-matrix-');
  dirs.push(dir);
  await makeClinic(dir);
});

/** A core on a fresh copy of the clinic, nobody signed in. */
async function freshClinic(prefix: string): Promise<{ dir: string; core: Doorway; router: Router }> {
  const dir = join(tempDir(prefix), 'vault');
  dirs.push(join(dir, '..'));
  if (onPostgres) return { dir, ...reopen(await makeClinic(dir)) };
  cpSync(template.dir, dir, { recursive: true });
  return { dir, ...createDoorway({ dataDir: dir, kdfCost: TEST_KDF }) };
}

const guarded = channelNames.filter((n) => channels[n].access !== 'public');
const allowed = (name: ChannelName, role: Role) => {
  const access = channels[name].access;
  return access === 'public' || access.includes(role);
};

describe('role × channel matrix', () => {
  it.each(ROLES)('as %s: every allowed channel gets past the role check; every other one is FORBIDDEN and writes nothing', async (role) => {
    const { dir, core, router } = await freshClinic('doorway-matrix-role-');
    const me = { ...template.staff[role] };
    const ensureSignedIn = async () => {
      if (!core.session) await signIn(router, me.username, me.password);
    };
    const cellsChecked: string[] = [];
    for (const name of guarded) {
      await ensureSignedIn();
      if (allowed(name, role)) {
        if (name === 'hub.moveHere') {
          // Allowed, it would start a PostgreSQL server and move this clinic onto it: hub-app-setup.test.ts does that, end to end.
          cellsChecked.push(name);
          continue;
        }
        const r = await router(name, sampleInputs[name]);
        if (name === 'session.changePassword' && r.ok) me.password = sampleInputs['session.changePassword'].newPassword;
        if (!r.ok) expect(['FORBIDDEN', 'NOT_SIGNED_IN', 'PASSWORD_CHANGE_REQUIRED', 'INVALID_INPUT', 'UNKNOWN_CHANNEL'], `${role} ${name}: ${r.error.message}`).not.toContain(r.error.code);
      } else {
        const before = { db: await contentHash(core), files: hashDir(dir) };
        const r = await router(name, sampleInputs[name]);
        expect(r, `${role} ${name}`).toEqual({ ok: false, error: { code: 'FORBIDDEN', key: 'general.roleLacks', message: 'Your role does not include this. An administrator can help if you need it.' } });
        expect({ db: await contentHash(core), files: hashDir(dir) }, `${role} ${name} wrote something`).toEqual(before);
      }
      cellsChecked.push(name);
    }
    expect(cellsChecked).toHaveLength(guarded.length);
    if (core.session) core.close();
  });

  it('public channels are the only ones that answer without a session', () => {
    const open = channelNames.filter((n) => channels[n].access === 'public');
    // First run (joining a clinic hub is part of it) and signing in.
    expect(open.every((n) => n.startsWith('setup.') || n.startsWith('session.') || n === 'hub.state' || n === 'hub.join')).toBe(true);
  });
});

describe('the front desk and clinical content', () => {
  async function as(role: Role): Promise<{ router: Router; close: () => void }> {
    const { core, router } = await freshClinic('doorway-clinical-');
    await signIn(router, ADMIN.username, ADMIN.password);
    unwrap(await invoke(router, 'entries.add', { personId: 1, kind: 'overdose_response', occurredOn: '2026-03-03', data: { reportedBy: 'Peer', naloxoneDoses: 2, called911: 'yes', someoneStayed: 'yes', outcome: 'alive_stayed' } }));
    unwrap(await invoke(router, 'entries.add', { personId: 1, kind: 'substance_use', occurredOn: '2026-03-03', data: { prefersNotToSay: true } }));
    unwrap(await invoke(router, 'entries.add', { personId: 1, kind: 'goal', occurredOn: '2026-03-03', data: { text: 'Get on methadone by spring' } }));
    const phase = unwrap(await invoke(router, 'entries.add', { personId: 1, kind: 'phase_change', occurredOn: '2026-03-03', data: { phase: 'maintenance', reason: 'Started treatment' } }));
    unwrap(await invoke(router, 'entries.update', { id: phase.id, data: { reason: 'Started treatment; comes weekly' } }));
    unwrap(await invoke(router, 'contacts.update', { id: 1, changes: { note: 'Second clinical note' } }));
    const me = template.staff[role];
    await signIn(router, me.username, me.password);
    return { router, close: () => core.close() };
  }

  it('sees people, contact preferences, contacts, services and supplies, but no notes and no clinical entries', async () => {
    const { router, close } = await as('front_desk');
    const page = unwrap(await invoke(router, 'people.get', { id: 1 }));
    expect(page.canReadClinical).toBe(false);
    expect(page.person.contactPrefs).toBeDefined();
    expect(page.contacts.map((c) => c.note)).toEqual([null]);
    expect(page.entries.map((e) => e.kind).sort()).toEqual(['moment', 'phase_change']);
    // A phase change without its reason, now and in its earlier versions.
    const phase = page.entries.find((e) => e.kind === 'phase_change')!;
    expect(phase.data).toEqual({ phase: 'maintenance' });
    const phaseHistory = unwrap(await invoke(router, 'history.get', { recordType: 'entry', id: phase.id }));
    expect(phaseHistory).toHaveLength(1);
    expect(JSON.stringify(phaseHistory)).not.toContain('Started treatment');
    expect(unwrap(await invoke(router, 'contacts.list', { personId: 1 })).map((c) => c.note)).toEqual([null]);
    const history = unwrap(await invoke(router, 'history.get', { recordType: 'contact', id: 1 }));
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((h) => !('note' in h.previous))).toBe(true);
    const timeline = unwrap(await invoke(router, 'continuity.timeline', { personId: 1 }));
    expect(timeline.annotations.some((a) => a.kind === 'overdose_response' || a.kind === 'goal_set')).toBe(false);
    expect(JSON.stringify(timeline)).not.toContain('methadone');
    const catalog = unwrap(await invoke(router, 'catalog.list', {}));
    const supply = catalog.find((i) => i.kind === 'supply')!;
    const service = catalog.find((i) => i.kind === 'service')!;
    expect(unwrap(await invoke(router, 'people.search', { query: 'MX' })).map((p) => p.clientCode)).toEqual(['MX-001']);
    const recorded = unwrap(
      await invoke(router, 'contacts.record', { personId: 1, setting: 'van', whatMattered: 'Socks', services: [service.id], supplies: [{ itemId: supply.id, quantity: 2 }] }),
    );
    expect(recorded).toMatchObject({ note: null, services: [{ id: service.id }], supplies: [{ id: supply.id, quantity: 2 }] });
    close();
  });

  it('cannot write or change a note, add a clinical entry, or read the history of one', async () => {
    const { router, close } = await as('front_desk');
    const forbidden = { ok: false, error: { code: 'FORBIDDEN' } };
    expect(await invoke(router, 'contacts.record', { personId: 1, setting: 'van', note: 'A note' })).toMatchObject(forbidden);
    expect(await invoke(router, 'contacts.update', { id: 1, changes: { note: 'Changed' } })).toMatchObject(forbidden);
    expect(await invoke(router, 'entries.add', { personId: 1, kind: 'treatment_interest', occurredOn: '2026-03-04', data: { option: 'methadone', stance: 'curious' } })).toMatchObject(forbidden);
    expect(await invoke(router, 'entries.update', { id: 2, data: { naloxoneDoses: 3 } })).toMatchObject(forbidden);
    expect(await invoke(router, 'history.get', { recordType: 'entry', id: 2 })).toMatchObject(forbidden);
    // Goals: in the person's own words, which often name use or treatment.
    expect(await invoke(router, 'entries.add', { personId: 1, kind: 'goal', occurredOn: '2026-03-04', data: { text: 'Keep my housing' } })).toMatchObject(forbidden);
    expect(await invoke(router, 'entries.update', { id: 4, data: { status: 'reached' } })).toMatchObject(forbidden);
    close();
  });

  it('a clinician sees all of it', async () => {
    const { router, close } = await as('clinician');
    const page = unwrap(await invoke(router, 'people.get', { id: 1 }));
    expect(page.canReadClinical).toBe(true);
    expect(page.contacts.map((c) => c.note)).toEqual(['Second clinical note']);
    expect(page.entries.map((e) => e.kind).sort()).toEqual(['goal', 'moment', 'overdose_response', 'phase_change', 'substance_use']);
    expect(page.entries.find((e) => e.kind === 'phase_change')!.data).toEqual({ phase: 'maintenance', reason: 'Started treatment; comes weekly' });
    const timeline = unwrap(await invoke(router, 'continuity.timeline', { personId: 1 }));
    expect(timeline.annotations.some((a) => a.kind === 'overdose_response')).toBe(true);
    close();
  });
});
