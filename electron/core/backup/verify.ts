import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { msg, type MessageKey, type MessageParams } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { keyslotFileSchema } from '../vault/keyslots';
import type { ProgressFn } from './access';
import { checkDatabaseFile, type DbCheck } from './check-worker';
import { CLINICAL_PART, DB_PART, DELETING_SUFFIX, KEYSLOTS_PART, MANIFEST_FILE, PARTIAL_PATTERN, VERIFIED_FILE, type CountsPart, type Manifest, type PrivatePart, type VerifiedMark } from './format';
import { readManifest, readVerifiedMark } from './read';
import { manifestSealHolds, openCounts, openPrivate, sealCounts, signVerifiedMark, verifiedMarkHolds } from './seal';
import { sha256File } from './files';
import { CLINICAL_SEQ_SQL, MAIN_SEQ_SQL, seqOf, seqsPair } from './snapshot';

export interface VerifyOptions {
  dataKey: Buffer;
  /**
   * The clinical key, to check a bundle's clinical part page by page. Without it (a front-desk session's
   * own backup) that part is checked for its size, fingerprint and encryption only, and the result says
   * its pages were not checked.
   */
  clinicalKey?: Buffer | null;
  /** The vault the bundle must come from; left out when a bundle is checked with its own key slots. */
  vaultId?: string;
  nativeBinding?: string;
  onProgress?: ProgressFn;
  /**
   * False only for a restore drill, which checks the restored copy itself (the same bytes, proved by
   * the fingerprints) rather than reading every page twice. A bundle with no recorded counts yet is
   * checked all the same.
   */
  checkRecords?: boolean;
}

/** What the page-by-page check of one records file found. */
export interface PartCheck {
  tables: number;
  rows: number;
}

export interface VerifiedBundle {
  dir: string;
  name: string;
  manifest: Manifest;
  privatePart: PrivatePart;
  /** Rows per table: as this check counted them, or as recorded when a drill leaves the check to itself. */
  counts: CountsPart;
  /** Both files together (what was checked, or recorded when a drill leaves the check to itself). */
  tables: number;
  rows: number;
  main: PartCheck;
  /**
   * The clinical part: its check, 'notChecked' when no clinical key was at hand (its size, fingerprint
   * and encryption were still checked), or null when the bundle has none (a vault from before the
   * clinical store).
   */
  clinical: PartCheck | 'notChecked' | null;
}

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Why a bundle can't be used, said with its folder's name (`name`) and whatever else the sentence needs. */
function refuse(key: MessageKey, name: string, params: MessageParams = {}): DoorwayError {
  return new DoorwayError('BACKUP_INVALID', msg(key, { name, ...params }));
}

export const sealBrokenMessage = (name: string) => refuse('backup.check.sealBroken', name);

export const otherVaultMessage = (name: string) => refuse('backup.check.otherVault', name);

/** Each records file is said by its own sentences ("its records file", "its clinical records file"). */
type FileKind = 'records' | 'clinical';

const sumRows = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);

/**
 * The rows a bundle was counted to hold: by its first check, right after it was written (sealed in its
 * verified mark), or, in bundles made by earlier versions, while it was copied (in the manifest). Null
 * when neither is there yet (a bundle whose first check has not finished).
 */
export function recordedCounts(dataKey: Buffer, manifest: Manifest, privatePart: PrivatePart, mark: VerifiedMark | null): CountsPart | null {
  if (privatePart.rowCounts) return { main: privatePart.rowCounts, ...(privatePart.clinicalRowCounts ? { clinical: privatePart.clinicalRowCounts } : {}) };
  if (!mark?.counts || !verifiedMarkHolds(dataKey, mark, manifest)) return null;
  return openCounts(dataKey, manifest.bundleId, mark.counts);
}

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
 * to the vault; each records file (the main one, and the clinical one when the vault had a clinical
 * store) is encrypted, opens read-only with its own key, passes `integrity_check` (every page read and
 * authenticated) and holds exactly the rows counted when it was made; and the two carry commit counts
 * that belong together (data/sqlite-pair.ts). The clinical file's pages are checked only when the
 * clinical key is given; the result says when they were not. Throws BACKUP_INVALID with a sentence for the administrator; never changes the bundle.
 */
