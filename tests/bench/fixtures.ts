import { join } from 'node:path';
import { createDoorway } from '../../electron/core';
import { generateDemo } from '../../electron/core/demo/generate';
import { unlockWithPassword, vaultPaths, type VaultPaths } from '../../electron/core/vault/vault';
import type { BenchContext } from './bench';

export interface BenchVault {
  paths: VaultPaths;
  username: string;
  password: string;
  dataKey: Buffer;
}

/** A vault made exactly as first run makes it, with the production key derivation cost. */
export function productionVault(ctx: BenchContext): Promise<BenchVault> {
  return ctx.shared('production-vault', async () => {
    const dataDir = join(ctx.workDir, 'vault');
    const username = 'bench-admin';
    const password = 'a calm bench password';
    const { core } = createDoorway({ dataDir });
    const pending = core.beginSetup();
    const groups = pending.recoveryCode.split('-');
    await core.completeSetup({
      clinicName: 'Bench Clinic',
      peopleWord: 'participant',
      admin: { username, displayName: 'Bench Admin', password },
      confirmation: pending.confirmGroups.map((g) => groups[g - 1] ?? ''),
    });
    core.close();
    const paths = vaultPaths(dataDir);
    const { dataKey } = await unlockWithPassword(paths, username, password);
    return { paths, username, password, dataKey };
  });
}

export interface DemoBenchVault {
  dataDir: string;
  username: string;
  password: string;
  people: number;
  contacts: number;
}

/**
 * A demo clinic of the bench size (large: 20,000 people, 1,000,000 contacts), made once per run and
 * shared by the metrics that measure daily work on it. A cheap key derivation: unlock is measured elsewhere.
 */
export function demoBenchVault(ctx: BenchContext): Promise<DemoBenchVault> {
  return ctx.shared('demo-vault', async () => {
    const dataDir = join(ctx.workDir, 'demo-vault');
    const username = 'bench';
    const password = 'a calm bench password';
    const { core } = createDoorway({ dataDir, kdfCost: BENCH_KDF });
    const pending = core.beginSetup();
    const groups = pending.recoveryCode.split('-');
    const session = await core.completeSetup({
      clinicName: 'Bench Clinic',
      peopleWord: 'participant',
      admin: { username, displayName: 'Bench Admin', password },
      confirmation: pending.confirmGroups.map((g) => groups[g - 1] ?? ''),
    });
    const t = Date.now();
    const made = generateDemo(core.db, { size: ctx.size, seed: 11, now: core.now(), actorId: session.user.id });
    ctx.log(`  demo vault: ${made.people} people, ${made.contacts} contacts in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    core.close();
    return { dataDir, username, password, ...made };
  });
}

export const BENCH_KDF = { N: 2 ** 14 } as const;

/** Opens the shared demo vault and signs in, as the app would. */
export async function openDemoVault(ctx: BenchContext) {
  const v = await demoBenchVault(ctx);
  const doorway = createDoorway({ dataDir: v.dataDir, kdfCost: BENCH_KDF });
  await doorway.core.signIn(v.username, v.password);
  return { ...doorway, vault: v };
}
