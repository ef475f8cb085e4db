import { backupSettingsSchema, drillRecordSchema, type BackupSettings, type DrillRecord } from '../../../shared/contract/backup';
import type { Data } from '../data/engine';
import { readStoredIn, writeStoredIn } from '../settings/settings';

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

/** A stored value, or undefined when there is none or it is not readable JSON (then the defaults apply). */
async function readJson(data: Data, key: string): Promise<unknown> {
  try {
    return await readStoredIn<unknown>(data, key);
  } catch (e) {
    if (e instanceof SyntaxError) return undefined;
    throw e;
  }
}

export async function readBackupSettings(data: Data): Promise<BackupSettings> {
  const stored = await readJson(data, SETTINGS_KEY);
  const parsed = backupSettingsSchema.partial().safeParse(stored ?? {});
  return { ...DEFAULT_BACKUP_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function writeBackupSettings(data: Data, settings: BackupSettings): Promise<void> {
  await writeStoredIn(data, SETTINGS_KEY, backupSettingsSchema.parse(settings));
}

export async function readLastDrill(data: Data): Promise<DrillRecord | null> {
  const parsed = drillRecordSchema.safeParse(await readJson(data, DRILL_KEY));
  return parsed.success ? parsed.data : null;
}

export async function writeLastDrill(data: Data, record: DrillRecord): Promise<void> {
  await writeStoredIn(data, DRILL_KEY, drillRecordSchema.parse(record));
}
