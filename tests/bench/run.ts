import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { round, SIZES, type BenchContext, type BenchSize } from './bench';
import { metrics } from './metrics';
import { hubMetric } from './metrics/hub';

/**
 * `npm run bench [-- --size small|medium|large]`: human-readable lines, then as the last line one JSON
 * object of metric -> number that CI and later issues can compare across runs.
 */
const USAGE = `Usage: npm run bench [-- --size ${SIZES.join('|')}] [--only WORD,WORD] [--engine sqlite|postgres]  (default: small, all metrics, one computer)`;

function parseArgv(argv: string[]): { size: BenchSize; only: string[]; engine: 'sqlite' | 'postgres' } | null {
  try {
    const { values } = parseArgs({ args: argv, options: { size: { type: 'string', default: 'small' }, only: { type: 'string', default: '' }, engine: { type: 'string', default: 'sqlite' } }, strict: true });
    if (values.engine !== 'sqlite' && values.engine !== 'postgres') return null;
    const size = SIZES.find((s) => s === values.size);
    // --only keeps the metric groups whose name contains one of the words, e.g. --only continuity,record
    return size ? { size, only: values.only.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean), engine: values.engine } : null;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const args = parseArgv(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const { size, only, engine } = args;

  const workDir = mkdtempSync(join(tmpdir(), 'doorway-bench-'));
  const fixtures = new Map<string, Promise<unknown>>();
  const ctx: BenchContext = {
    size,
    workDir,
    log: (text) => console.log(text),
    shared: <T>(name: string, build: () => Promise<T>) => {
      if (!fixtures.has(name)) fixtures.set(name, build());
      return fixtures.get(name) as Promise<T>;
    },
  };

  const results: Record<string, number> = {};
  const started = performance.now();
  try {
    console.log(`Doorway bench, size ${size}, engine ${engine}, Node ${process.version}`);
    // --engine postgres: the clinic hub's figures (and their ratios to one computer's in the same run).
    const chosen = engine === 'postgres' ? [hubMetric] : metrics;
    for (const metric of chosen.filter((m) => only.length === 0 || only.some((w) => m.name.toLowerCase().includes(w)))) {
      const t = performance.now();
      console.log(`- ${metric.name}`);
      Object.assign(results, await metric.run(ctx));
      console.log(`  (${round((performance.now() - t) / 1000, 1)} s)`);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`total ${round((performance.now() - started) / 1000, 1)} s`);
  console.log(JSON.stringify(results));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exitCode = 1;
});
