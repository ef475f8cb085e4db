import 'i18next';
import type en from './en.json';
import type enBackups from './en-backups.json';
import type enContinuity from './en-continuity.json';
import type enHub from './en-hub.json';
import type enImport from './en-import.json';
import type enLanguage from './en-language.json';
import type enLanguages from './en-languages.json';
import type enPeople from './en-people.json';
import type enRecord from './en-record.json';
import type enReports from './en-reports.json';
import type enUsers from './en-users.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en &
        typeof enPeople &
        typeof enContinuity &
        typeof enBackups &
        typeof enUsers &
        typeof enHub &
        typeof enLanguages &
        typeof enImport &
        typeof enRecord &
        typeof enReports &
        typeof enLanguage;
    };
    returnNull: false;
  }
}
