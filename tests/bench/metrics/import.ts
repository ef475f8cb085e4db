import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDoorway } from '../../../electron/core';
import { Random } from '../../../electron/core/demo/random';
import { round, type MetricModule } from '../bench';
import { BENCH_KDF } from '../fixtures';

const ROWS = 100_000;
const PEOPLE = 5_000;

/**
 * A year of a program's contact log as it keeps it, 100,000 rows: client codes, dates in the forms
 * spreadsheets hold (ISO, month/day/year, with and without a time, Excel serials), settings in English
 * and Spanish, a services list, one column per supply, and a "what mattered" cell with a quoted comma.
 */
function contactLog(path: string): void {
  const rng = new Random(14);
  const settings = ['SSP exchange', 'drop-in', 'Street outreach', 'van', 'calle', 'intercambio'];
  const services = ['', '', 'Check-in / conversation', 'Wound care', 'Naloxone training; Check-in / conversation'];
  const year = Date.UTC(2025, 0, 1);
  const lines = ['Client code,Date,Setting,Services,Syringes,Naloxone (nasal),Fentanyl test strips,What mattered'];
  for (let i = 0; i < ROWS; i++) {
    const at = new Date(year + rng.int(0, 364) * 86_400_000 + rng.int(9 * 60, 18 * 60) * 60_000);
    const y = at.getUTCFullYear();
    const m = at.getUTCMonth() + 1;
    const d = at.getUTCDate();
    const time = `${at.getUTCHours()}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
    const date = rng.weighted([
      [at.toISOString().slice(0, 10), 3],
      [`${m}/${d}/${y}`, 3],
      [`${m}/${d}/${y} ${time}`, 2],
      [String(Math.round((at.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000)), 1],
    ] as const);
    const code = `HS-${String(rng.int(1, PEOPLE)).padStart(4, '0')}`;
    const what = rng.chance(0.3) ? '"Warm socks, and a quiet place to sit"' : '';
    lines.push([code, date, rng.pick(settings), rng.pick(services), rng.chance(0.7) ? rng.int(5, 40) : '', rng.chance(0.15) ? 2 : '', rng.chance(0.3) ? rng.int(1, 10) : '', what].join(','));
  }
  writeFileSync(path, lines.join('\r\n'));
}

/**
 * Spreadsheet import (issue 14): 100,000 contact rows from a CSV file, checked and written in one
 * transaction through the router, in a process of its own so its peak memory is the import's.
 * Targets: import_100k_ms < 30,000; import_100k_peak_rss_mb < 400.
 */
export const importMetric: MetricModule = {
  name: 'spreadsheet import (100,000 contact rows from CSV)',
  async run(ctx) {
    const dataDir = join(ctx.workDir, 'import-vault');
    const username = 'bench-import';
    const password = 'a calm bench password';
    const { core } = createDoorway({ dataDir, kdfCost: BENCH_KDF });
    const pending = core.beginSetup();
    const groups = pending.recoveryCode.split('-');
    await core.completeSetup({
      clinicName: 'Bench Clinic',
      peopleWord: 'participant',
      admin: { username, displayName: 'Bench Admin', password },
      confirmation: pending.confirmGroups.map((g) => groups[g - 1] ?? ''),
    });
    core.close();
    const file = join(ctx.workDir, 'contact-log-100k.csv');
    contactLog(file);
    const child = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'import-child.ts'), dataDir, username, password, file], { encoding: 'utf8', maxBuffer: 16 * 2 ** 20 });
    const r = JSON.parse(child.trim().split('\n').at(-1)!) as { ms: number; cpuMs: number; peakRssMb: number; baselineRssMb: number; contacts: number; people: number };
    if (r.contacts !== ROWS) throw new Error(`the import wrote ${r.contacts} contacts, not ${ROWS}`);
    ctx.log(`  import_100k_ms: ${round(r.ms, 0)} (target < 30,000; ${r.people.toLocaleString('en-US')} people added with their contacts, into a new vault; ${round(r.cpuMs, 0)} ms of it on a processor)`);
    ctx.log(`  import_100k_peak_rss_mb: ${round(r.peakRssMb, 0)} (target < 400; the importing process's peak, ${round(r.baselineRssMb, 0)} MB of it before the import began)`);
    return { import_100k_ms: round(r.ms, 0), import_100k_peak_rss_mb: round(r.peakRssMb, 0) };
  },
};
