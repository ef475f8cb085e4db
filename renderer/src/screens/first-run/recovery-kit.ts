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

/** Saves text as a download: a Blob and a temporary link, which the CSP allows (no data: URL, no script). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click is handled; a short delay keeps slow machines safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
