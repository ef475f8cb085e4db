import type { ClinicSettings } from '../../../shared/contract/schemas';
import type { Data } from '../data/engine';
import type { Db } from '../db/database';
import { DEFAULT_ABSENCE_THRESHOLD_DAYS } from '../../../shared/continuity/episodes';
import { systemTimeZone } from '../continuity/time-zone';
import { DEFAULT_LANGUAGE } from '../../../shared/languages';

export const DEFAULT_SETTINGS: ClinicSettings = {
  clinicName: 'Doorway',
  peopleWord: 'participant',
  idleLockMinutes: 5,
  clientCodeMask: '',
  clientCodeHint: '',
  languageAssistant: true,
  absenceThresholdDays: DEFAULT_ABSENCE_THRESHOLD_DAYS,
  timeZone: systemTimeZone(),
  draftExpiryDays: 7,
  language: DEFAULT_LANGUAGE,
};

export function readSettings(db: Db): ClinicSettings {
  return settingsFrom(db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]);
}

export async function readSettingsIn(data: Data): Promise<ClinicSettings> {
  return settingsFrom(await data.selectFrom('settings').select(['key', 'value']).where('key', 'in', Object.keys(DEFAULT_SETTINGS)).execute());
}

export async function writeSettingsIn(data: Data, changes: Partial<ClinicSettings>): Promise<void> {
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) await writeStoredIn(data, k, v);
}

function settingsFrom(rows: { key: string; value: string }[]): ClinicSettings {
  const stored: Record<string, unknown> = {};
  for (const r of rows) stored[r.key] = JSON.parse(r.value);
  // Only known keys: the table also holds internal values such as the vault id.
  const known = Object.fromEntries(Object.keys(DEFAULT_SETTINGS).filter((k) => k in stored).map((k) => [k, stored[k]]));
  return { ...DEFAULT_SETTINGS, ...(known as Partial<ClinicSettings>) };
}

export function writeSettings(db: Db, changes: Partial<ClinicSettings>): void {
  for (const [k, v] of Object.entries(changes)) if (v !== undefined) writeStored(db, k, v);
}

/*
 * The settings table also holds values Doorway keeps for itself (the vault id, the slots' public keys,
 * backup settings, the clinical store's commit count). These read and write one of them, as JSON: the
 * one place the upsert is written, synchronously for code on the connection and async for the data layer.
 */

const UPSERT = 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value';

export function readStored<T>(db: Db, key: string): T | undefined {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return raw === undefined ? undefined : (JSON.parse(raw) as T);
}

export function writeStored(db: Db, key: string, value: unknown): void {
  db.prepare(UPSERT).run(key, JSON.stringify(value));
}

export async function readStoredIn<T>(data: Data, key: string): Promise<T | undefined> {
  const row = await data.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

export async function writeStoredIn(data: Data, key: string, value: unknown): Promise<void> {
  const text = JSON.stringify(value);
  await data
    .insertInto('settings')
    .values({ key, value: text })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: text }))
    .execute();
}
