import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { THROTTLE_FILE } from '../../electron/core/session/sign-in';
import { createDoorway } from '../../electron/core';
import type { Db } from '../../electron/core/db/database';

/** Cheaper scrypt for tests only; the benchmark measures the production cost. */
export const TEST_KDF = { N: 2 ** 12 } as const;

export const ADMIN = { username: 'river', displayName: 'River Stone', password: 'calm harbour light 42' } as const;

export function tempDir(prefix = 'doorway-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * SHA-256 of every file in a folder (recursively), to prove a refused operation changed nothing. The
 * sign-in counters are left out: counting a refused attempt is their whole job (session/throttle.ts),
 * and they hold no records or keys.
 */
export function hashDir(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === THROTTLE_FILE) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** A real vault made through the router, as the first-run wizard makes it. */
export async function setUpVault(dataDir: string, opts: { clinicName?: string } = {}) {
  const doorway = createDoorway({ dataDir, kdfCost: TEST_KDF });
  const code = await doorway.router('setup.recoveryCode', {});
  if (!code.ok) throw new Error(code.error.message);
  const { recoveryCode, confirmGroups } = code.value as { recoveryCode: string; confirmGroups: number[] };
  const groups = recoveryCode.split('-');
  const created = await doorway.router('setup.create', {
    clinicName: opts.clinicName ?? 'Harbour Street Clinic',
    peopleWord: 'participant',
    admin: { ...ADMIN },
    confirmation: confirmGroups.map((g) => groups[g - 1]),
  });
  if (!created.ok) throw new Error(created.error.message);
  return { ...doorway, recoveryCode };
}

/**
 * A hash of every row of every table: proves a refused call wrote nothing, whatever table it aimed at.
 * With `exceptAudit`, the audit trail is left out, for calls that may record the attempt itself
 * (a failed sign-in, a refused backup) and must change nothing else.
 */
export function dbContentHash(db: Db, opts: { exceptAudit?: boolean } = {}): string {
  const h = createHash('sha256');
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'
         AND name NOT LIKE 'people_search%' AND name NOT LIKE 'people_prefix%' ${opts.exceptAudit ? "AND name <> 'audit_events'" : ''} ORDER BY name`,
    )
    .pluck()
    .all() as string[];
  for (const t of tables) {
    h.update(t);
    for (const row of db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).raw().iterate()) h.update(JSON.stringify(row));
  }
  return h.digest('hex');
}
