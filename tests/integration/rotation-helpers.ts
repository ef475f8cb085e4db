import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { invoke, type Doorway } from '../../electron/core';
import { openClinical, openEncrypted, type Db } from '../../electron/core/db/database';
import type { KeyslotFile } from '../../electron/core/vault/keyslots';
import type { RotateKeys } from '../../shared/contract/users';
import { addStaff, unwrap, type TestStaff } from '../support/staff';
import { ADMIN, setUpVault, tempDir } from '../support/vault';

/** Shared by the key rotation tests (rotation.test.ts, rotation-crash.test.ts). */

const ROOT = resolve(__dirname, '../..');
const CHILD = join(ROOT, 'tests/integration/rotation-keys-child.ts');

const RECORD_TABLES = ['people', 'contacts', 'contact_services', 'contact_supplies', 'person_entries', 'record_history', 'staff_users', 'catalog_items'];
const CLINICAL_TABLES = ['contact_notes', 'entry_texts', 'history_details'];

/**
 * What must survive any rotation untouched: every row of the relationship record and the staff list
 * (less the built-in emergency access record, which the first emergency sign-in adds).
 */
export function recordsHash(db: Db): string {
  const h = createHash('sha256');
  for (const t of RECORD_TABLES) {
    const where = t === 'staff_users' ? "WHERE slot_id <> 'emergency-access'" : '';
    for (const row of db.prepare(`SELECT * FROM ${t} ${where} ORDER BY 1`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

/** The same for the clinical store: notes, clinical entry texts and their history (on its ATTACH connection). */
export function clinicalHash(clinical: Db): string {
  const h = createHash('sha256');
  for (const t of CLINICAL_TABLES) for (const row of clinical.prepare(`SELECT * FROM clinical.${t} ORDER BY 1`).raw().iterate()) h.update(JSON.stringify(row));
  return h.digest('hex');
}

export const readSlots = (dir: string) => JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as KeyslotFile;

export interface Template {
  dir: string;
  recoveryCode: string;
  /** A clinician and a front-desk colleague who stay. */
  sam: TestStaff;
  lee: TestStaff;
  /** A front-desk colleague and a clinician who have just left (turned off). */
  jo: TestStaff;
  kim: TestStaff;
  oldKey: Buffer;
  oldClinicalKey: Buffer;
  hash: string;
  clinicalHash: string;
  /** keyslots.json as it was while Jo and Kim still had slots: what a departing colleague might have copied. */
  slotsBeforeLeaving: string;
}

/** A vault with records and clinical notes, two colleagues who stay and two who have just left. */
export async function makeTemplate(dirs: string[]): Promise<Template> {
  const dir = tempDir('doorway-rotation-');
  dirs.push(dir);
  const { core, router, recoveryCode } = await setUpVault(dir);
  const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
  const lee = await addStaff(router, 'front_desk', 'lee', 'Lee Chan');
  const jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
  const kim = await addStaff(router, 'clinician', 'kim', 'Kim Okafor');
  const slotsBeforeLeaving = readFileSync(join(dir, 'keyslots.json'), 'utf8');
  for (let i = 1; i <= 30; i++) {
    const p = unwrap(await invoke(router, 'people.create', { clientCode: `RT-${String(i).padStart(3, '0')}`, preferredName: `Person ${i}` }));
    unwrap(await invoke(router, 'contacts.record', { personId: p.id, setting: 'drop_in', whatMattered: 'A warm drink', note: `Note ${i}` }));
    if (i % 5 === 0) {
      const data = { prefersNotToSay: false, substances: [{ substance: `Substance ${i}`, route: null, frequency: null }], note: '' };
      unwrap(await invoke(router, 'entries.add', { personId: p.id, kind: 'substance_use', occurredOn: '2026-02-01', data }));
    }
  }
  unwrap(await invoke(router, 'users.setDisabled', { id: jo.id, disabled: true }));
  unwrap(await invoke(router, 'users.setDisabled', { id: kim.id, disabled: true }));
  const open = core.vault.open();
  const template: Template = {
    dir,
    recoveryCode,
    sam,
    lee,
    jo,
    kim,
    oldKey: Buffer.from(open.dataKey),
    oldClinicalKey: Buffer.from(open.clinicalKey!),
    hash: recordsHash(open.db!),
    clinicalHash: clinicalHash(open.clinical!),
    slotsBeforeLeaving,
  };
  core.close();
  return template;
}

export function copyOf(t: Template, dirs: string[], name: string): string {
  const root = tempDir('doorway-rotation-copy-');
  dirs.push(root);
  const dir = join(root, name);
  cpSync(t.dir, dir, { recursive: true });
  return dir;
}

/** True when this key opens doorway.db. A wrong key changes nothing on disk. */
export function keyOpens(dir: string, key: Buffer): boolean {
  try {
    openEncrypted(join(dir, 'doorway.db'), key).close();
    return true;
  } catch {
    return false;
  }
}

/** True when this key opens clinical.db. */
export function clinicalKeyOpens(dir: string, key: Buffer): boolean {
  try {
    openClinical(join(dir, 'clinical.db'), key).close();
    return true;
  } catch {
    return false;
  }
}

/** Audit events of an action; for key changes, of one key (events from before the clinical key name none: main). */
export function count(core: Doorway, action: string, key?: 'main' | 'clinical'): number {
  if (!key) return core.db.prepare('SELECT count(*) FROM audit_events WHERE action = ?').pluck().get(action) as number;
  return core.db
    .prepare("SELECT count(*) FROM audit_events WHERE action = ? AND coalesce(json_extract(details, '$.key'), 'main') = ?")
    .pluck()
    .get(action, key) as number;
}

/** Runs a rotation in a child process that kills itself (SIGKILL) at `crashAt` (`rotation:N` or `rotation-clinical:N`). */
export function rotateAndCrash(
  dir: string,
  keys: RotateKeys,
  crashAt: string,
  who: { username: string; password: string } = ADMIN,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string; err: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, who.username, keys], {
      cwd: ROOT,
      env: { ...process.env, DOORWAY_PASSWORD: who.password, DOORWAY_TEST_CRASH_AT: crashAt },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolvePromise({ signal, code, out, err }));
  });
}