export async function verifyBundle(dir: string, opts: VerifyOptions): Promise<VerifiedBundle> {
  const name = basename(dir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DoorwayError('BACKUP_INVALID', msg('backup.check.noFolder', { dir }));
  }
  if (PARTIAL_PATTERN.test(name) || name.endsWith(DELETING_SUFFIX)) {
    throw new DoorwayError('BACKUP_INVALID', msg('backup.check.unfinished', { dir }));
  }
  const read = readManifest(dir);
  if (!read.ok) {
    throw read.missing
      ? refuse('backup.check.manifestMissing', name, { file: MANIFEST_FILE })
      : refuse('backup.check.manifestDamaged', name, { file: MANIFEST_FILE });
  }
  const manifest = read.manifest;
  if (opts.vaultId && manifest.vaultId !== opts.vaultId) throw otherVaultMessage(name);
  if (!manifestSealHolds(opts.dataKey, manifest)) throw sealBrokenMessage(name);
  const privatePart = openPrivate(opts.dataKey, manifest.bundleId, manifest.private);
  if (!privatePart) throw sealBrokenMessage(name);

  // Sizes first: a truncated copy is named as such, without reading gigabytes to say so.
  for (const part of manifest.parts) {
    const path = join(dir, part.name);
    if (!existsSync(path)) throw refuse('backup.check.partMissing', name, { part: part.name });
    const size = statSync(path).size;
    if (size !== part.bytes) {
      throw refuse(size < part.bytes ? 'backup.check.partShorter' : 'backup.check.partLonger', name, { part: part.name });
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
      throw refuse('backup.check.partChanged', name, { part: part.name });
    }
  }

  let slots: ReturnType<typeof keyslotFileSchema.safeParse>;
  try {
    slots = keyslotFileSchema.safeParse(JSON.parse(readFileSync(join(dir, KEYSLOTS_PART), 'utf8')));
  } catch {
    slots = keyslotFileSchema.safeParse(null);
  }
  if (!slots.success || slots.data.vaultId !== manifest.vaultId) {
    throw refuse('backup.check.keyFileBad', name);
  }

  const hasClinical = manifest.parts.some((p) => p.name === CLINICAL_PART);
  // A manifest that counted the main file while copying also counted a clinical file pinned beside it.
  const countedWhenCopied = privatePart.rowCounts !== undefined;
  if (hasClinical !== (manifest.clinical !== undefined) || (manifest.clinical?.copy === 'pinned' && countedWhenCopied && !privatePart.clinicalRowCounts)) {
    throw refuse('backup.check.partsMismatch', name, { file: MANIFEST_FILE });
  }
  const files: { path: string; what: FileKind }[] = [{ path: join(dir, DB_PART), what: 'records' }];
  if (hasClinical) files.push({ path: join(dir, CLINICAL_PART), what: 'clinical' });
  for (const f of files) {
    if (firstBytes(f.path, PLAINTEXT_HEADER.length).equals(PLAINTEXT_HEADER)) {
      throw refuse(`backup.check.${f.what}.notEncrypted`, name);
    }
  }
  const expected = recordedCounts(opts.dataKey, manifest, privatePart, readVerifiedMark(dir));
  const recorded = (counts: Record<string, number>): PartCheck => ({ tables: Object.keys(counts).length, rows: sumRows(counts) });
  if (opts.checkRecords === false && expected) {
    const main = recorded(expected.main);
    const clinical = !hasClinical ? null : expected.clinical ? recorded(expected.clinical) : 'notChecked';
    return { dir, name, manifest, privatePart, counts: expected, main, clinical, ...totals(main, clinical) };
  }
  for (const f of files) clearEmptyLog(name, f.path, f.what);

  const clinicalKey = hasClinical ? (opts.clinicalKey ?? null) : null;
  opts.onProgress?.('check', 0, 0);
  const mainCheck = await checkDatabaseFile(join(dir, DB_PART), opts.dataKey, { nativeBinding: opts.nativeBinding, probeSql: MAIN_SEQ_SQL });
  const main = judge(name, 'records', mainCheck, manifest.schemaVersion, expected?.main ?? null);
  const counts: CountsPart = { main: mainCheck.counts };
  let clinical: VerifiedBundle['clinical'] = hasClinical ? 'notChecked' : null;
  if (clinicalKey) {
    const check = await checkDatabaseFile(join(dir, CLINICAL_PART), clinicalKey, { nativeBinding: opts.nativeBinding, probeSql: CLINICAL_SEQ_SQL });
    if (!check.opened) {
      throw refuse('backup.check.clinicalKeyOld', name);
    }
    clinical = judge(name, 'clinical', check, manifest.clinical?.schemaVersion ?? null, expected?.clinical ?? null);
    counts.clinical = check.counts;
    const [m, c] = [seqOf(mainCheck.probe), seqOf(check.probe)];
    const recorded = manifest.clinical!;
    if (!seqsPair(m, c) || m !== recorded.mainSeq || (recorded.clinicalSeq !== undefined && c !== recorded.clinicalSeq)) {
      throw refuse('backup.check.notSameMoment', name);
    }
  }
  // A clinical part checked earlier with the key keeps its counts when this check had no key.
  if (!counts.clinical && expected?.clinical) counts.clinical = expected.clinical;
  opts.onProgress?.('check', 1, 1);
  return { dir, name, manifest, privatePart, counts, main, clinical, ...totals(main, clinical) };
}

