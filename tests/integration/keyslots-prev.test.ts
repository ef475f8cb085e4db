import { cpSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { invoke } from '../../electron/core';
import type { Db } from '../../electron/core/db/database';
import { KEYSLOTS_FILE, PENDING_SUFFIX, readKeyslots, writeKeyslots } from '../../electron/core/vault/keyslots';
import { unlockWithPassword, unlockWithRecovery, vaultPaths } from '../../electron/core/vault/vault';
import { addStaff, unwrap, type TestStaff } from '../support/staff';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  'keyslots.json and its previous version in the data folder; a hub keeps its slots in a table';

/**
 * A turned-off colleague's password must open nothing in the data folder. keyslots.json is not the
 * only key file there: a kept previous copy (keyslots.json.prev) and a key rotation's pending file
 * are complete key files too, one rename away from being used, and anyone who can read the folder
 * can try a password against them.
 */

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

function folder(): string {
  const d = tempDir('doorway-keyslots-prev-');
  dirs.push(d);
  return d;
}

const keyFiles = (dir: string) => readdirSync(dir).filter((n) => n.startsWith('keyslots')).sort();

/** The data folder as it would be with `name` in place of keyslots.json, and no other key file. */
function folderUsing(dir: string, name: string): string {
  const copy = join(folder(), 'data');
  cpSync(dir, copy, { recursive: true });
  for (const other of keyFiles(copy)) if (other !== name) rmSync(join(copy, other));
  if (name !== KEYSLOTS_FILE) renameSync(join(copy, name), join(copy, KEYSLOTS_FILE));
  return copy;
}

const slotIdOf = (db: Db, staffId: number) => db.prepare('SELECT slot_id FROM staff_users WHERE id = ?').pluck().get(staffId) as string;

/**
 * Every key file in the folder: none names the removed slot, and its owner's password unwraps no key
 * from it, while the administrator's password and the recovery code still do (each kept copy stays a
 * usable key file for the day keyslots.json is damaged).
 */
async function expectOnlyTheRemainingOpen(dir: string, removed: { staff: TestStaff; slotId: string }, recoveryCode: string) {
  const files = keyFiles(dir);
  expect(files).toContain(KEYSLOTS_FILE);
  expect(files).toContain(`${KEYSLOTS_FILE}.prev`);
  for (const name of files) {
    const p = vaultPaths(folderUsing(dir, name));
    await expect(unlockWithPassword(p, removed.staff.username, removed.staff.password, { kdfCost: TEST_KDF }), `${name} opens with the removed password`).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
    });
    expect(readFileSync(join(dir, name), 'utf8'), `${name} names the removed slot`).not.toContain(removed.slotId);
    expect(readKeyslots(p.keyslots).slots.map((s) => s.id)).not.toContain(removed.slotId);
    const admin = await unlockWithPassword(p, ADMIN.username, ADMIN.password, { kdfCost: TEST_KDF });
    admin.dataKey.fill(0);
    const recovery = await unlockWithRecovery(p, recoveryCode);
    recovery.dataKey.fill(0);
  }
}

describeOn('sqlite', SQLITE_ONLY, 'key files kept beside keyslots.json', () => {
  it('turning an account off leaves its slot in no key file: not in keyslots.json, not in keyslots.json.prev', async () => {
    const dir = folder();
    const { core, router, recoveryCode } = await setUpVault(dir);
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    const slotId = slotIdOf(core.db, sam.id);
    // Before: Sam's password opens the vault (so the check below is not failing for another reason).
    (await unlockWithPassword(vaultPaths(dir), sam.username, sam.password, { kdfCost: TEST_KDF })).dataKey.fill(0);

    unwrap(await invoke(router, 'users.setDisabled', { id: sam.id, disabled: true }));
    core.close();

    await expectOnlyTheRemainingOpen(dir, { staff: sam, slotId }, recoveryCode);
  });

  it('a key rotation that drops a slot keyslots.json still held leaves it in no key file either', async () => {
    const dir = folder();
    const { core, router, recoveryCode } = await setUpVault(dir);
    await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    const jo = await addStaff(router, 'front_desk', 'jo', 'Jo Park');
    const slotId = slotIdOf(core.db, jo.id);
    const withJo = readFileSync(join(dir, KEYSLOTS_FILE), 'utf8');
    unwrap(await invoke(router, 'users.setDisabled', { id: jo.id, disabled: true }));
    // As if Doorway stopped between turning Jo off in the records and rewriting the key file: Jo's
    // slot is still in keyslots.json, and the rotation is what drops it.
    writeFileSync(join(dir, KEYSLOTS_FILE), withJo);
    const rotated = unwrap(await invoke(router, 'vault.rotateKey', {}));
    expect(rotated).toMatchObject({ removedSlots: 1 });
    core.close();

    await expectOnlyTheRemainingOpen(dir, { staff: jo, slotId }, recoveryCode);
  });

  it("a rotation's pending key file loses the slot too, so finishing that rotation later cannot bring it back", async () => {
    const dir = folder();
    const { core, router, recoveryCode } = await setUpVault(dir);
    const sam = await addStaff(router, 'clinician', 'sam', 'Sam Rivera');
    const slotId = slotIdOf(core.db, sam.id);
    core.close();
    // A pending generation that still holds Sam (one interrupted rotation's leftover), then Sam's slot
    // removed from keyslots.json the way accounts.ts removes it.
    const p = vaultPaths(dir);
    const current = readKeyslots(p.keyslots);
    writeKeyslots(`${p.keyslots}${PENDING_SUFFIX}`, current, { keepPrevious: false });
    writeKeyslots(p.keyslots, { ...current, slots: current.slots.filter((s) => s.id !== slotId) });

    expect(keyFiles(dir)).toContain(`${KEYSLOTS_FILE}${PENDING_SUFFIX}`);
    await expectOnlyTheRemainingOpen(dir, { staff: sam, slotId }, recoveryCode);
  });
});
