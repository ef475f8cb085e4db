import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDoorway, invoke, type Doorway } from '../../electron/core';
import { openEncrypted, type Db } from '../../electron/core/db/database';
import { deriveKey, newKdfParams } from '../../electron/core/vault/kdf';
import { slotAad, type KeyslotFile } from '../../electron/core/vault/keyslots';
import { openVaultDb, unlockWithPassword, vaultPaths } from '../../electron/core/vault/vault';
import { wrapKey } from '../../electron/core/vault/wrap';
import { parseRecoveryCode } from '../../shared/recovery-code';
import { addStaff, signIn, signInAdmin, unwrap, type TestStaff } from '../support/staff';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';

const ROOT = resolve(__dirname, '../..');
const CHILD = join(ROOT, 'tests/support/rotation-child.ts');
const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

const RECORD_TABLES = ['people', 'contacts', 'contact_services', 'contact_supplies', 'person_entries', 'record_history', 'staff_users', 'catalog_items'];

/**
 * What must survive any rotation untouched: every row of the relationship record and the staff list
 * (less the built-in emergency access record, which the first emergency sign-in adds).
 */
function recordsHash(db: Db): string {
  const h = createHash('sha256');
  for (const t of RECORD_TABLES) {
    const where = t === 'staff_users' ? "WHERE slot_id <> 'emergency-access'" : '';
    for (const row of db.prepare(`SELECT * FROM ${t} ${where} ORDER BY 1`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}

const readSlots = (dir: string) => JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as KeyslotFile;

interface Template {
  dir: string;
  recoveryCode: string;
  sam: TestStaff;
  jo: TestStaff;
  oldKey: Buffer;
  hash: string;
  /** keyslots.json as it was while Jo still had a slot: what a departing colleague might have copied. */
  slotsWithJo: string;
}

/** A vault with a clinician (Sam), a front desk colleague who has just left (Jo, turned off), and some records. */
async function makeTemplate(): Promise<Template> {
  const dir = tempDir('doorway-rotation-');
  dirs.push(dir);
  const { core, router, recoveryCode } = await setUpVault(dir);
  const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
  const jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
  const slotsWithJo = readFileSync(join(dir, 'keyslots.json'), 'utf8');
  for (let i = 1; i <= 30; i++) {
    const p = unwrap(await invoke(router, 'people.create', { clientCode: `RT-${String(i).padStart(3, '0')}`, preferredName: `Person ${i}` }));
    unwrap(await invoke(router, 'contacts.record', { personId: p.id, setting: 'drop_in', whatMattered: 'A warm drink', note: `Note ${i}` }));
  }
  unwrap(await invoke(router, 'users.setDisabled', { id: jo.id, disabled: true }));
  const oldKey = Buffer.from(core.dataKey);
  const hash = recordsHash(core.db);
  core.close();
  return { dir, recoveryCode, sam, jo, oldKey, hash, slotsWithJo };
}

function copyOf(t: Template, name: string): string {
  const dir = join(tempDir('doorway-rotation-copy-'), name);
  dirs.push(dirname(dir));
  cpSync(t.dir, dir, { recursive: true });
  return dir;
}
const dirname = (p: string) => resolve(p, '..');

/** True when this key opens the records file. A wrong key changes nothing on disk. */
function keyOpens(dir: string, key: Buffer): boolean {
  try {
    openEncrypted(join(dir, 'doorway.db'), key).close();
    return true;
  } catch {
    return false;
  }
}

function count(core: Doorway, action: string): number {
  return core.db.prepare('SELECT count(*) FROM audit_events WHERE action = ?').pluck().get(action) as number;
}

let template: Template;
beforeAll(async () => {
  template = await makeTemplate();
});

describe('key rotation', () => {
  it('re-encrypts the records under a new key: remaining staff and the recovery code open them, a departed colleague’s copied slot does not', async () => {
    const dir = copyOf(template, 'vault');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const before = readSlots(dir);
    const rotated = unwrap(await invoke(router, 'vault.rotateKey', {}));
    expect(rotated).toMatchObject({ slots: 3, removedSlots: 0 });
    expect(recordsHash(core.db)).toBe(template.hash);
    expect(keyOpens(dir, template.oldKey)).toBe(false);
    expect(keyOpens(dir, core.dataKey)).toBe(true);

    // Each slot keeps its password protection and key pair; only the sealed data key changed.
    const after = readSlots(dir);
    for (const slot of after.slots) {
      const old = before.slots.find((s) => s.id === slot.id)!;
      expect({ ...slot, sealed: null }).toEqual({ ...old, sealed: null });
      expect(slot.sealed).not.toEqual(old.sealed);
    }
    expect(existsSync(join(dir, 'keyslots.json.pending'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.rotating'))).toEqual([]);
    core.close();

    await signIn(router, 'sam', template.sam.password);
    core.close();
    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode: template.recoveryCode, name: 'Test' }));
    expect(count(core, 'vault.rotateKey')).toBe(1);
    core.close();

    // Jo kept a copy of keyslots.json from before she left: her slot still opens the old key, which no longer opens anything.
    const stolen = join(tempDir('doorway-stolen-'), 'vault');
    dirs.push(dirname(stolen));
    mkdirSync(stolen);
    writeFileSync(join(stolen, 'keyslots.json'), template.slotsWithJo);
    copyFileSync(join(dir, 'doorway.db'), join(stolen, 'doorway.db'));
    const joKey = await unlockWithPassword(vaultPaths(stolen), 'jo', template.jo.password);
    expect(joKey.dataKey.equals(template.oldKey)).toBe(true);
    expect(() => openVaultDb(vaultPaths(stolen), joKey.dataKey)).toThrow(/could not be read/);
  });

  it('reports each stage while it runs, and asks other calls to wait until it is done', async () => {
    const dir = copyOf(template, 'vault');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const stages: string[] = [];
    const during: Promise<unknown>[] = [];
    const locks: string[] = [];
    core.on('session.locked', ({ reason }) => locks.push(reason));
    core.on('vault.rotation', (e) => {
      stages.push(`${e.stage} ${e.step}/${e.steps}`);
      if (e.stage === 'reencrypting') {
        during.push(invoke(router, 'people.list', {}));
        // The idle lock comes due mid-rotation: it waits for the rotation instead of interrupting it.
        core.lock('idle');
        expect(core.session).not.toBeNull();
      }
    });
    expect(await invoke(router, 'vault.rotateKey', {})).toMatchObject({ ok: true });
    expect(stages).toEqual(['preparing 1/6', 'copying 2/6', 'reencrypting 3/6', 'checking 4/6', 'switching 5/6', 'saving 6/6', 'done 6/6']);
    expect(await Promise.all(during)).toEqual([{ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('changing the vault key') } }]);
    expect(locks).toEqual(['idle']);
    expect(core.session).toBeNull();
    await signInAdmin(router);
    expect(count(core, 'vault.rotateKey')).toBe(1);
    core.close();
  });

  it('refuses when keyslots.json carries a public key the records do not know (a swapped key), and changes nothing', async () => {
    const dir = copyOf(template, 'vault');
    const file = readSlots(dir);
    const sam = file.slots.find((s) => s.kind === 'password' && s.publicKey !== undefined && s !== file.slots[0])!;
    const other = file.slots.find((s) => s.kind === 'recovery')!;
    sam.publicKey = other.publicKey;
    writeFileSync(join(dir, 'keyslots.json'), JSON.stringify(file));
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const r = await invoke(router, 'vault.rotateKey', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'KEYSLOTS_DAMAGED' } });
    expect(keyOpens(dir, template.oldKey)).toBe(true);
    expect(existsSync(join(dir, 'keyslots.json.pending'))).toBe(false);
    expect(recordsHash(core.db)).toBe(template.hash);
    core.close();
  });

  it('a first-format vault (slots wrapping the key directly) is upgraded as each secret is used, and rotates once all are', async () => {
    const dir = tempDir('doorway-legacy-');
    dirs.push(dir);
    const { core, router, recoveryCode } = await setUpVault(dir);
    const key = Buffer.from(core.dataKey);
    core.db.prepare("DELETE FROM settings WHERE key = 'vault.slotPublicKeys'").run();
    core.close();
    const file = readSlots(dir);
    const secretOf = (kind: string) => (kind === 'recovery' ? (parseRecoveryCode(recoveryCode) as { canonical: string }).canonical : ADMIN.password);
    for (const slot of file.slots) {
      const kdf = newKdfParams(TEST_KDF);
      const wrapped = wrapKey(key, await deriveKey(secretOf(slot.kind), kdf), slotAad(file.vaultId, slot));
      Object.assign(slot, { kdf, ...wrapped });
      delete slot.publicKey;
      delete slot.sealed;
      delete slot.clinicalSealed;
    }
    writeFileSync(join(dir, 'keyslots.json'), JSON.stringify({ ...file, version: 1 }));

    await signInAdmin(router);
    expect(readSlots(dir).slots.find((s) => s.kind === 'password')!.sealed).toBeDefined();
    const refused = await invoke(router, 'vault.rotateKey', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('recovery slot') } });

    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode, name: 'River' }));
    expect(readSlots(dir).slots.find((s) => s.kind === 'recovery')!.sealed).toBeDefined();
    await signInAdmin(router);
    expect(unwrap(await invoke(router, 'vault.rotateKey', {})).slots).toBe(2);
    core.close();
    await signInAdmin(router);
    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode, name: 'River' }));
    core.close();
  });
});

