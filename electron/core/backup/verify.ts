import { closeSync, existsSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
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

  const hasClinical = manifest.parts.some((p) => p.name === CLINICAL_PART);
  // A manifest that counted the main file while copying also counted a clinical file pinned beside it.
  const countedWhenCopied = privatePart.rowCounts !== undefined;
  if (hasClinical !== (manifest.clinical !== undefined) || (manifest.clinical?.copy === 'pinned' && countedWhenCopied && !privatePart.clinicalRowCounts)) {
    throw refuse(name, `can't be trusted: its description (${MANIFEST_FILE}) doesn't match its parts. Nothing was changed.`);
  }
  const files = [{ path: join(dir, DB_PART), what: 'records file' }];
  if (hasClinical) files.push({ path: join(dir, CLINICAL_PART), what: 'clinical records file' });
  for (const f of files) {
    if (firstBytes(f.path, PLAINTEXT_HEADER.length).equals(PLAINTEXT_HEADER)) {
      throw refuse(name, `can't be used: its ${f.what} is not encrypted, so it was not made by Doorway. Nothing was changed.`);
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
  const main = judge(name, 'records file', "this vault's key", mainCheck, manifest.schemaVersion, expected?.main ?? null);
  const counts: CountsPart = { main: mainCheck.counts };
  let clinical: VerifiedBundle['clinical'] = hasClinical ? 'notChecked' : null;
  if (clinicalKey) {
    const check = await checkDatabaseFile(join(dir, CLINICAL_PART), clinicalKey, { nativeBinding: opts.nativeBinding, probeSql: CLINICAL_SEQ_SQL });
    if (!check.opened) {
      throw refuse(
        name,
        "can't be checked here: its clinical records file doesn't open with this vault's clinical key (it is damaged, or it comes from before " +
          'the clinical records were set up again, for example before an older backup was restored; the command line can check it with the ' +
          'recovery code of its time). Nothing was changed.',
      );
    }
    clinical = judge(name, 'clinical records file', "the vault's clinical key", check, manifest.clinical?.schemaVersion ?? null, expected?.clinical ?? null);
    counts.clinical = check.counts;
    const [m, c] = [seqOf(mainCheck.probe), seqOf(check.probe)];
    const recorded = manifest.clinical!;
    if (!seqsPair(m, c) || m !== recorded.mainSeq || (recorded.clinicalSeq !== undefined && c !== recorded.clinicalSeq)) {
      throw refuse(
        name,
        "can't be used: its two records files are not from the same moment (the clinical records don't belong with the main records). Nothing was changed.",
      );
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
function clearEmptyLog(name: string, path: string, what: string): void {
  const wal = `${path}-wal`;
  if (!existsSync(wal)) return;
  if (statSync(wal).size > 0) {
    throw refuse(name, `can't be trusted: its ${what} was opened and changed after the backup was written. Nothing was changed.`);
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
  what: string,
  keyName: string,
  check: DbCheck,
  schemaVersion: number | null,
  expected: Record<string, number> | null,
): PartCheck {
  if (!check.opened) {
    throw refuse(name, `can't be used: its ${what} doesn't open with ${keyName}. Nothing was changed.`);
  }
  if (check.integrity.length !== 1 || check.integrity[0] !== 'ok') {
    throw refuse(name, `is damaged: its ${what} failed the page-by-page check (${check.integrity[0] ?? 'no answer'}). It can't be used; nothing was changed.`);
  }
  if (schemaVersion !== null && check.schemaVersion !== schemaVersion) {
    throw refuse(name, `can't be trusted: its ${what} has schema ${check.schemaVersion}, but its description says ${schemaVersion}. Nothing was changed.`);
  }
  if (!expected) return { tables: Object.keys(check.counts).length, rows: sumRows(check.counts) };
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
