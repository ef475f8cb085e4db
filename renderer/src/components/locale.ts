import i18n from '../i18n/i18n';

/**
 * The locale dates and numbers are written in: the screens' language, with this workstation's region
 * where it speaks the same language (a clinic's computers are set up for where it is, so en-GB keeps
 * its day-month order and 24-hour clock). Spanish without a regional setting is Latin-American
 * Spanish (es-419), the interface's own; the pseudo-locale writes dates as American English.
 */
export function appLocale(): string {
  const language = i18n.language === 'es' ? 'es' : 'en';
  const system = (typeof navigator !== 'undefined' && navigator.language) || '';
  if (system.toLowerCase().split('-')[0] === language && i18n.language !== 'pseudo') return system;
  return language === 'es' ? 'es-419' : 'en-US';
}
