import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DoorwayError } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { keyslotFileSchema } from '../vault/keyslots';
import type { ProgressFn } from './access';
import { checkDatabaseFile } from './check-worker';
import { DB_PART, DELETING_SUFFIX, KEYSLOTS_PART, MANIFEST_FILE, PARTIAL_PATTERN, VERIFIED_FILE, type Manifest, type PrivatePart } from './format';
import { readManifest } from './read';
import { manifestSealHolds, openPrivate, signVerifiedMark } from './seal';
import { sha256File } from './files';

export interface VerifyOptions {
  dataKey: Buffer;
  /** The vault the bundle must come from; left out when a bundle is checked with its own key slots. */
  vaultId?: string;
  nativeBinding?: string;
  onProgress?: ProgressFn;
  /**
   * False only for a restore drill, which checks the restored copy itself (the same bytes, proved by
   * the fingerprints) rather than reading every page twice.
   */
  checkRecords?: boolean;
}

export interface VerifiedBundle {
  dir: string;
  name: string;
  manifest: Manifest;
  privatePart: PrivatePart;
  tables: number;
  rows: number;
}

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

function refuse(name: string, text: string): DoorwayError {
  return new DoorwayError('BACKUP_INVALID', `The backup "${name}" ${text}`);
}

export const sealBrokenMessage = (name: string) =>
  refuse(
    name,
    "can't be trusted: its description (manifest.json) doesn't match its seal. It was changed or damaged after it was written, " +
      "or it was made before the vault's key was changed (then the command line can check and restore it with the recovery code). Nothing was changed.",
  );

export const otherVaultMessage = (name: string) =>
  refuse(
    name,
    "was made from a different Doorway vault (another clinic's records, or a vault that was set up again from scratch), " +
      "so it doesn't belong here. Nothing was changed.",
  );

const sumRows = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);

