import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { createDoorway, invoke, type Router } from '../../electron/core';
import type { Db } from '../../electron/core/db/database';
import type { ChannelName, InputOf } from '../../shared/contract';
import { ADMIN, dbContentHash, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';

/** Shared by the backup tests: real vaults and real destination folders in temporary folders. */
export const made: string[] = [];
export const cleanUp = () => made.splice(0).forEach(removeDir);

export function folder(prefix = 'doorway-backup-test-'): string {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir;
}

/** A settable clock for the core: backups on different days, schedules and retention. */
export class Clock {
  constructor(public at = new Date('2026-03-02T10:00:00.000Z')) {}
  now = () => new Date(this.at);
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
  days(n: number): void {
    this.advance(n * 86_400_000);
  }
}

/** A vault made as first run makes it, with a backup folder chosen; the clock is real unless one is given. */
export async function vaultWithDestination(opts: { clinicName?: string; clock?: Clock } = {}) {
  const dataDir = folder('doorway-vault-');
  const dest = folder('doorway-dest-');
  const doorway = opts.clock ? await setUpVaultAt(dataDir, opts.clock, opts.clinicName) : await setUpVault(dataDir, opts);
  const set = await invoke(doorway.router, 'backup.updateSettings', { destination: dest });
  if (!set.ok) throw new Error(set.error.message);
  return { ...doorway, dataDir, dest };
}

async function setUpVaultAt(dataDir: string, clock: Clock, clinicName = 'Harbour Street Clinic') {
  const doorway = createDoorway({ dataDir, kdfCost: TEST_KDF, now: clock.now });
  const code = await invoke(doorway.router, 'setup.recoveryCode', {});
  if (!code.ok) throw new Error(code.error.message);
  const groups = code.value.recoveryCode.split('-');
  const created = await invoke(doorway.router, 'setup.create', {
    clinicName,
    peopleWord: 'participant',
    admin: { ...ADMIN },
    confirmation: code.value.confirmGroups.map((g) => groups[g - 1] ?? ''),
  });
  if (!created.ok) throw new Error(created.error.message);
  return { ...doorway, recoveryCode: code.value.recoveryCode };
}

/** A call that must succeed; its value. */
export { must } from '../support/staff';

/** A call that must be refused with this code; its message. */
export async function refused<K extends ChannelName>(router: Router, name: K, input: InputOf<K>, code: string): Promise<string> {
  const r = await invoke(router, name, input);
  expect(r.ok, `${name} should have been refused`).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe(code);
  return r.error.message;
}

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every file under the folders that holds the marker in the clear, as UTF-8 or UTF-16LE. */
export function filesHolding(marker: string, ...dirs: string[]): string[] {
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')];
  return dirs.flatMap(filesUnder).filter((f) => {
    const bytes = readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

/** A hash of every row of every table except the audit trail (which records the refused attempt itself). */
export const recordsHash = (db: Db): string => dbContentHash(db, { exceptAudit: true });
