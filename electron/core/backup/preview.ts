import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { restorePreviewSchema } from '../../../shared/contract/backup';
import type { Role } from '../../../shared/roles';
import { openEncrypted } from '../db/database';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { toSummary } from './catalog';
import { DB_PART } from './format';
import type { VerifiedBundle } from './verify';

export type RestorePreview = z.infer<typeof restorePreviewSchema>;

interface StaffRow {
  username: string;
  display_name: string;
  role: Role;
  disabled_at: string | null;
}

/** The staff users inside a bundle: who will be able to sign in after a restore, with the passwords of that time. */
function bundleStaff(dbPath: string, dataKey: Buffer, nativeBinding?: string): RestorePreview['staff'] {
  // A read-only connection to a WAL-mode file leaves -wal and -shm it cannot remove; the bundle is left as it was.
  const sidecars = [`${dbPath}-wal`, `${dbPath}-shm`].filter((p) => !existsSync(p));
  const db = openEncrypted(dbPath, dataKey, { readonly: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const rows = db.prepare('SELECT username, display_name, role, disabled_at FROM staff_users ORDER BY display_name COLLATE NOCASE').all() as StaffRow[];
    return rows.map((r) => ({ username: r.username, displayName: r.display_name, role: r.role, disabled: r.disabled_at !== null }));
  } finally {
    db.close();
    for (const p of sidecars) rmSync(p, { force: true });
  }
}

/** What a restore of this (just verified) bundle would bring back. */
export function previewRestore(verified: VerifiedBundle, dataKey: Buffer, checkedAt: string, nativeBinding?: string): RestorePreview {
  const counts = verified.counts.main;
  const summary = toSummary({
    name: verified.name,
    dir: verified.dir,
    state: 'verified',
    createdAt: verified.manifest.createdAt,
    sizeBytes: verified.manifest.parts.reduce((s, p) => s + p.bytes, 0),
    manifest: verified.manifest,
    privatePart: verified.privatePart,
    mark: null,
  });
  return {
    bundle: { ...summary, verifiedAt: checkedAt },
    counts: { people: counts.people ?? 0, contacts: counts.contacts ?? 0, staff: counts.staff_users ?? 0 },
    staff: bundleStaff(join(verified.dir, DB_PART), dataKey, nativeBinding),
    olderSchema: verified.manifest.schemaVersion < LATEST_SCHEMA_VERSION,
  };
}
