import type { PeopleWord } from '../../../../shared/people-word';
import type { Language } from '../../../../shared/languages';
import { workstationLanguage } from '../../i18n/language';

export type WizardStep = 1 | 2 | 3 | 4;
export const WIZARD_STEPS: readonly WizardStep[] = [1, 2, 3, 4];

export interface WizardValues {
  /** The clinic's language, asked first: the wizard switches to it at once. */
  language: Language;
  clinicName: string;
  peopleWord: PeopleWord;
  /** The clinic's time zone: days between visits are counted there. */
  timeZone: string;
  displayName: string;
  username: string;
  password: string;
  confirmPassword: string;
  /** The two retyped groups, in the order of `confirmGroups`. */
  confirmation: [string, string];
}

export const initialWizardValues: WizardValues = {
  // Whatever was chosen on this computer before (a wizard left and started again), else English.
  language: workstationLanguage() ?? 'en',
  clinicName: '',
  // The same default as core: the usual word in harm reduction programs, changeable in Settings.
  peopleWord: 'participant',
  // This computer's zone is the likely one; the person confirms or changes it on the first step.
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  displayName: '',
  username: '',
  password: '',
  confirmPassword: '',
  confirmation: ['', ''],
};

/** Form field names on the wizard's screens for the server's dotted field paths. */
const FIELD_NAMES: Readonly<Record<string, { step: WizardStep; field: string }>> = {
  language: { step: 1, field: 'language' },
  clinicName: { step: 1, field: 'clinicName' },
  peopleWord: { step: 1, field: 'peopleWord' },
  timeZone: { step: 1, field: 'timeZone' },
  'admin.displayName': { step: 2, field: 'displayName' },
  'admin.username': { step: 2, field: 'username' },
  'admin.password': { step: 2, field: 'password' },
  'confirmation.0': { step: 4, field: 'group0' },
  'confirmation.1': { step: 4, field: 'group1' },
};

export interface PlacedErrors {
  /** The earliest step with something to fix, or null when no field was named. */
  step: WizardStep | null;
  fields: Record<string, string>;
}

/** Places the server's field messages on the wizard's own fields, and says which step to show first. */
export function placeServerErrors(fields: Readonly<Record<string, string>> | undefined): PlacedErrors {
  const placed: Record<string, string> = {};
  let step: WizardStep | null = null;
  for (const [path, message] of Object.entries(fields ?? {})) {
    const target = FIELD_NAMES[path];
    if (!target) continue;
    placed[target.field] = message;
    if (step === null || target.step < step) step = target.step;
  }
  return { step, fields: placed };
}

/** The retyped group matches the code shown, ignoring case, spaces and look-alike letters. */
export function groupMatches(typed: string, code: string, groupNumber: number, normalize: (s: string) => string): boolean {
  const expected = code.split('-')[groupNumber - 1];
  return expected !== undefined && normalize(typed) === expected;
}
