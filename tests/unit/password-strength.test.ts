import { describe, expect, it } from 'vitest';
import { newPasswordSchema } from '../../shared/contract/schemas';
import { MIN_PASSWORD_LENGTH, passwordProblem, passwordStrength } from '../../shared/password-strength';
import { messageText } from '../../shared/messages';
import { issueMessage } from '../../shared/messages/issues';
import { temporaryPassword } from '../../electron/core/users/temporary-password';

describe('password strength hint', () => {
  it.each([
    ['', 'too_short'],
    ['short1!', 'too_short'],
    ['x'.repeat(MIN_PASSWORD_LENGTH - 1), 'too_short'],
    ['password1234', 'weak'],
    ['password12', 'weak'],
    ['aaaaaaaaaa', 'weak'],
    ['aaaaaaaaaaaa', 'weak'],
    ['1234567890', 'weak'],
    ['qwertyuiop', 'weak'],
    ['bluefishes', 'weak'],
    ['lantern ferry cobalt', 'strong'],
    ['Quiet-Morning-Tide-9', 'strong'],
    ['a long sentence about tea', 'strong'],
  ] as const)('%j is %s', (pw, level) => {
    const hint = passwordStrength(pw);
    expect(hint.level).toBe(level);
    expect(hint.hint.length).toBeGreaterThan(5);
  });

  it('scores rise with strength', () => {
    const scores = ['abc', 'password1234', 'lantern ferry cobalt'].map((p) => passwordStrength(p).score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});

describe('the new-password rule', () => {
  it.each(['aaaaaaaaaa', 'password12', 'password1234', '1234567890', 'qwertyuiop', 'doorway123'])('refuses %j with a reason and a suggestion', (pw) => {
    const result = newPasswordSchema.safeParse(pw);
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? '';
    expect(result.error?.issues).toHaveLength(1);
    expect(passwordProblem(pw)?.key).toBe(message);
    const english = messageText(issueMessage(result.error!.issues[0]!));
    expect(english).toMatch(/^Please choose a stronger password\./);
    expect(english).toMatch(/Try a short sentence/);
    expect(messageText(issueMessage(result.error!.issues[0]!), 'es')).toMatch(/^Elija una contraseña más segura\./);
  });

  it('gives one reason for a short password: its length', () => {
    const result = newPasswordSchema.safeParse('abc');
    expect(result.error?.issues.map((i) => messageText(issueMessage(i)))).toEqual([`Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`]);
  });

  it.each(['lantern ferry cobalt', 'Quiet-Morning-Tide-9', 'calm river stones at dusk'])('accepts %j', (pw) => {
    expect(newPasswordSchema.safeParse(pw).success).toBe(true);
    expect(passwordProblem(pw)).toBeUndefined();
  });

  it("accepts the temporary passwords core makes for new colleagues", () => {
    for (let i = 0; i < 25; i++) {
      const pw = temporaryPassword();
      expect(newPasswordSchema.safeParse(pw).success, pw).toBe(true);
    }
  });
});
