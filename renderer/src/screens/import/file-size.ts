import { appLocale } from '../../components/locale';

/** "48 KB", "7.9 MB": how big the chosen file is, so a long wait is expected. */
export function fileSize(bytes: number, locale: string = appLocale()): string {
  const n = (v: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  if (bytes < 1024 * 1024) return `${n(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
  return `${n(bytes / (1024 * 1024), 1)} MB`;
}
