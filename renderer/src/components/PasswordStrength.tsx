import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH, passwordStrength } from '../../../shared/password-strength';

const LEVEL_KEYS = {
  too_short: 'password.level.tooShort',
  weak: 'password.level.weak',
  fair: 'password.level.fair',
  strong: 'password.level.strong',
} as const;

const HINT_KEYS = ['password.hint.0', 'password.hint.1', 'password.hint.2', 'password.hint.3', 'password.hint.4'] as const;

/** A live hint under a new password: how strong it is and one plain way to make it stronger. */
export function PasswordStrength({ password }: { password: string }) {
  const { t } = useTranslation();
  if (password.length === 0) return <>{t('password.hint.empty', { min: MIN_PASSWORD_LENGTH })}</>;
  const strength = passwordStrength(password);
  // Hint 0 is about length: a long enough password that scores 0 ("aaaaaaaaaa") is weak for its pattern.
  const hint = strength.level === 'too_short' ? 0 : Math.max(1, strength.score);
  return (
    <span className="strength" data-level={strength.level}>
      <span className="strength-bar" aria-hidden="true">
        {[1, 2, 3, 4].map((n) => (
          <span key={n} className={n <= strength.score ? 'strength-segment strength-segment-on' : 'strength-segment'} />
        ))}
      </span>
      <span className="strength-text" aria-live="polite">
        <strong>{t(LEVEL_KEYS[strength.level])}.</strong> {t(HINT_KEYS[hint] ?? 'password.hint.1', { min: MIN_PASSWORD_LENGTH })}
      </span>
    </span>
  );
}
