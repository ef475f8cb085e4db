/**
 * Test-only child process: signs in and changes one or both vault keys, so a test can kill it at a
 * numbered step (DOORWAY_TEST_CRASH_AT=rotation:N for the main key, rotation-clinical:N for the
 * clinical key, SIGKILLs the process there, like a power cut) and then check what is left on disk.
 * Usage: rotation-keys-child.ts DATA_DIR USERNAME KEYS (main, clinical or both; password in DOORWAY_PASSWORD).
 */
import { createDoorway, invoke } from '../../electron/core';
import { rotateKeysSchema } from '../../shared/contract/users';
import { TEST_KDF } from '../support/vault';

async function main(): Promise<void> {
  const [dataDir, username, keys] = process.argv.slice(2);
  const { core, router } = createDoorway({ dataDir: dataDir!, kdfCost: TEST_KDF });
  await core.signIn(username!, process.env.DOORWAY_PASSWORD ?? '');
  const result = await invoke(router, 'vault.rotateKey', { keys: rotateKeysSchema.parse(keys) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  core.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
