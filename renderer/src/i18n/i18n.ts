import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';

// Resources are bundled, so initialisation is synchronous and `t` works before the first render.
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
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
