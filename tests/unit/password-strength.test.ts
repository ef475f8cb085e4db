import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordStrength } from '../../shared/password-strength';

describe('password strength hint', () => {
  it.each([
    ['', 'too_short'],
    ['short1!', 'too_short'],
    ['x'.repeat(MIN_PASSWORD_LENGTH - 1), 'too_short'],
    ['password1234', 'weak'],
    ['aaaaaaaaaaaa', 'weak'],
    ['mydoorwaypass', 'weak'],
    ['bluefishes', 'fair'],
    ['Harbour7bay', 'fair'],
    ['lantern ferry cobalt', 'strong'],
    ['Quiet-Morning-Tide-9', 'strong'],
    ['a long sentence about tea', 'strong'],
  ] as const)('%j is %s', (pw, level) => {
    const hint = passwordStrength(pw);
    expect(hint.level).toBe(level);
    expect(hint.hint.length).toBeGreaterThan(5);
  });

  it('scores rise with strength', () => {
    const scores = ['abc', 'password1234', 'bluefishes', 'lantern ferry cobalt'].map((p) => passwordStrength(p).score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});
