import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations } from '@zxcvbn-ts/language-en';
import { msg, type Message, type MessageKey } from './messages';

/**
 * The one password rule for new passwords, used by core (through the contract's newPasswordSchema),
 * by the first-run, change-password and recovery forms, and by the command line. Strength is
 * estimated by zxcvbn-ts, which knows common passwords, words, names, keyboard walks, repeats and
 * sequences; a password is accepted from a fair score up. Staff are told plainly why a password was
 * refused and one way to make it stronger.
 */
export const MIN_PASSWORD_LENGTH = 10;

/** zxcvbn scores run 0..4; below this a password is refused ("fair" is 3). */
export const MIN_PASSWORD_SCORE = 3;

export type StrengthLevel = 'too_short' | 'weak' | 'fair' | 'strong';

export interface StrengthHint {
  level: StrengthLevel;
  /** 0..4, for a meter. */
  score: number;
  hint: string;
}

/** Words anyone would try first against this app's passwords. */
const APP_WORDS = ['doorway', 'clinic', 'admin', 'administrator', 'staff', 'recovery'];

/** The estimator slows sharply with length; a password strong in its first 64 characters is strong. */
const MAX_JUDGED_LENGTH = 64;

let estimator: ZxcvbnFactory | undefined;

function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
    useLevenshteinDistance: false,
    // Fewer look-alike substitutions tried per password keeps each check quick while typing.
    l33tMaxSubstitutions: 12,
  });
  return estimator;
}

const SUGGESTION = "Try a short sentence, or three or four unrelated words that mean something only to you.";

/** One calm sentence about what makes this password easy to guess. */
function reasonFor(warning: string | null | undefined): string {
  const said = warning?.trim();
  return said ? said.replace(/\.?$/, '.') : 'This password would be easy for someone else to guess.';
}

/**
 * How strong a new password is. `userInputs` are words this person's password should not lean on,
 * such as their username or the clinic's name.
 */
export function passwordStrength(password: string, userInputs: readonly string[] = []): StrengthHint {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      level: 'too_short',
      score: 0,
      hint: `Use at least ${MIN_PASSWORD_LENGTH} characters. A short sentence is easy to remember.`,
    };
  }
  // The estimator's cost grows with length; the first characters are enough to judge.
  const result = zxcvbn().check(password.slice(0, MAX_JUDGED_LENGTH), [...APP_WORDS, ...userInputs]);
  const score = result.score;
  if (score < MIN_PASSWORD_SCORE) {
    return { level: 'weak', score, hint: `${reasonFor(result.feedback.warning)} ${SUGGESTION}` };
  }
  if (score === MIN_PASSWORD_SCORE) {
    return { level: 'fair', score, hint: 'Good. A few more characters or another word would make it stronger.' };
  }
  return { level: 'strong', score, hint: 'This will be hard to guess.' };
}

/** zxcvbn's warning (its English words) back to its name, which names our message in each language. */
const WARNING_NAMES = new Map(Object.entries(translations.warnings).map(([name, words]) => [words, name]));

/**
 * Why a new password is refused, or undefined when it is accepted. The message is meant for the
 * person choosing it: what is wrong and one way to do better (shared/messages, password.refused.*).
 */
export function passwordProblem(password: string, userInputs: readonly string[] = []): Message | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return undefined; // the length rule speaks for itself
  const judged = zxcvbn().check(password.slice(0, MAX_JUDGED_LENGTH), [...APP_WORDS, ...userInputs]);
  if (judged.score >= MIN_PASSWORD_SCORE) return undefined;
  const name = WARNING_NAMES.get(judged.feedback.warning ?? '') ?? 'other';
  return msg(`password.refused.${name}` as MessageKey);
}
