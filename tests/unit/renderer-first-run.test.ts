import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, normalizeGroup, RECOVERY_CODE_BYTES } from '../../shared/recovery-code';
import i18n from '../../renderer/src/i18n/i18n';
import { recoveryKitText } from '../../renderer/src/screens/first-run/recovery-kit';
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
});
