import { unlockWithPassword } from '../../../electron/core/vault/vault';
import { describeSamples, median, round, timeMs, type MetricModule } from '../bench';
import { productionVault } from '../fixtures';

const SAMPLES = 7;

/** Sign-in unwrap with the production key derivation: target 250-1000 ms (slow to guess, quick at a front desk). */
export const unlockMetric: MetricModule = {
  name: 'sign-in unwrap',
  async run(ctx) {
    const vault = await productionVault(ctx);
    const unlockOnce = async () => (await unlockWithPassword(vault.paths, vault.username, vault.password)).dataKey.fill(0);
    await unlockOnce(); // warm-up: first use of scrypt's memory
    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await timeMs(unlockOnce));
    const ms = median(samples);
    ctx.log(`unlock_ms: ${round(ms, 1)} ms (${describeSamples(samples)}; target 250-1000)`);
    return { unlock_ms: round(ms, 1) };
  },
};
