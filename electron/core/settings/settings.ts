import type { ClinicSettings } from '../../../shared/contract/schemas';
import type { Db } from '../db/database';
import { DEFAULT_ABSENCE_THRESHOLD_DAYS } from '../../../shared/continuity/episodes';
import { systemTimeZone } from '../continuity/time-zone';

export const DEFAULT_SETTINGS: ClinicSettings = {
  clinicName: 'Doorway',
  peopleWord: 'participant',
  idleLockMinutes: 5,
  clientCodeMask: '',
  clientCodeHint: '',
  languageAssistant: true,
  absenceThresholdDays: DEFAULT_ABSENCE_THRESHOLD_DAYS,
  timeZone: systemTimeZone(),
};

export function readSettings(db: Db): ClinicSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const r of rows) stored[r.key] = JSON.parse(r.value);
  // Only known keys: the table also holds internal values such as the vault id.
  const known = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).filter((k) => k in stored).map((k) => [k, stored[k]]));
  return { ...DEFAULT_SETTINGS, ...(known as Partial<ClinicSettings>) };
}

export function writeSettings(db: Db, changes: Partial<ClinicSettings>): void {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) upsert.run(k, JSON.stringify(v));
}
