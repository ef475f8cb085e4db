/**
 * Test-only child process for the clinical store's crash tests: signs in (which may split an older
 * vault, vault/clinical-split.ts) and optionally writes a note, so a test can kill it at a named point
 * (DOORWAY_TEST_CRASH_AT=split:N or pair:between SIGKILLs the process there, like a power cut) and then
 * check what is left. Usage: clinical-child.ts DATA_DIR USERNAME ACTION [ARG] (password in
 * DOORWAY_PASSWORD); ACTION is `signin`, `record PERSON_ID NOTE` or `edit CONTACT_ID NOTE`.
 */
import { createDoorway, invoke } from '../../electron/core';
import { TEST_KDF } from './vault';

async function main(): Promise<void> {
  const [dataDir, username, action, id, note] = process.argv.slice(2);
  const { core, router } = createDoorway({ dataDir: dataDir!, kdfCost: TEST_KDF });
  await core.signIn(username!, process.env.DOORWAY_PASSWORD ?? '');
  let result: unknown = null;
  if (action === 'record') result = await invoke(router, 'contacts.record', { personId: Number(id), setting: 'drop_in', note: note! });
  if (action === 'edit') result = await invoke(router, 'contacts.update', { id: Number(id), changes: { note: note! } });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  core.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
