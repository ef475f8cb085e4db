import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { deriveKey, newKdfParams } from '../../electron/core/vault/kdf';
import { slotAad } from '../../electron/core/vault/keyslots';
import { openVaultDb, unlockWithPassword, vaultPaths } from '../../electron/core/vault/vault';
import { wrapKey } from '../../electron/core/vault/wrap';
import { parseRecoveryCode } from '../../shared/recovery-code';
import { addStaff, signIn, signInAdmin, unwrap } from '../support/staff';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { clinicalHash, clinicalKeyOpens, copyOf, count, keyOpens, makeTemplate, readSlots, recordsHash, type Template } from './rotation-helpers';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "key rotation re-encrypts one computer's files; on a hub the records are PostgreSQL's (rotation of a hub's keys is not in this suite)";

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

let template: Template;
beforeAll(async () => {
  template = await makeTemplate(dirs);
});

/** A folder holding a copy of the current records beside keyslots.json as it was before Jo and Kim left. */
function stolenCopy(dir: string): string {
  const stolen = join(tempDir('doorway-stolen-'), 'vault');
  dirs.push(join(stolen, '..'));
  mkdirSync(stolen);
  writeFileSync(join(stolen, 'keyslots.json'), template.slotsBeforeLeaving);
  copyFileSync(join(dir, 'doorway.db'), join(stolen, 'doorway.db'));
  copyFileSync(join(dir, 'clinical.db'), join(stolen, 'clinical.db'));
  return stolen;
}

