import { createInstance } from 'i18next';
import { z } from 'zod';
import type { Language } from '../languages';
import enAccess from './en-access.json';
import enBackup from './en-backup.json';
import enGeneral from './en-general.json';
import enHub from './en-hub.json';
import enImport from './en-import.json';
import enRecords from './en-records.json';
import esAccess from './es-access.json';
import esBackup from './es-backup.json';
import esGeneral from './es-general.json';
import esHub from './es-hub.json';
import esImport from './es-import.json';
import esRecords from './es-records.json';

/*
 * What core says to staff, as keys with parameters rather than English sentences, so each person reads
 * it in their own language (DESIGN.md: Spanish is first-class). Core keeps the English words for logs,
 * the command line and tests; the renderer says the same message in the staff member's language.
 * One pair of files per area (en-<area>.json beside es-<area>.json, each with its own top-level keys),
 * so areas are written side by side; tests/unit/i18n-keys checks both languages have every key with
 * the same placeholders.
 */

const english = { ...enAccess, ...enBackup, ...enGeneral, ...enHub, ...enImport, ...enRecords };
const spanish = { ...esAccess, ...esBackup, ...esGeneral, ...esHub, ...esImport, ...esRecords };

type PluralSuffix = '_zero' | '_one' | '_two' | '_few' | '_many' | '_other';
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
/** `x_one`/`x_other` are one key `x`, chosen by its `count` parameter. */
type WithoutPlural<K extends string> = K extends `${infer B}${PluralSuffix}` ? B : K;

export type MessageKey = WithoutPlural<Leaves<typeof english>>;
export type MessageParams = Readonly<Record<string, string | number>>;
export interface Message {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

/** A message to say: `msg('records.personNotFound')`, `msg('backup.keepsAtLeast', { count: 2 })`. */
export function msg(key: MessageKey, params?: MessageParams): Message {
  return params ? { key, params } : { key };
}

/** The wire form of a message in a channel's output (a warning, an import problem). */
export const messageSchema = z.strictObject({
  key: z.string().transform((k) => k as MessageKey),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

// i18next does interpolation, plurals and formats the same way in core and in the renderer.
const catalog = createInstance();
void catalog.init({
  resources: { en: { core: english }, es: { core: spanish } },
  ns: ['core'],
  defaultNS: 'core',
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});
// The renderer's typed keys (i18next.d.ts) are another namespace: this instance looks keys up as plain strings.
const lookUp = catalog.t.bind(catalog) as unknown as (key: string, options: Record<string, unknown>) => string;

/** The message in a language (English by default, and wherever a Spanish string is missing). */
export function messageText(message: Message, language: Language = 'en'): string {
  return lookUp(message.key, { ...message.params, lng: language });
}

type Tree = { readonly [key: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}
/** Every key, a plural's (`x_one`, `x_other`) as itself (`x`). */
const KEYS: ReadonlySet<string> = new Set(leaves(english).map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));

export function isMessageKey(key: string): key is MessageKey {
  return KEYS.has(key);
}

/** For a zod schema's own message: the key, checked by the compiler, and said in each person's language. */
export const says = (key: MessageKey): string => key;

/** Every key, for tooling. */
export const CATALOGS = { en: english, es: spanish } as const;
