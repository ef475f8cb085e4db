import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { readKeyslots } from '../core/vault/keyslots';
import { prepareDataFolder } from '../core/data-folder';
import { vaultPaths, type VaultPaths } from '../core/vault/vault';
import { CliFailure } from './errors';
import { PROGRAM } from './command';

/** The absolute data folder, so messages and output name exactly the folder that was used. */
export const dataFolder = (given: string): VaultPaths => vaultPaths(resolve(given));

/**
 * Checks, before any secret is asked for, that the folder holds a vault whose key file can be read,
 * so a person does not type a password only to learn the folder was wrong.
 */
export function requireVault(p: VaultPaths): void {
  if (!existsSync(p.dir)) throw new CliFailure(`There is no folder at ${p.dir}. Check the --data-dir path.`);
  if (!statSync(p.dir).isDirectory()) throw new CliFailure(`${p.dir} is a file, not a data folder. Check the --data-dir path.`);
  if (!prepareDataFolder(p).vaultExists) {
    if (existsSync(p.db)) {
      throw new CliFailure(
        `${p.dir} has a records file (doorway.db) but no key file (keyslots.json), so it cannot be opened. Nothing was changed. ` +
          'Put the key file back from a backup, or keyslots.json.prev if it is there.',
      );
    }
    throw new CliFailure(
      `There is no Doorway vault in ${p.dir}. Nothing was changed. To set one up, run: ${PROGRAM} init --data-dir ${JSON.stringify(p.dir)} --clinic NAME --admin USERNAME`,
    );
  }
  // Throws the core's own clear message when the key file is damaged.
  readKeyslots(p.keyslots);
}

/** Init must find nothing to overwrite: no vault, no stray records file, and a folder (or nothing) at the path. */
export function requireNoVault(p: VaultPaths): void {
  if (!existsSync(p.dir)) return;
  if (!statSync(p.dir).isDirectory()) throw new CliFailure(`${p.dir} is a file, not a folder. Nothing was changed. Choose a folder for the data.`);
  if (prepareDataFolder(p).vaultExists) {
    throw new CliFailure(`${p.dir} already holds a Doorway vault. Nothing was changed. To check it, run: ${PROGRAM} status --data-dir ${JSON.stringify(p.dir)} --user USERNAME`);
  }
  if (existsSync(p.db)) {
    throw new CliFailure(
      `${p.dir} already has a records file (doorway.db) without its key file. Nothing was changed. Choose an empty folder, or put the key file back.`,
    );
  }
}
