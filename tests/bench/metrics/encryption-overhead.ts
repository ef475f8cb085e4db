import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { openEncrypted, tune, type Db } from '../../../electron/core/db/database';
import { describeSamples, median, round, timeSyncMs, type MetricModule } from '../bench';
import { createSchema, insertRows, makeReadPlan, makeRows, readRunner, ROWS, type ContactRow } from '../workload';

const WARM_UP_ROWS = 2_000;
const WRITE_ROUNDS = 5;
const READ_ROUNDS = 7;
const COLD_ROUNDS = 5;
const MIN_READ_ROUND_MS = 200;
/** Distinct read batches, cycled, so the reads touch much of the table and not the same few pages. */
const PLANS = 64;

type Side = 'encrypted' | 'plaintext';
const SIDES: readonly Side[] = ['encrypted', 'plaintext'];

/** Alternates which side goes first each round, so neither always runs on a cooler or warmer machine. */
const orderFor = (round: number): readonly Side[] => (round % 2 === 0 ? SIDES : [...SIDES].reverse());

/**
 * The cost of encryption on the same workload and the same tuned pragmas (64 MiB page cache, WAL,
 * synchronous=FULL): the encrypted side opens exactly as the app does, the plaintext side is the same
 * driver without a key. Targets: reads <= 1.3.
 */
export const encryptionOverheadMetric: MetricModule = {
  name: 'encrypted vs plaintext',
  async run(ctx) {
    const key = randomBytes(32);
    const paths: Record<Side, string> = {
      encrypted: join(ctx.workDir, 'overhead-encrypted.db'),
      plaintext: join(ctx.workDir, 'overhead-plaintext.db'),
    };
    const open: Record<Side, () => Db> = {
      encrypted: () => {
        const db = openEncrypted(paths.encrypted, key, { create: true });
        tune(db);
        return db;
      },
      plaintext: () => {
        const db = new Database(paths.plaintext);
        tune(db);
        return db;
      },
    };

    // One fixed workload whatever --size says, so the ratios compare like with like across runs; the
    // size-dependent work lives in the record metrics.
    const rows = makeRows(WARM_UP_ROWS + ROWS.small);
    ctx.log(`workload: ${ROWS.small} contact rows, inserts in transactions of 500`);
    let dbs: Record<Side, Db> = { encrypted: open.encrypted(), plaintext: open.plaintext() };
    for (const side of SIDES) {
      createSchema(dbs[side]);
      insertRows(dbs[side], rows.slice(0, WARM_UP_ROWS));
    }

    // Writes: the rows after the warm-up, in equal parts, one part per round.
    const timed = rows.slice(WARM_UP_ROWS);
    const part = Math.ceil(timed.length / WRITE_ROUNDS);
    const writes: Record<Side, number[]> = { encrypted: [], plaintext: [] };
    for (let r = 0; r < WRITE_ROUNDS; r++) {
      const chunk: readonly ContactRow[] = timed.slice(r * part, (r + 1) * part);
      for (const side of orderFor(r)) writes[side].push(timeSyncMs(() => insertRows(dbs[side], chunk)));
    }

    // Reads start from a fresh connection (an empty page cache), as after each unlock.
    for (const side of SIDES) dbs[side].close();
    dbs = { encrypted: open.encrypted(), plaintext: open.plaintext() };
    const plans = Array.from({ length: PLANS }, (_, i) => makeReadPlan(rows, i + 1));
    const pass = (side: Side) => {
      let seen = 0;
      for (const plan of plans) seen += readRunner(dbs[side], plan)();
      return seen;
    };

    const cold: Record<Side, number[]> = { encrypted: [], plaintext: [] };
    for (let r = 0; r < COLD_ROUNDS; r++) {
      for (const side of orderFor(r)) {
        dbs[side].close();
        dbs[side] = open[side]();
        cold[side].push(timeSyncMs(() => pass(side)));
      }
    }

    // Warm up, and check both sides answer the same before timing anything.
    const answers = SIDES.map((side) => pass(side));
    if (answers[0] !== answers[1]) throw new Error(`the two databases answered differently (${answers.join(' vs ')})`);
    let passes = 1;
    while (timeSyncMs(() => Array.from({ length: passes }, () => pass('plaintext'))) < MIN_READ_ROUND_MS) passes *= 2;

    const reads: Record<Side, number[]> = { encrypted: [], plaintext: [] };
    for (let r = 0; r < READ_ROUNDS; r++) {
      for (const side of orderFor(r)) {
        reads[side].push(
          timeSyncMs(() => {
            for (let i = 0; i < passes; i++) pass(side);
          }),
        );
      }
    }
    for (const side of SIDES) dbs[side].close();

    const ratio = (samples: Record<Side, number[]>) => median(samples.encrypted) / median(samples.plaintext);
    const writeRatio = ratio(writes);
    const readRatio = ratio(reads);
    const coldRatio = ratio(cold);
    for (const side of SIDES) {
      ctx.log(`  ${side} writes: ${round(median(writes[side]), 1)} ms per ${part} rows (${describeSamples(writes[side])})`);
      ctx.log(`  ${side} reads: ${round(median(reads[side]), 1)} ms per round of ${passes} pass${passes === 1 ? '' : 'es'} (${describeSamples(reads[side])})`);
      ctx.log(`  ${side} first pass after opening: ${round(median(cold[side]), 1)} ms (${describeSamples(cold[side])})`);
    }
    ctx.log(`encrypted_write_ratio: ${round(writeRatio, 3)}`);
    ctx.log(`encrypted_read_ratio: ${round(readRatio, 3)} (target <= 1.3)`);
    ctx.log(`encrypted_cold_read_ratio: ${round(coldRatio, 3)} (first pass after opening, empty page cache)`);
    return {
      encrypted_read_ratio: round(readRatio, 3),
      encrypted_write_ratio: round(writeRatio, 3),
      encrypted_cold_read_ratio: round(coldRatio, 3),
    };
  },
};
