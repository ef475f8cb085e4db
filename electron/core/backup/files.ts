import { createHash } from 'node:crypto';
import { accessSync, closeSync, constants, createReadStream, existsSync, fsyncSync, openSync, realpathSync, statSync } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';

/**
 * The writes a backup makes into the destination, behind a small seam: tests put a failing one in its
 * place to show what a full or failing drive does (the production one is `nodeBackupFs`).
 */
export interface BackupFs {
  /** Copies a file byte for byte and makes the copy durable before resolving. */
  copyFile(from: string, to: string): Promise<void>;
  /** Creates a new file with this content and makes it durable before resolving. */
  writeFile(path: string, data: Buffer | string): Promise<void>;
}

export const nodeBackupFs: BackupFs = {
  async copyFile(from, to) {
    // The kernel copies (copy_file_range / clonefile where the file system offers it): the fastest way
    // to duplicate pages that are already encrypted.
    await copyFile(from, to, constants.COPYFILE_EXCL);
    await fsyncFile(to);
  },
  async writeFile(path, data) {
    const handle = await open(path, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};

export async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or a new entry in a folder durable. Some platforms cannot fsync a folder; the rename is still atomic there. */
export function fsyncDir(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // See above.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** SHA-256 of a file, read in 1 MiB pieces; `onBytes` hears how far it got. */
export async function sha256File(path: string, onBytes?: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    onBytes?.((chunk as Buffer).length);
  }
  return hash.digest('hex');
}

const errno = (e: unknown): string | undefined =>
  e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string' ? (e as { code: string }).code : undefined;

export const megabytes = (bytes: number) => Math.max(1, Math.ceil(bytes / 1_000_000));

/**
 * Turns what the file system said into a sentence for the administrator. Null for anything
 * unexpected, which the router reports as an internal problem (and logs).
 */
export function explainWriteError(e: unknown, dest: string, neededBytes: number): DoorwayError | null {
  if (e instanceof DoorwayError) return e;
  switch (errno(e)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.noSpace', { dest, megabytes: megabytes(neededBytes) }));
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.notAllowed', { dest }));
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ENODEV':
    case 'ENXIO':
      return unavailable(dest);
    case 'EIO':
      return new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.driveProblem', { dest }));
    default:
      return null;
  }
}

export function unavailable(dest: string): DoorwayError {
  return new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.unavailable', { dest }));
}

/** The folder's real path (links and `..` resolved), or the resolved path when it does not exist (yet). */
function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return resolve(path);
  }
}

/**
 * True when `path` is `folder` itself or anywhere inside it, comparing real paths (so a link to the
 * data folder, or `<data>/sub/..`, counts). A sibling whose name merely starts with the folder's name,
 * like `<data>..bk` or `<data>-backups`, or a folder named `..bk` inside it, is told apart: only a
 * relative path that is `..` or starts with `..` and a separator leaves the folder.
 */
export function isInsideFolder(path: string, folder: string): boolean {
  const rel = relative(realPath(folder), realPath(path));
  if (rel === '') return true;
  if (isAbsolute(rel)) return false; // another drive
  return !(rel === '..' || rel.startsWith(`..${sep}`));
}

/**
 * The one check of a backup folder, used by the Backups screen's settings and by the command line:
 * null when backups can be written there, otherwise the reason, in words. The folder must be a
 * whole (absolute) path, exist, be a folder that can be read and written, and, when `dataDir` is
 * given, be neither Doorway's data folder nor inside it. (A backup being written checks again without
 * `dataDir`, for a drive that went away since.)
 */
export function destinationProblem(dest: string, dataDir?: string): DoorwayError | null {
  if (!isAbsolute(dest)) {
    return new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.notWhole', { dest }));
  }
  if (!existsSync(dest)) return unavailable(dest);
  try {
    if (!statSync(dest).isDirectory()) {
      return new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.isFile', { dest }));
    }
    accessSync(dest, constants.W_OK | constants.R_OK);
  } catch (e) {
    return explainWriteError(e, dest, 0) ?? unavailable(dest);
  }
  if (dataDir !== undefined && isInsideFolder(dest, dataDir)) return new DoorwayError('BACKUP_DESTINATION', msg('backup.destination.insideDataFolder'));
  return null;
}