describeOn('sqlite', SQLITE_ONLY, 'key rotation', () => {
  it('after a front-desk colleague leaves, the main key changes and the clinical key stays as it was', async () => {
    const dir = copyOf(template, dirs, 'vault');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const before = readSlots(dir);
    const rotated = unwrap(await invoke(router, 'vault.rotateKey', { keys: 'main' }));
    // River, Sam, Lee and the recovery slot.
    expect(rotated).toMatchObject({ keys: ['main'], slots: 4, removedSlots: 0 });
    expect(recordsHash(core.db)).toBe(template.hash);
    expect(keyOpens(dir, template.oldKey)).toBe(false);
    expect(keyOpens(dir, core.dataKey)).toBe(true);
    expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(true);
    expect(core.vault.clinicalKey!.equals(template.oldClinicalKey)).toBe(true);

    // Each slot keeps its password protection, key pair and clinical seal; only the sealed data key changed.
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
    expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
    core.close();
    await signIn(router, 'lee', template.lee.password);
    expect(core.vault.clinicalKey).toBeNull();
    core.close();
    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode: template.recoveryCode, name: 'Test' }));
    expect(count(core, 'vault.rotateKey', 'main')).toBe(1);
    expect(count(core, 'vault.rotateKey', 'clinical')).toBe(0);
    core.close();

    // Jo kept a copy of keyslots.json from before she left: her slot still opens the old key, which no longer opens anything.
    const stolen = stolenCopy(dir);
    const jo = await unlockWithPassword(vaultPaths(stolen), 'jo', template.jo.password);
    expect(jo.dataKey.equals(template.oldKey)).toBe(true);
    expect(jo.clinicalKey).toBeNull();
    expect(() => openVaultDb(vaultPaths(stolen), jo.dataKey)).toThrow(/could not be read/);
  });

  it('after a clinician leaves, both keys change: their copied slot opens neither file, and only clinical roles get the new clinical key', async () => {
    const dir = copyOf(template, dirs, 'vault');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const before = readSlots(dir);
    const rotated = unwrap(await invoke(router, 'vault.rotateKey', { keys: 'both' }));
    expect(rotated).toMatchObject({ keys: ['clinical', 'main'], slots: 4, removedSlots: 0 });
    const open = core.vault.open();
    expect(recordsHash(open.db!)).toBe(template.hash);
    expect(clinicalHash(open.clinical!)).toBe(template.clinicalHash);
    expect(keyOpens(dir, template.oldKey)).toBe(false);
    expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(false);
    expect(keyOpens(dir, open.dataKey)).toBe(true);
    expect(clinicalKeyOpens(dir, open.clinicalKey!)).toBe(true);

    // River, Sam and the recovery slot hold the new clinical key; Lee (front desk) holds none.
    const after = readSlots(dir);
    const holders = after.slots.filter((s) => s.clinicalSealed).map((s) => s.id);
    const leeSlot = (await unlockWithPassword(vaultPaths(dir), 'lee', template.lee.password, { kdfCost: TEST_KDF })).slot.id;
    expect(holders).toHaveLength(3);
    expect(holders).not.toContain(leeSlot);
    for (const slot of after.slots.filter((s) => s.clinicalSealed)) {
      expect(slot.clinicalSealed).not.toEqual(before.slots.find((s) => s.id === slot.id)!.clinicalSealed);
    }
    // Two events, one per key, the clinical one first.
    const events = core.db.prepare("SELECT json_extract(details, '$.key') FROM audit_events WHERE action = 'vault.rotateKey' ORDER BY id").pluck().all();
    expect(events).toEqual(['clinical', 'main']);
    core.close();

    await signIn(router, 'sam', template.sam.password);
    expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
    core.close();
    await signIn(router, 'lee', template.lee.password);
    expect(core.vault.clinicalKey).toBeNull();
    core.close();
    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode: template.recoveryCode, name: 'Test' }));
    expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
    core.close();

    // Kim kept a copy of keyslots.json: her slot still gives the old keys, which open neither file now.
    const stolen = stolenCopy(dir);
    const kim = await unlockWithPassword(vaultPaths(stolen), 'kim', template.kim.password);
    expect(kim.dataKey.equals(template.oldKey)).toBe(true);
    expect(kim.clinicalKey?.equals(template.oldClinicalKey)).toBe(true);
    expect(clinicalKeyOpens(stolen, kim.clinicalKey!)).toBe(false);
    expect(() => openVaultDb(vaultPaths(stolen), kim.dataKey)).toThrow(/could not be read/);
  });

  it('after a role change away from clinical work, the clinical key changes and the main key stays', async () => {
    const dir = copyOf(template, dirs, 'vault');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    unwrap(await invoke(router, 'users.update', { id: template.sam.id, role: 'front_desk' }));
    const before = readSlots(dir);
    const rotated = unwrap(await invoke(router, 'vault.rotateKey', { keys: 'clinical' }));
    // River and the recovery slot.
    expect(rotated).toMatchObject({ keys: ['clinical'], slots: 2 });
    expect(keyOpens(dir, template.oldKey)).toBe(true);
    expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(false);
    expect(clinicalKeyOpens(dir, core.vault.clinicalKey!)).toBe(true);
    expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
    // The main key's seals are untouched, and only River's and the recovery slot hold a clinical seal.
    const after = readSlots(dir);
    for (const slot of after.slots) expect(slot.sealed).toEqual(before.slots.find((s) => s.id === slot.id)!.sealed);
    expect(after.slots.filter((s) => s.clinicalSealed)).toHaveLength(2);
    core.close();

    const sam = await unlockWithPassword(vaultPaths(dir), 'sam', template.sam.password, { kdfCost: TEST_KDF });
    expect(sam.clinicalKey).toBeNull();
    await signIn(router, 'sam', template.sam.password);
    expect(core.vault.clinicalKey).toBeNull();
    core.close();
  });

  it('reports each stage of both changes while they run, and asks other calls to wait until they are done', async () => {
    const dir = copyOf(template, dirs, 'vault');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    const stages: string[] = [];
    const during: Promise<unknown>[] = [];
    const locks: string[] = [];
    core.on('session.locked', ({ reason }) => locks.push(reason));
    core.on('vault.rotation', (e) => {
      stages.push(`${e.stage} ${e.step}/${e.steps}`);
      if (e.stage === 'reencrypting' && e.step === 3) {
        during.push(invoke(router, 'people.list', {}));
        // The idle lock comes due mid-rotation: it waits for the rotation instead of interrupting it.
        core.lock('idle');
        expect(core.session).not.toBeNull();
      }
    });
    // No keys named: both.
    expect(await invoke(router, 'vault.rotateKey', {})).toMatchObject({ ok: true, value: { keys: ['clinical', 'main'] } });
    const run = (from: number) => ['preparing', 'copying', 'reencrypting', 'checking', 'switching', 'saving'].map((s, i) => `${s} ${from + i}/12`);
    expect(stages).toEqual([...run(1), ...run(7), 'done 12/12']);
    expect(await Promise.all(during)).toEqual([{ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('changing the vault key'), key: 'access.vault.key.changing' } }]);
    expect(locks).toEqual(['idle']);
    expect(core.session).toBeNull();
    await signInAdmin(router);
    expect(count(core, 'vault.rotateKey')).toBe(2);
    core.close();
  });

  it('refuses when keyslots.json carries a public key the records do not know (a swapped key), and changes neither key', async () => {
    const dir = copyOf(template, dirs, 'vault');
    const file = readSlots(dir);
    const recovery = file.slots.find((s) => s.kind === 'recovery')!;
    const sam = file.slots.find((s) => s.kind === 'password' && s.clinicalSealed && s !== file.slots[0])!;
    sam.publicKey = recovery.publicKey;
    writeFileSync(join(dir, 'keyslots.json'), JSON.stringify(file));
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    for (const keys of ['main', 'clinical', 'both'] as const) {
      const r = await invoke(router, 'vault.rotateKey', { keys });
      expect(r).toMatchObject({ ok: false, error: { code: 'KEYSLOTS_DAMAGED' } });
    }
    expect(keyOpens(dir, template.oldKey)).toBe(true);
    expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(true);
    expect(existsSync(join(dir, 'keyslots.json.pending'))).toBe(false);
    expect(recordsHash(core.db)).toBe(template.hash);
    expect(count(core, 'vault.rotateKey')).toBe(0);
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

describeOn('sqlite', SQLITE_ONLY, 'key rotation with a front-desk colleague added since', () => {
  it('a front-desk account made after the clinical key change never holds the clinical key', async () => {
    const dir = copyOf(template, dirs, 'vault');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signInAdmin(router);
    unwrap(await invoke(router, 'vault.rotateKey', { keys: 'clinical' }));
    core.close();
    const ana = await addStaff(router, 'front_desk', 'ana', 'Ana Silva');
    core.close();
    const unlocked = await unlockWithPassword(vaultPaths(dir), ana.username, ana.password, { kdfCost: TEST_KDF });
    expect(unlocked.clinicalKey).toBeNull();
  });
});
