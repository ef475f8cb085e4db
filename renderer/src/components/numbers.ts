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
