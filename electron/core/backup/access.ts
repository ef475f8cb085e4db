import type { BackupPhase } from '../../../shared/contract/backup';
import type { Db } from '../db/database';
import type { VaultPaths } from '../vault/vault';

/** What a backup operation needs from an open vault: the app's session and the command line both provide it. */
export interface VaultAccess {
  paths: VaultPaths;
  /** The vault's open connection: used to checkpoint before a copy and to record what was done. */
  db: Db;
  /** The operation's own copy of the data key; the caller zeroes it afterwards. */
  dataKey: Buffer;
  /**
   * The operation's own copy of the clinical key, when the person behind it holds one (a clinical role,
   * or the recovery code); null or left out otherwise (front desk). The caller zeroes it afterwards.
   * Without it, a vault's clinical file is still backed up, copied as it is on disk (create.ts).
   */
  clinicalKey?: Buffer | null;
  vaultId: string;
  nativeBinding?: string;
}

export interface Maker {
  id: number | null;
  username: string | null;
  displayName: string | null;
  via: 'app' | 'schedule' | 'quit' | 'commandLine';
}

/**
 * Test seams for crash tests only (the app and the command line never set them): called at each
 * step of a backup or restore, so a test can stop the process exactly there with kill -9.
 */
export interface BackupHooks {
  step?: (name: string) => void | Promise<void>;
}

export type ProgressFn = (phase: BackupPhase, done: number, total: number) => void;
