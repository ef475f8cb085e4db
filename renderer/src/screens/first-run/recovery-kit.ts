import type { TFunction } from 'i18next';

export interface RecoveryKitContent {
  clinicName: string;
  /** Already formatted for people in the interface's language, e.g. "March 12, 2025" or "12 de marzo de 2025". */
  date: string;
  recoveryCode: string;
}

/**
 * The recovery kit as plain text, for "Save as a file". The same words as the printed kit, every one
 * from the string files, so the kit is in the language of whoever set Doorway up.
 */
export function recoveryKitText(t: TFunction, kit: RecoveryKitContent): string {
  const groups = kit.recoveryCode.split('-');
  const numbered = groups.map((g, i) => `${i + 1}: ${g}`).join('   ');
  return [
    t('kit.title'),
    '',
    `${t('kit.clinic')}: ${kit.clinicName}`,
    `${t('kit.made')}: ${kit.date}`,
    '',
    `${t('kit.code')}:`,
    kit.recoveryCode,
    '',
    numbered,
    '',
    t('kit.whatHeading'),
    t('kit.what'),
    '',
    t('kit.whereHeading'),
    t('kit.where'),
    t('kit.whereNot'),
    '',
    t('kit.howHeading'),
    t('kit.how'),
    '',
  ].join('\n');
}

/** The saved file's name, in the staff member's language too: they look for it among their downloads. */
export function recoveryKitFileName(t: TFunction): string {
  return t('kit.fileName');
}
