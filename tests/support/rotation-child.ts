/**
 * Test-only child process: signs in and changes the vault key, so a test can kill it at a numbered
 * step (DOORWAY_TEST_CRASH_AT=rotation:N makes the rotation SIGKILL its own process there, like a
 * power cut) and then check what is left on disk. Usage: rotation-child.ts DATA_DIR USERNAME (password
 * in DOORWAY_PASSWORD).
 */
import { createDoorway, invoke } from '../../electron/core';
import { TEST_KDF } from './vault';

async function main(): Promise<void> {
  const [dataDir, username] = process.argv.slice(2);
  const { core, router } = createDoorway({ dataDir: dataDir!, kdfCost: TEST_KDF });
  await core.signIn(username!, process.env.DOORWAY_PASSWORD ?? '');
  const result = await invoke(router, 'vault.rotateKey', {});
  process.stdout.write(`${JSON.stringify(result)}\n`);
  core.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
