import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type en from './en.json';
import { pseudoTree } from './pseudo';
import { abbreviationAtSentenceEnd } from '../../../shared/messages';

/**
 * One file of strings per feature and language (en-<feature>.json beside es-<feature>.json, each with
 * its own top-level keys), merged into one namespace per language, so screens built side by side never
 * edit the same file. Every file is picked up by its name: a new feature's strings need no line here.
 * A missing Spanish file is not an error for the app (English shows instead); tests/unit/i18n-keys
 * fails on it.
 */
type Strings = Record<string, unknown>;
const files = import.meta.glob<Strings>('./{en,es}*.json', { eager: true, import: 'default' });

function merged(language: 'en' | 'es'): Strings {
  const out: Strings = {};
  for (const [path, strings] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    if (new RegExp(`^\\./${language}(-[a-z-]+)?\\.json$`).test(path)) Object.assign(out, strings);
  }
  return out;
}

/** Typed as the English strings (i18next.d.ts). */
export const resources = merged('en') as typeof en;
const spanish = merged('es');

/** The languages staff can choose. `pseudo` is for tests and development only and is never offered. */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export type UiLanguage = Language | 'pseudo';

// Resources are bundled, so initialisation is synchronous and `t` works before the first render.
void i18n.use(initReactI18next).use(abbreviationAtSentenceEnd).init({
  postProcess: [abbreviationAtSentenceEnd.name],
  resources: {
    en: { translation: resources },
    es: { translation: spanish },
    pseudo: { translation: pseudoTree(resources) },
  },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: ['en', 'es', 'pseudo'],
  initAsync: false,
  // React escapes text itself.
  interpolation: { escapeValue: false },
  returnNull: false,
  // No promotional line in the console.
  showSupportNotice: false,
});

export default i18n;
