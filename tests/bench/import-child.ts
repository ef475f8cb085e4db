/**
 * Run by the import metric in its own process, as the app's main process would run an import: opens
 * the vault, signs in, reads the spreadsheet from disk and imports it through the router (import.run),
 * then prints the time and the process's peak resident memory as JSON.
 * Usage: node --import tsx tests/bench/import-child.ts DATA_DIR USERNAME PASSWORD FILE
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDoorway, invoke } from '../../electron/core';
import { problemText } from '../../shared/contract/import';
import { messageText } from '../../shared/messages';
import { BENCH_KDF } from './fixtures';

async function main(): Promise<void> {
  const [dataDir, username, password, file] = process.argv.slice(2);
  if (!dataDir || !username || !password || !file) throw new Error('usage: import-child.ts DATA_DIR USERNAME PASSWORD FILE');
  const { core, router } = createDoorway({ dataDir, kdfCost: BENCH_KDF });
  await core.signIn(username, password);
  const baselineRssMb = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const r = await invoke(router, 'import.run', {
    kind: 'contacts',
    file: { name: basename(file), base64: readFileSync(file).toString('base64') },
    dateOrder: 'month_first',
  });
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  // CPU time beside the wall clock: on a busy machine the wall clock includes waiting for a core.
  const cpuMs = (used.user + used.system) / 1000;
  if (!r.ok) throw new Error(r.error.message);
  if (!r.value.written) throw new Error(`the import was refused: ${r.value.problems.map((p) => problemText(p, messageText)).join(' ')}`);
  const contacts = core.db.prepare('SELECT count(*) FROM contacts').pluck().get() as number;
  // ru_maxrss: the most this process ever held resident, in KiB.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  core.close();
  console.log(JSON.stringify({ ms, cpuMs, peakRssMb, baselineRssMb, contacts, people: r.value.counts.peopleAdded }));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
