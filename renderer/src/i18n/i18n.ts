import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import enBackups from './en-backups.json';
import enContinuity from './en-continuity.json';
import enHub from './en-hub.json';
import enImport from './en-import.json';
import enLanguage from './en-language.json';
import enPeople from './en-people.json';
import enRecord from './en-record.json';
import enReports from './en-reports.json';
import enUsers from './en-users.json';
import esLanguage from './es-language.json';

/**
 * One file of strings per feature (each with its own top-level keys), merged into one namespace, so
 * screens built side by side never edit the same file.
 */
export const resources = { ...en, ...enPeople, ...enContinuity, ...enBackups, ...enUsers, ...enHub, ...enReports, ...enImport, ...enRecord, ...enLanguage };

/**
 * Spanish strings so far: the language assistant's, so a Spanish note gets its suggestions in
 * Spanish whatever the interface language (LanguageHints uses getFixedT). Missing keys fall back
 * to English.
 */
export const resourcesEs = { ...esLanguage };

// Resources are bundled, so initialisation is synchronous and `t` works before the first render.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: resources }, es: { translation: resourcesEs } },
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  // React escapes text itself.
  interpolation: { escapeValue: false },
  returnNull: false,
  // No promotional line in the console.
  showSupportNotice: false,
});

export default i18n;
