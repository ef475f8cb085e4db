import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';

/** The files of a vault that must be readable (and, for a session, writable) where they exist. */
const VAULT_FILES = ['keyslots.json', 'doorway.db', 'clinical.db'];

const unreadable = (dir: string) =>
  new DoorwayError(
    'DATA_FOLDER_UNREADABLE',
    msg('platform.dataFolder.unreadable', { dir }),
  );

const readOnly = (dir: string) =>
  new DoorwayError(
    'DATA_FOLDER_READ_ONLY',
    msg('platform.dataFolder.readOnly', { dir }),
  );

/** Whether the running account may do `mode` on `path`; only "no" answers count as no (a missing file is not a problem here). */
function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return !(code === 'EACCES' || code === 'EPERM' || code === 'EROFS');
  }
}

/**
 * Why the data folder cannot be used as it is, before anything else looks at it: an unreadable
 * folder would otherwise look empty (first run) and a read-only one would fail to open like a damaged
 * file ("restore a backup"), and both would send staff the wrong way. Null when it is fine, or when it
 * does not exist yet (first run makes it). `forWriting` is false for a look that writes nothing.
 */
export function dataFolderProblem(dir: string, forWriting = true): DoorwayError | null {
  if (!allowed(dir, constants.R_OK | constants.X_OK)) return unreadable(dir);
  if (!existsSync(dir)) return null;
  const files = VAULT_FILES.map((f) => join(dir, f)).filter((f) => existsSync(f));
  if (files.some((f) => !allowed(f, constants.R_OK))) return unreadable(dir);
  if (forWriting && (!allowed(dir, constants.W_OK) || files.some((f) => !allowed(f, constants.W_OK)))) return readOnly(dir);
  return null;
}

/** Throws the folder's problem, if it has one. */
export function assertDataFolderUsable(dir: string, forWriting = true): void {
  const problem = dataFolderProblem(dir, forWriting);
  if (problem) throw problem;
}
