import type { TFunction } from 'i18next';

export interface RecoveryKitContent {
  clinicName: string;
  /** Already formatted for people, e.g. "12 March 2025". */
  date: string;
  recoveryCode: string;
}

/** The recovery kit as plain text, for "Save as a file". The same words as the printed kit. */
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

export const RECOVERY_KIT_FILE_NAME = 'doorway-recovery-kit.txt';
