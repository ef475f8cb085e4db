import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync, copyFileSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content: temp file,
 * fsync, rename, fsync of the folder. With `keepPrevious`, the old file is first copied to `.prev`.
 */
export function writeFileAtomic(path: string, content: string | Buffer, opts: { keepPrevious?: boolean } = {}): void {
  const tmp = `${path}.tmp-${process.pid}-${Date.now()}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    if (opts.keepPrevious && existsSync(path)) {
      copyFileSync(path, `${path}.prev`);
      fsyncPath(`${path}.prev`);
    }
    renameSync(tmp, path);
  } catch (e) {
    if (existsSync(tmp)) unlinkSync(tmp);
    throw e;
  }
  fsyncPath(dirname(path));
}

function fsyncPath(p: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(p, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