function totals(main: PartCheck, clinical: VerifiedBundle['clinical']): PartCheck {
  return typeof clinical === 'object' && clinical ? { tables: main.tables + clinical.tables, rows: main.rows + clinical.rows } : main;
}

/** A read-only check of a WAL-mode file leaves a log beside it; an empty one (a check that was interrupted) holds nothing. */
function clearEmptyLog(name: string, path: string, what: FileKind): void {
  const wal = `${path}-wal`;
  if (!existsSync(wal)) return;
  if (statSync(wal).size > 0) {
    throw refuse(`backup.check.${what}.changedAfter`, name);
  }
  rmSync(wal, { force: true });
  rmSync(`${path}-shm`, { force: true });
}

/**
 * One records file's page-by-page check against what the manifest recorded: it opened with its key,
 * every page passed, its schema is the recorded one (when recorded) and it holds exactly the rows
 * counted when it was made (when counted).
 */
function judge(
  name: string,
  what: FileKind,
  check: DbCheck,
  schemaVersion: number | null,
  expected: Record<string, number> | null,
): PartCheck {
  if (!check.opened) {
    throw refuse(`backup.check.${what}.notOpen`, name);
  }
  if (check.integrity.length !== 1 || check.integrity[0] !== 'ok') {
    const detail = check.integrity[0];
    throw detail === undefined ? refuse(`backup.check.${what}.noAnswer`, name) : refuse(`backup.check.${what}.damaged`, name, { detail });
  }
  if (schemaVersion !== null && check.schemaVersion !== schemaVersion) {
    throw refuse(`backup.check.${what}.schemaMismatch`, name, { found: String(check.schemaVersion), recorded: schemaVersion });
  }
  if (!expected) return { tables: Object.keys(check.counts).length, rows: sumRows(check.counts) };
  const tables = new Set([...Object.keys(expected), ...Object.keys(check.counts)]);
  for (const table of [...tables].sort()) {
    const want = expected[table];
    const got = check.counts[table];
    if (want !== got) {
      throw refuse('backup.check.rowsDiffer', name, { table, expected: want ?? 0, found: got ?? 0 });
    }
  }
  return { tables: tables.size, rows: sumRows(check.counts) };
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
    ...(verified.clinical !== null ? { clinical: verified.clinical === 'notChecked' ? ('notChecked' as const) : ('checked' as const) } : {}),
    counts: sealCounts(dataKey, verified.manifest.bundleId, verified.counts),
  });
  writeFileAtomic(join(verified.dir, VERIFIED_FILE), `${JSON.stringify(mark, null, 2)}\n`);
}
