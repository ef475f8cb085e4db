import { join } from 'node:path';
import { createDoorway } from '../../electron/core';
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
