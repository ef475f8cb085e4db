import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import type { RotateKeys } from '../../shared/contract/users';
import { signIn, signInAdmin, unwrap } from '../support/staff';
import { removeDir, TEST_KDF } from '../support/vault';
import { clinicalHash, clinicalKeyOpens, copyOf, count, keyOpens, makeTemplate, readSlots, recordsHash, rotateAndCrash, type Template } from './rotation-helpers';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "a crash while one computer's files are re-encrypted";

/**
 * Key rotation interrupted by kill -9 at every step (vault/rotation.ts): 1 before the pending slots, 2
 * after them, 3 after the copy, 4 right after the rekey, 5 after the check, 6 with the store closed, 7
 * after the swap, 8 after the audit event, 9 after committing keyslots.json, 10 after removing the
 * pending file. For the main key alone, the clinical key alone, and both (the clinical change complete,
 * the main one interrupted).
 */

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach(removeDir));

let template: Template;
beforeAll(async () => {
  template = await makeTemplate(dirs);
});

const STEPS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const pendingLeft = (dir: string) => existsSync(join(dir, 'keyslots.json.pending'));
const scratchLeft = (dir: string) => readdirSync(dir).filter((f) => f.includes('.rotating'));

interface Expected {
  mainSwapped: boolean;
  clinicalSwapped: boolean;
  /** Key changes that never took effect, which the first sign-in records as interrupted. */
  mainInterrupted: boolean;
  clinicalInterrupted: boolean;
}

/** What the crash at `step` of the `crashed` key's rotation leaves (with `both`, the clinical change before it is complete). */
function expected(keys: RotateKeys, step: number): Expected {
  const swapped = step >= 7;
  const interrupted = step >= 2 && !swapped;
  if (keys === 'clinical') return { mainSwapped: false, clinicalSwapped: swapped, mainInterrupted: false, clinicalInterrupted: interrupted };
  return { mainSwapped: swapped, clinicalSwapped: keys === 'both', mainInterrupted: interrupted, clinicalInterrupted: false };
}

async function crashAndCheck(keys: RotateKeys, step: number): Promise<void> {
  const dir = copyOf(template, dirs, `crash-${keys}-${step}`);
  const crashAt = keys === 'clinical' ? `rotation-clinical:${step}` : `rotation:${step}`;
  const run = await rotateAndCrash(dir, keys, crashAt);
  expect(run.signal, run.err).toBe('SIGKILL');
  const e = expected(keys, step);
  expect(keyOpens(dir, template.oldKey)).toBe(!e.mainSwapped);
  expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(!e.clinicalSwapped);

  const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
  // The first sign-in of someone who holds both keys settles what the crash left.
  await signIn(router, 'sam', template.sam.password);
  const open = core.vault.open();
  expect(recordsHash(open.db!)).toBe(template.hash);
  expect(clinicalHash(open.clinical!)).toBe(template.clinicalHash);
  expect(clinicalKeyOpens(dir, open.clinicalKey!)).toBe(true);
  expect(pendingLeft(dir)).toBe(false);
  expect(scratchLeft(dir)).toEqual([]);
  expect(count(core, 'vault.rotateKey', 'main')).toBe(e.mainSwapped ? 1 : 0);
  expect(count(core, 'vault.rotateKey', 'clinical')).toBe(e.clinicalSwapped ? 1 : 0);
  expect(count(core, 'vault.rotateKeyInterrupted', 'main')).toBe(e.mainInterrupted ? 1 : 0);
  expect(count(core, 'vault.rotateKeyInterrupted', 'clinical')).toBe(e.clinicalInterrupted ? 1 : 0);
  expect(unwrap(await invoke(router, 'session.state', {})).session?.user.username).toBe('sam');
  core.close();

  await signIn(router, 'lee', template.lee.password);
  expect(core.vault.clinicalKey).toBeNull();
  core.close();
  await signInAdmin(router);
  expect(unwrap(await invoke(router, 'audit.verify', {}))).toMatchObject({ intact: true });
  core.close();
  unwrap(await invoke(router, 'session.breakGlass', { recoveryCode: template.recoveryCode, name: 'Check' }));
  expect(recordsHash(core.db)).toBe(template.hash);
  expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
  core.close();
  for (const gone of [template.jo, template.kim]) {
    expect(await invoke(router, 'session.signIn', { username: gone.username, password: gone.password })).toMatchObject({ ok: false });
  }

  // And a change of both keys after the interrupted one runs to the end.
  await signInAdmin(router);
  unwrap(await invoke(router, 'vault.rotateKey', { keys: 'both' }));
  expect(recordsHash(core.db)).toBe(template.hash);
  core.close();
  await signIn(router, 'sam', template.sam.password);
  expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
  core.close();
}