function firstBytes(path: string, n: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * The full check, cheapest and most telling steps first: the parts are there; the manifest is intact
 * and sealed with this vault's key; every part has its recorded size and SHA-256; the key slots belong
 * to the vault; the database is encrypted, opens read-only with the key, passes `integrity_check`
 * (every page read and authenticated) and holds exactly the rows counted when it was made.
 * Throws BACKUP_INVALID with a sentence for the administrator; never changes the bundle.
 */
export async function verifyBundle(dir: string, opts: VerifyOptions): Promise<VerifiedBundle> {
  const name = basename(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DoorwayError('BACKUP_INVALID', `There is no backup folder at ${dir}. Nothing was changed.`);
  }
  if (PARTIAL_PATTERN.test(name) || name.endsWith(DELETING_SUFFIX)) {
    throw new DoorwayError(
      'BACKUP_INVALID',
      `${dir} is an unfinished backup (it stopped before it was completed, or while it was being removed), so it never counts as a backup. ` +
        'Nothing was changed; "backup prune" removes it.',
    );
  }
  const read = readManifest(dir);
  if (!read.ok) {
    throw read.missing
      ? refuse(name, `is incomplete: its ${MANIFEST_FILE} is missing, so it can't be used. Nothing was changed.`)
      : refuse(name, `can't be trusted: its description (${MANIFEST_FILE}) is damaged. Nothing was changed.`);
  }
  const manifest = read.manifest;
  if (opts.vaultId && manifest.vaultId !== opts.vaultId) throw otherVaultMessage(name);
  if (!manifestSealHolds(opts.dataKey, manifest)) throw sealBrokenMessage(name);
  const privatePart = openPrivate(opts.dataKey, manifest.bundleId, manifest.private);
  if (!privatePart) throw sealBrokenMessage(name);

  // Sizes first: a truncated copy is named as such, without reading gigabytes to say so.
  for (const part of manifest.parts) {
    const path = join(dir, part.name);
    if (!existsSync(path)) throw refuse(name, `is incomplete: ${part.name} is missing, so it can't be used. Nothing was changed.`);
    const size = statSync(path).size;
    if (size !== part.bytes) {
      throw refuse(
        name,
        `is damaged: ${part.name} is ${size < part.bytes ? 'shorter' : 'longer'} than when it was written, so the copy is incomplete. ` +
          "It can't be used; nothing was changed.",
      );
    }
  }
  const total = manifest.parts.reduce((s, p) => s + p.bytes, 0);
  let done = 0;
  opts.onProgress?.('fingerprint', 0, total);
  for (const part of manifest.parts) {
    const digest = await sha256File(join(dir, part.name), (n) => {
      done += n;
      opts.onProgress?.('fingerprint', done, total);
    });
    if (digest !== part.sha256) {
      throw refuse(
        name,
        `is damaged: ${part.name} has changed since the backup was written (its SHA-256 fingerprint doesn't match). It can't be used; nothing was changed.`,
      );
    }
  }

  let slots: ReturnType<typeof keyslotFileSchema.safeParse>;
  try {
    slots = keyslotFileSchema.safeParse(JSON.parse(readFileSync(join(dir, KEYSLOTS_PART), 'utf8')));
  } catch {
    slots = keyslotFileSchema.safeParse(null);
  }
  if (!slots.success || slots.data.vaultId !== manifest.vaultId) {
    throw refuse(name, "can't be used: the key file inside it is damaged or belongs to another vault. Nothing was changed.");
  }

  const dbPath = join(dir, DB_PART);
  if (firstBytes(dbPath, PLAINTEXT_HEADER.length).equals(PLAINTEXT_HEADER)) {
    throw refuse(name, "can't be used: its records file is not encrypted, so it was not made by Doorway. Nothing was changed.");
  }
  if (opts.checkRecords === false) {
    return { dir, name, manifest, privatePart, tables: Object.keys(privatePart.rowCounts).length, rows: sumRows(privatePart.rowCounts) };
  }
  const wal = `${dbPath}-wal`;
  if (existsSync(wal)) {
    if (statSync(wal).size > 0) {
      throw refuse(name, "can't be trusted: its records file was opened and changed after the backup was written. Nothing was changed.");
    }
    // Left by a check that was interrupted: empty, so it holds nothing.
    rmSync(wal, { force: true });
    rmSync(`${dbPath}-shm`, { force: true });
  }

  opts.onProgress?.('check', 0, 0);
  const check = await checkDatabaseFile(dbPath, opts.dataKey, { nativeBinding: opts.nativeBinding });
  if (!check.opened) {
    throw refuse(name, "can't be used: its records file doesn't open with this vault's key. Nothing was changed.");
  }
  if (check.integrity.length !== 1 || check.integrity[0] !== 'ok') {
    throw refuse(name, `is damaged: its records file failed the page-by-page check (${check.integrity[0] ?? 'no answer'}). It can't be used; nothing was changed.`);
  }
  if (check.schemaVersion !== manifest.schemaVersion) {
    throw refuse(name, `can't be trusted: its records file has schema ${check.schemaVersion}, but its description says ${manifest.schemaVersion}. Nothing was changed.`);
  }
  const expected = privatePart.rowCounts;
  const tables = new Set([...Object.keys(expected), ...Object.keys(check.counts)]);
  for (const table of [...tables].sort()) {
    const want = expected[table];
    const got = check.counts[table];
    if (want !== got) {
      throw refuse(
        name,
        `doesn't hold what it held when it was made (${table}: ${want ?? 0} rows expected, ${got ?? 0} found). It can't be used; nothing was changed.`,
      );
    }
  }
  opts.onProgress?.('check', 1, 1);
  return { dir, name, manifest, privatePart, tables: tables.size, rows: sumRows(check.counts) };
}

/** Writes the sealed mark that makes a bundle count: only ever after `verifyBundle` passed. */
export function markVerified(verified: VerifiedBundle, dataKey: Buffer, at: string): void {
  const mark = signVerifiedMark(dataKey, {
    format: 'doorway-backup-verified',
    version: 1,
    bundleId: verified.manifest.bundleId,
    manifestHmac: verified.manifest.hmac,
    verifiedAt: at,
    tables: verified.tables,
    rows: verified.rows,
  });
  writeFileAtomic(join(verified.dir, VERIFIED_FILE), `${JSON.stringify(mark, null, 2)}\n`);
}
