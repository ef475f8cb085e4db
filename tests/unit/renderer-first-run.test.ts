import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, normalizeGroup, RECOVERY_CODE_BYTES } from '../../shared/recovery-code';
import i18n from '../../renderer/src/i18n/i18n';
import { recoveryKitFileName, recoveryKitText } from '../../renderer/src/screens/first-run/recovery-kit';
import { formatLongDay } from '../../renderer/src/components/dates';
import { groupMatches, placeServerErrors } from '../../renderer/src/screens/first-run/wizard-model';

describe('first-run wizard model', () => {
  it('puts server field messages on the wizard fields and opens the earliest step', () => {
    expect(placeServerErrors({ 'admin.password': 'Too short.', 'confirmation.1': 'No.' })).toEqual({
      step: 2,
      fields: { password: 'Too short.', group1: 'No.' },
    });
    expect(placeServerErrors({ 'confirmation.0': 'No.', clinicName: 'Please enter the clinic name.' }).step).toBe(1);
    expect(placeServerErrors({ _: 'Something else.' })).toEqual({ step: null, fields: {} });
    expect(placeServerErrors(undefined)).toEqual({ step: null, fields: {} });
  });

  it('accepts a retyped group in any case and with look-alike letters', () => {
    const code = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
    const third = code.split('-')[2]!;
    expect(groupMatches(third, code, 3, normalizeGroup)).toBe(true);
    expect(groupMatches(` ${third.toLowerCase()} `, code, 3, normalizeGroup)).toBe(true);
    expect(groupMatches(third.replace(/0/g, 'O').replace(/1/g, 'I'), code, 3, normalizeGroup)).toBe(true);
    expect(groupMatches(code.split('-')[3]!, code, 3, normalizeGroup)).toBe(false);
    expect(groupMatches(third, code, 9, normalizeGroup)).toBe(false);
  });

  it('the saved recovery kit names the clinic, the date and the code, and says what it is for', () => {
    const code = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
    const text = recoveryKitText(i18n.t, { clinicName: 'Harbour Street Clinic', date: 'March 3rd, 2026', recoveryCode: code });
    expect(text).toContain('Doorway recovery kit');
    expect(text).toContain('Harbour Street Clinic');
    expect(text).toContain('March 3rd, 2026');
    expect(text).toContain(code);
    expect(text).toContain(`3: ${code.split('-')[2]}`);
    expect(text).toMatch(/only way back into Doorway's records if every password is forgotten/);
    expect(text).not.toMatch(/\{\{|kit\.(what|where|how)/);
  });

  it('the recovery kit is in Spanish for someone working in Spanish: no English word in it but the names', () => {
    const code = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
    const clinicName = 'Clínica Puerta Abierta';
    const kit = (language: 'en' | 'es', locale: string) =>
      recoveryKitText(i18n.getFixedT(language), { clinicName, date: formatLongDay('2026-03-03', { locale }), recoveryCode: code });
    const spanish = kit('es', 'es-419');
    expect(spanish.split('\n')[0]).toBe('Kit de recuperación de Doorway');
    expect(spanish).toContain('3 de marzo de 2026');
    expect(spanish).toContain(`Código de recuperación:\n${code}`);
    expect(spanish).toContain(`3: ${code.split('-')[2]}`);
    expect(spanish).toContain('«¿Olvidó su contraseña?»');
    expect(spanish).not.toMatch(/\{\{|kit\.[a-z]/);
    // Every word of the English kit that shows up in the Spanish one is an untranslated string, apart
    // from the product's name, words both languages share, the clinic's name and the code itself.
    const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
    const shared = new Set(['doorway', 'kit', 'no', 'a', 'e', 'o', 'y', 'usb', ...words(clinicName), ...words(code)]);
    const english = words(kit('en', 'en-US'));
    expect([...words(spanish)].filter((w) => english.has(w) && !shared.has(w))).toEqual([]);
    // And none of English's most common words, in case a string were English in both files.
    const common = ['the', 'and', 'to', 'of', 'it', 'is', 'for', 'your', 'with', 'this', 'code', 'recovery', 'password', 'clinic', 'made', 'keep', 'where', 'what', 'how', 'use'];
    expect(common.filter((w) => words(spanish).has(w))).toEqual([]);
    // The file keeps its name in Spanish too, so it is found among the downloads.
    expect(recoveryKitFileName(i18n.getFixedT('es'))).toBe('doorway-kit-de-recuperacion.txt');
    expect(recoveryKitFileName(i18n.getFixedT('en'))).toBe('doorway-recovery-kit.txt');
  });
});
