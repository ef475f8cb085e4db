import { afterEach, expect } from 'vitest';
import { createDoorway, type Doorway } from '../../electron/core';
import { messageText } from '../../shared/messages';
import { itOn } from '../support/engine';
import { ADMIN, hashDir, removeDir, tempDir, TEST_KDF } from '../support/vault';

/**
 * What the first-run wizard is told when it must stop, as keys said in each staff member's language:
 * the groups of the recovery code that do not match are named, nothing is written, and a computer
 * already set up says so. (One computer's first run: a clinic hub is made by `initHub`, pg-hub-init.)
 */

const FIRST_RUN = 'the first-run wizard makes one computer’s vault; a hub is made by initHub (pg-hub-init, catalog-language)';
let dir: string;
let core: Doorway | null = null;
afterEach(() => {
  core?.close();
  core = null;
  removeDir(dir);
});

itOn('sqlite', FIRST_RUN, 'a wrong retyped group is named in English and Spanish, and nothing is written; set up, it says so', async () => {
  dir = tempDir('doorway-setup-messages-');
  const made = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
  core = made.core;
  const code = await made.router('setup.recoveryCode', {});
  if (!code.ok) throw new Error(code.error.message);
  const { recoveryCode, confirmGroups } = code.value as { recoveryCode: string; confirmGroups: [number, number] };
  const groups = recoveryCode.split('-');
  const input = { clinicName: 'Calle Harbour', peopleWord: 'participant' as const, admin: { ...ADMIN }, language: 'es' as const };

  const both = await made.router('setup.create', { ...input, confirmation: ['ZZZZZ', 'ZZZZZ'] });
  expect(both).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID', key: 'setup.groupsMismatchCheck', params: { first: confirmGroups[0], second: confirmGroups[1] } } });
  if (both.ok) return;
  expect(both.error.message).toBe(`Groups ${confirmGroups[0]} and ${confirmGroups[1]} don't match the recovery code shown (check for a typo). Look at the code again and retype it.`);
  expect(messageText({ key: both.error.key!, params: both.error.params! }, 'es')).toBe(
    `Los grupos ${confirmGroups[0]} y ${confirmGroups[1]} no coinciden con el código de recuperación que se mostró (revise si hay un error de escritura). Mire el código otra vez y vuelva a escribirlo.`,
  );
  expect(hashDir(dir)).toEqual({});

  const one = await made.router('setup.create', { ...input, confirmation: [groups[confirmGroups[0] - 1]!, 'ZZZZZ'] });
  expect(one).toMatchObject({ ok: false, error: { code: 'RECOVERY_CODE_INVALID', key: 'setup.groupMismatchCheck', params: { group: confirmGroups[1] } } });
  expect(hashDir(dir)).toEqual({});

  const done = await made.router('setup.create', { ...input, confirmation: confirmGroups.map((g) => groups[g - 1]!) });
  expect(done.ok).toBe(true);
  const again = await made.router('setup.recoveryCode', {});
  expect(again).toMatchObject({ ok: false, error: { code: 'VAULT_EXISTS', key: 'setup.alreadySetUp', message: 'Doorway is already set up on this computer. Please sign in.' } });
});
