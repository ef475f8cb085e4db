import { appLocale } from './locale';

const formats = new Map<string, Intl.NumberFormat>();

/** One number format for counts: whole numbers with the locale's thousands separators ("283,067"). */
export function formatCount(n: number, locale: string = appLocale()): string {
  let f = formats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
    formats.set(locale, f);
  }
  return f.format(n);
}

/** A number with exactly `digits` decimals, in the locale's writing ("0.75", "0,75"). */
export function formatDecimal(n: number, digits: number, locale: string = appLocale()): string {
  const key = `${locale}|${digits}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    formats.set(key, f);
  }
  return f.format(n);
}

/** "48 KB", "7.9 MB": how big a file is, so a long wait is expected. */
export function formatFileSize(bytes: number, locale: string = appLocale()): string {
  if (bytes < 1024 * 1024) return `${formatCount(Math.max(1, Math.round(bytes / 1024)), locale)} KB`;
  return `${formatDecimal(bytes / (1024 * 1024), 1, locale)} MB`;
}

/** "texts, calls and visits" / "mensajes, llamadas y visitas": words joined as the language joins them. */
export function formatList(words: readonly string[], locale: string = appLocale()): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(words);
}
