/**
 * A strength hint, not a gate beyond the minimum: staff are told plainly how to make a password
 * stronger. Length matters most for guessing resistance, so the hint leans on it.
 */
export const MIN_PASSWORD_LENGTH = 10;

export type StrengthLevel = 'too_short' | 'weak' | 'fair' | 'strong';

export interface StrengthHint {
  level: StrengthLevel;
  /** 0..4, for a meter. */
  score: number;
  hint: string;
}

const COMMON = ['password', '123456', 'qwerty', 'letmein', 'welcome', 'doorway', 'clinic', 'admin'];

export function passwordStrength(password: string): StrengthHint {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      level: 'too_short',
      score: 0,
      hint: `Use at least ${MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember.`,
    };
  }
  const lower = password.toLowerCase();
  if (COMMON.some((w) => lower.includes(w)) || /^(.)\1+$/.test(password)) {
    return { level: 'weak', score: 1, hint: 'This contains a very common word or pattern. Try a few unrelated words.' };
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(password)).length;
  const words = password.trim().split(/\s+/).length;
  if (password.length >= 16 || (password.length >= 12 && (classes >= 3 || words >= 3))) {
    return { level: 'strong', score: 4, hint: 'Strong password.' };
  }
  if (password.length >= 12 || classes >= 3) {
    return { level: 'fair', score: 3, hint: 'Good. Adding a few more characters makes it stronger.' };
  }
  return { level: 'fair', score: 2, hint: 'Okay. A longer password or a short sentence is stronger.' };
}
