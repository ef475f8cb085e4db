import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, manifestSchema, VERIFIED_FILE, verifiedMarkSchema, type Manifest, type VerifiedMark } from './format';

export type ManifestRead = { ok: true; manifest: Manifest } | { ok: false; missing: boolean };

/** Reads and shape-checks manifest.json; says nothing yet about whether its seal holds. */
export function readManifest(dir: string): ManifestRead {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return { ok: false, missing: true };
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? { ok: true, manifest: parsed.data } : { ok: false, missing: false };
  } catch {
    return { ok: false, missing: false };
  }
}

export function readVerifiedMark(dir: string): VerifiedMark | null {
  try {
    const parsed = verifiedMarkSchema.safeParse(JSON.parse(readFileSync(join(dir, VERIFIED_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