describeOn('sqlite', SQLITE_ONLY, 'key rotation interrupted by kill -9', () => {
  it.each(STEPS)('main key, step %i: the vault opens with the old key before the swap and the new one after, and nothing is lost', (step) => crashAndCheck('main', step));
  it.each(STEPS)('clinical key, step %i: clinical.db opens with the old key before the swap and the new one after, and nothing is lost', (step) =>
    crashAndCheck('clinical', step),
  );
  it.each(STEPS)('both keys, main step %i: the clinical change stays done, the main one is finished or undone', (step) => crashAndCheck('both', step));
});

describeOn('sqlite', SQLITE_ONLY, 'a clinical key change interrupted, then a front-desk sign-in first', () => {
  it('after the swap: front desk cannot tell and leaves it; the next clinical sign-in finishes it, keeping the password front desk chose meanwhile', async () => {
    const dir = copyOf(template, dirs, 'front-desk-after-swap');
    expect((await rotateAndCrash(dir, 'clinical', 'rotation-clinical:7')).signal).toBe('SIGKILL');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(router, 'lee', template.lee.password);
    expect(pendingLeft(dir)).toBe(true);
    const newPassword = 'lee picks another one 9';
    unwrap(await invoke(router, 'session.changePassword', { currentPassword: template.lee.password, newPassword }));
    core.close();

    await signIn(router, 'sam', template.sam.password);
    expect(pendingLeft(dir)).toBe(false);
    expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
    expect(count(core, 'vault.rotateKey', 'clinical')).toBe(1);
    expect(core.db.prepare("SELECT json_extract(details, '$.finishedAtSignIn') FROM audit_events WHERE action = 'vault.rotateKey'").pluck().get()).toBe(1);
    core.close();
    expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(false);

    await signIn(router, 'lee', newPassword);
    expect(core.vault.clinicalKey).toBeNull();
    core.close();
    expect(readSlots(dir).slots.filter((s) => s.clinicalSealed)).toHaveLength(3);
    unwrap(await invoke(router, 'session.breakGlass', { recoveryCode: template.recoveryCode, name: 'Check' }));
    expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
    core.close();
  });

  it('before the swap, with the re-encrypted copy still there: front desk undoes it', async () => {
    const dir = copyOf(template, dirs, 'front-desk-before-swap');
    expect((await rotateAndCrash(dir, 'clinical', 'rotation-clinical:4')).signal).toBe('SIGKILL');
    expect(scratchLeft(dir).length).toBeGreaterThan(0);
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(router, 'lee', template.lee.password);
    expect(pendingLeft(dir)).toBe(false);
    expect(scratchLeft(dir)).toEqual([]);
    expect(count(core, 'vault.rotateKeyInterrupted', 'clinical')).toBe(1);
    core.close();
    expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(true);
  });

  it('before the copy: front desk leaves it, and the next clinical sign-in undoes it', async () => {
    const dir = copyOf(template, dirs, 'front-desk-before-copy');
    expect((await rotateAndCrash(dir, 'clinical', 'rotation-clinical:2')).signal).toBe('SIGKILL');
    const { core, router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    await signIn(router, 'lee', template.lee.password);
    expect(pendingLeft(dir)).toBe(true);
    core.close();
    await signIn(router, 'sam', template.sam.password);
    expect(pendingLeft(dir)).toBe(false);
    expect(count(core, 'vault.rotateKeyInterrupted', 'clinical')).toBe(1);
    expect(clinicalHash(core.vault.open().clinical!)).toBe(template.clinicalHash);
    core.close();
    expect(clinicalKeyOpens(dir, template.oldClinicalKey)).toBe(true);
  });
});
