import type { ImportKind, ImportMapping } from '../../../shared/contract/import';
import type { Data } from '../data/engine';
import { readStoredIn, writeStoredIn } from '../settings/settings';
import { fold } from './mapping';

/**
 * Mappings that were used for an import, remembered by the file's set of headers: the next file
 * from the same spreadsheet (this month's log, like last month's) gets the columns staff chose then,
 * not a fresh guess. Kept in the settings table with the vault, a few per kind, newest first.
 */
const KEY = 'importMappings';
const KEPT = 20;

type Remembered = Partial<Record<ImportKind, { headers: string; mapping: ImportMapping }[]>>;

/** The same headers in any order and spelling of case and accents are the same spreadsheet. */
const headersKey = (columns: readonly string[]) => columns.map(fold).sort().join('\u0001');

export async function rememberedMapping(data: Data, kind: ImportKind, columns: readonly string[]): Promise<ImportMapping | undefined> {
  const all = (await readStoredIn<Remembered>(data, KEY)) ?? {};
  const key = headersKey(columns);
  return all[kind]?.find((r) => r.headers === key)?.mapping;
}

export async function rememberMapping(data: Data, kind: ImportKind, columns: readonly string[], mapping: ImportMapping): Promise<void> {
  const all = (await readStoredIn<Remembered>(data, KEY)) ?? {};
  const key = headersKey(columns);
  all[kind] = [{ headers: key, mapping }, ...(all[kind] ?? []).filter((r) => r.headers !== key)].slice(0, KEPT);
  await writeStoredIn(data, KEY, all);
}
