import i18n, { LANGUAGES, type Language, type UiLanguage } from './i18n';

/*
 * Which language the screens speak. Signed in: the staff member's own choice, else the clinic's
 * default. Before anyone signs in: what was last chosen on the sign-in screen of this workstation,
 * else the clinic default last seen here, else English. The pseudo-locale is switched on only by
 * `?lang=pseudo` in the address or the `doorway.devLanguage` key (tests and development); it is never
 * offered to staff and, once on, wins over everything so a whole run stays pseudo-localised.
 */

const WORKSTATION_KEY = 'doorway.language';
const CLINIC_KEY = 'doorway.clinicLanguage';
const DEV_KEY = 'doorway.devLanguage';

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

function stored(key: string): string | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
  } catch {
    return null;
  }
}

function store(key: string, value: string): void {
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(key, value);
  } catch {
    // A storage that refuses (private window) only means the choice is not remembered.
  }
}

/** `?lang=pseudo` (in the query or the hash's query) or the development key turns the pseudo-locale on. */
export function pseudoRequested(): boolean {
  if (typeof window === 'undefined') return false;
  const { search, hash } = window.location;
  if (/[?&]lang=pseudo\b/.test(search) || /[?&]lang=pseudo\b/.test(hash)) {
    store(DEV_KEY, 'pseudo');
    return true;
  }
  return stored(DEV_KEY) === 'pseudo';
}

/** The sign-in screen's choice on this workstation. */
export function workstationLanguage(): Language | null {
  const v = stored(WORKSTATION_KEY);
  return isLanguage(v) ? v : null;
}

export function setWorkstationLanguage(language: Language): void {
  store(WORKSTATION_KEY, language);
  applyLanguage(language);
}

/** Remembered so the sign-in screen speaks the clinic's language before anyone has chosen. */
export function rememberClinicLanguage(language: Language): void {
  store(CLINIC_KEY, language);
}

export function languageBeforeSignIn(): UiLanguage {
  if (pseudoRequested()) return 'pseudo';
  const clinic = stored(CLINIC_KEY);
  return workstationLanguage() ?? (isLanguage(clinic) ? clinic : 'en');
}

export function languageSignedIn(own: Language | null, clinic: Language): UiLanguage {
  if (pseudoRequested()) return 'pseudo';
  return own ?? clinic;
}

/** Instant: every mounted `t` re-renders; the page's lang attribute follows for screen readers. */
export function applyLanguage(language: UiLanguage): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  if (typeof document !== 'undefined') document.documentElement.lang = language === 'pseudo' ? 'en' : language;
}

export const currentLanguage = (): UiLanguage => (i18n.language as UiLanguage | undefined) ?? 'en';
