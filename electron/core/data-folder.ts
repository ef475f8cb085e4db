import { finishInterruptedRestore, type FinishedRestore } from './backup/swap';
import type { Clock } from './platform/clock';
import { assertDataFolderUsable } from './platform/folder-access';
import { vaultExists, type VaultPaths } from './vault/vault';

/**
 * Every use of a data folder starts here: one it cannot read or write is reported as such, and a
 * restore that a crash or kill interrupted is finished first (backup/swap.ts): the folder then holds the old vault or the new one, never a mix. It lives
 * apart from vault/ so that the vault does not depend on backups.
 */
export function prepareDataFolder(paths: VaultPaths): { vaultExists: boolean; finished: FinishedRestore | null } {
  // An unreadable folder must not look like a first run, nor a read-only one like damaged records.
  assertDataFolderUsable(paths.dir);
  const finished = finishInterruptedRestore(paths.dir);
  return { vaultExists: vaultExists(paths), finished };
}

/**
 * The data folder as the app uses it: ready before each use, and what opening it finished is kept
 * until the next sign-in writes it to the audit trail (the vault is closed when it happens).
 */
export class DataFolder {
  private finished: (FinishedRestore & { at: string })[] = [];

  constructor(
    readonly paths: VaultPaths,
    private readonly clock: Clock,
  ) {}

  vaultExists(): boolean {
    const ready = prepareDataFolder(this.paths);
    if (ready.finished) this.finished.push({ ...ready.finished, at: this.clock.nowIso() });
    return ready.vaultExists;
  }

  /** The restores finished since the last sign-in, handed over once. */
  takeFinishedRestores(): (FinishedRestore & { at: string })[] {
    const out = this.finished;
    this.finished = [];
    return out;
  }
}
