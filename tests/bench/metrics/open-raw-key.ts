import { openEncrypted } from '../../../electron/core/db/database';
import { describeSamples, median, round, timeSyncMs, type MetricModule } from '../bench';
import { productionVault } from '../fixtures';

const WARM_UP = 3;
const SAMPLES = 15;

/** Opening the records file with the raw key and reading page 1 (what every unlock does after the unwrap): target < 20 ms. */
export const openRawKeyMetric: MetricModule = {
  name: 'open with the raw key',
  async run(ctx) {
    const vault = await productionVault(ctx);
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      let close = () => {};
      // openEncrypted keys the connection and reads sqlite_master, which lives on page 1.
      const ms = timeSyncMs(() => {
        const db = openEncrypted(vault.paths.db, vault.dataKey);
        close = () => db.close();
      });
      close();
      if (i >= WARM_UP) samples.push(ms);
    }
    const ms = median(samples);
    ctx.log(`open_raw_key_ms: ${round(ms, 2)} ms (${describeSamples(samples)}; target < 20)`);
    return { open_raw_key_ms: round(ms, 2) };
  },
};
