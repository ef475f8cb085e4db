import { backupSettingsSchema, drillRecordSchema, type BackupSettings, type DrillRecord } from '../../../shared/contract/backup';
import type { Db } from '../db/database';

/**
 * Backup settings and the last restore drill live in the encrypted database, in the settings table
 * under their own keys (the clinic settings reader only takes its own keys). They travel with the
 * records: a restored vault brings back the backup settings of that time.
 */
const SETTINGS_KEY = 'backup.settings';
const DRILL_KEY = 'backup.lastDrill';

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = {
  destination: null,
  enabled: true,
  keepDaily: 7,
  keepWeekly: 4,
  keepMonthly: 12,
};

function readJson(db: Db, key: string): unknown {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  if (row === undefined) return undefined;
  try {
    return JSON.parse(row);
  } catch {
    return undefined;
  }
}

function writeJson(db: Db, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
}

export function readBackupSettings(db: Db): BackupSettings {
  const stored = readJson(db, SETTINGS_KEY);
  const parsed = backupSettingsSchema.partial().safeParse(stored ?? {});
  return { ...DEFAULT_BACKUP_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export function writeBackupSettings(db: Db, settings: BackupSettings): void {
  writeJson(db, SETTINGS_KEY, backupSettingsSchema.parse(settings));
}

export function readLastDrill(db: Db): DrillRecord | null {
  const parsed = drillRecordSchema.safeParse(readJson(db, DRILL_KEY));
  return parsed.success ? parsed.data : null;
}

export function writeLastDrill(db: Db, record: DrillRecord): void {
  writeJson(db, DRILL_KEY, drillRecordSchema.parse(record));
}
