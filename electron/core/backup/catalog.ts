import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { BundleState, BundleSummary } from '../../../shared/contract/backup';
import { BUNDLE_NAME_PATTERN, CLINICAL_PART, DELETING_SUFFIX, expandUtc, OWNER_FILE, PARTIAL_PATTERN, type Manifest, type PrivatePart, type VerifiedMark } from './format';
import { pidAlive } from './process-alive';
import { readManifest, readVerifiedMark } from './read';
import { manifestSealHolds, openPrivate, verifiedMarkHolds } from './seal';

export interface BundleEntry {
  name: string;
  dir: string;
  state: BundleState;
  createdAt: string;
  sizeBytes: number;
  manifest: Manifest | null;
  privatePart: PrivatePart | null;
  /** Present only when its seal holds and it names this manifest. */
  mark: VerifiedMark | null;
}

export interface UnfinishedEntry {
  name: string;
  dir: string;
  /** Its writer is gone (stopped, crashed or killed) or it is more than a day old: safe to remove. */
  stale: boolean;
}

export interface Listing {
  available: boolean;
  /** Newest first. */
  bundles: BundleEntry[];
  unfinished: UnfinishedEntry[];
}

const DAY_MS = 86_400_000;

function folderSize(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    try {
      const s = statSync(join(dir, name));
      if (s.isFile()) total += s.size;
    } catch {
      // Vanished while listing.
    }
  }
  return total;
}

function isStale(dir: string, now: number): boolean {
  try {
    const owner = JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8')) as { pid?: unknown; host?: unknown; startedAt?: unknown };
    const started = typeof owner.startedAt === 'string' ? Date.parse(owner.startedAt) : NaN;
    if (Number.isFinite(started) && now - started > DAY_MS) return true;
    if (owner.host === hostname() && typeof owner.pid === 'number') return owner.pid !== process.pid && !pidAlive(owner.pid);
    return false;
  } catch {
    // The owner file is written first; without it the folder is a leftover, once it is an hour old.
    try {
      return now - statSync(dir).mtimeMs > 3_600_000;
    } catch {
      return false;
    }
  }
}

/** What one bundle folder is, for this vault's key. Reads only the small files: fast enough to list a drive. */
export function describeBundle(dir: string, name: string, dataKey: Buffer, vaultId: string): BundleEntry {
  const m = BUNDLE_NAME_PATTERN.exec(name);
  const nameTime = m ? expandUtc(m[1]!) : new Date(0).toISOString();
  const base = { name, dir, sizeBytes: folderSize(dir), manifest: null, privatePart: null, mark: null };
  const read = readManifest(dir);
  if (!read.ok) return { ...base, state: 'unreadable', createdAt: nameTime };
  const manifest = read.manifest;
  if (manifest.vaultId !== vaultId) return { ...base, state: 'otherVault', createdAt: manifest.createdAt };
  const privatePart = manifestSealHolds(dataKey, manifest) ? openPrivate(dataKey, manifest.bundleId, manifest.private) : null;
  if (!privatePart) return { ...base, state: 'unreadable', createdAt: nameTime };
  const mark = readVerifiedMark(dir);
  const holds = mark !== null && verifiedMarkHolds(dataKey, mark, manifest);
  return {
    ...base,
    manifest,
    privatePart,
    mark: holds ? mark : null,
    state: holds ? 'verified' : 'unverified',
    createdAt: manifest.createdAt,
  };
}

/**
 * The bundles in a destination, newest first, each with what the key says about it. Folders being
 * written or deleted are listed apart and never as backups.
 */
export function listBundles(dest: string, dataKey: Buffer, vaultId: string, now = Date.now()): Listing {
  let names: string[];
  try {
    if (!existsSync(dest) || !statSync(dest).isDirectory()) return { available: false, bundles: [], unfinished: [] };
    names = readdirSync(dest);
  } catch {
    return { available: false, bundles: [], unfinished: [] };
  }
  const bundles: BundleEntry[] = [];
  const unfinished: UnfinishedEntry[] = [];
  for (const name of names) {
    const dir = join(dest, name);
    try {
      if (!statSync(dir).isDirectory()) continue;
      if (BUNDLE_NAME_PATTERN.test(name)) bundles.push(describeBundle(dir, name, dataKey, vaultId));
      else if (PARTIAL_PATTERN.test(name)) unfinished.push({ name, dir, stale: isStale(dir, now) });
      else if (name.endsWith(DELETING_SUFFIX) && BUNDLE_NAME_PATTERN.test(name.slice(1, -DELETING_SUFFIX.length))) {
        unfinished.push({ name, dir, stale: true });
      }
    } catch {
      // Vanished or unreadable while listing: not a bundle we can speak for.
    }
  }
  bundles.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.name.localeCompare(a.name)));
  return { available: true, bundles, unfinished };
}

/** Whether the bundle's clinical part had its pages checked with the clinical key (null: it has none, or it can't be read). */
function clinicalState(e: BundleEntry): BundleSummary['clinical'] {
  if (e.state === 'unreadable' || !e.manifest?.parts.some((p) => p.name === CLINICAL_PART)) return null;
  return e.mark?.clinical === 'checked' ? 'checked' : 'notChecked';
}

export function toSummary(e: BundleEntry): BundleSummary {
  const madeBy = e.privatePart?.madeBy;
  return {
    name: e.name,
    state: e.state,
    createdAt: e.createdAt,
    sizeBytes: e.sizeBytes,
    appVersion: e.state === 'unreadable' ? null : (e.manifest?.appVersion ?? null),
    schemaVersion: e.state === 'unreadable' ? null : (e.manifest?.schemaVersion ?? null),
    madeBy: madeBy ? { username: madeBy.username, displayName: madeBy.displayName, via: madeBy.via } : null,
    verifiedAt: e.mark?.verifiedAt ?? null,
    clinical: clinicalState(e),
  };
}