/** Runs a rotation in a child process that kills itself (SIGKILL) at the given step. */
function rotateAndCrash(dir: string, step: number): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string; err: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, ADMIN.username], {
      cwd: ROOT,
      env: { ...process.env, DOORWAY_PASSWORD: ADMIN.password, DOORWAY_TEST_CRASH_AT: `rotation:${step}` },
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

describe('key rotation interrupted by kill -9', () => {
  // Steps (vault/rotation.ts): 1 before the pending slots, 2 after them, 3 after the copy, 4 right after
  // the rekey, 5 after the check, 6 with the records closed, 7 after the swap, 8 after the audit event,
  // 9 after committing keyslots.json, 10 after removing the pending file.
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])('at step %i the vault opens, with the old key before the swap and the new one after, and nothing is lost', async (step) => {
    const dir = copyOf(template, `crash-${step}`);
    const run = await rotateAndCrash(dir, step);
    expect(run.signal, run.err).toBe('SIGKILL');

    const swapped = step >= 7;
    expect(keyOpens(dir, template.oldKey)).toBe(!swapped);

    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    // The first sign-in settles what the crash left: finishes the swap's last step, or removes its leftovers.
    await signIn(router, 'sam', template.sam.password);
    expect(recordsHash(core.db)).toBe(template.hash);
    expect(existsSync(join(dir, 'keyslots.json.pending'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.rotating'))).toEqual([]);
    expect(count(core, 'vault.rotateKey')).toBe(swapped ? 1 : 0);
    expect(count(core, 'vault.rotateKeyInterrupted')).toBe(step >= 2 && !swapped ? 1 : 0);
    const chain = unwrap(await invoke(router, 'session.state', {}));
    expect(chain.session?.user.username).toBe('sam');
    core.close();

    await signInAdmin(router);
    expect(unwrap(await invoke(router, 'audit.verify', {}))).toMatchObject({ intact: true });
    core.close();
    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode: template.recoveryCode, name: 'Check' }));
    expect(recordsHash(core.db)).toBe(template.hash);
    core.close();
    expect(await invoke(router, 'session.signIn', { username: 'jo', password: template.jo.password })).toMatchObject({ ok: false });

    // And a rotation after the interrupted one runs to the end.
    await signInAdmin(router);
    unwrap(await invoke(router, 'vault.rotateKey', {}));
    expect(recordsHash(core.db)).toBe(template.hash);
    core.close();
    await signIn(router, 'sam', template.sam.password);
    core.close();
  });
});
