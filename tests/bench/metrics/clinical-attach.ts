import { join } from 'node:path';
import { openVaultDb, openClinicalStore, unlockWithPassword, vaultPaths } from '../../../electron/core/vault/vault';
import { describeSamples, median, round, timeSyncMs, type MetricModule } from '../bench';
import { BENCH_KDF, demoBenchVault } from '../fixtures';

const WARM_UP = 3;
const SAMPLES = 15;

/**
 * Opening the clinical store beside the open main one, as a clinical sign-in does after the unwrap:
 * the ATTACH with its key, the schema check and the check for a change cut off between the two
 * commits (DESIGN.md, Vault: two stores, two keys). On the demo clinic, whose clinical file holds a
 * note for most of its contacts. Target < 5 ms.
 */
export const clinicalAttachMetric: MetricModule = {
  name: 'clinical store attach',
  async run(ctx) {
    const v = await demoBenchVault(ctx);
    const paths = vaultPaths(join(v.dataDir));
    const unlocked = await unlockWithPassword(paths, v.username, v.password, { kdfCost: BENCH_KDF });
    if (!unlocked.clinicalKey) throw new Error('the bench administrator holds no clinical key');
    const main = openVaultDb(paths, unlocked.dataKey);
    const samples: number[] = [];
    try {
      for (let i = 0; i < WARM_UP + SAMPLES; i++) {
        let close = () => {};
        const ms = timeSyncMs(() => {
          const { clinical } = openClinicalStore(paths, unlocked.clinicalKey!, main);
          close = () => clinical.close();
        });
        close();
        if (i >= WARM_UP) samples.push(ms);
      }
    } finally {
      main.close();
    }
    const ms = median(samples);
    ctx.log(`clinical_attach_ms: ${round(ms, 2)} ms (${describeSamples(samples)}; target < 5)`);
    return { clinical_attach_ms: round(ms, 2) };
  },
};
