import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import type { AppError } from '../../../../shared/result';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { useCountdown } from '../../components/use-countdown';
import { inOwnLanguage } from '../../i18n/say';
import { useSession } from '../../session/SessionProvider';

/** Username and password. One calm message for any mismatch; a live wait after repeated tries. */
export function SignInForm({ onForgot }: { onForgot(): void }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<AppError | null>(null);
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const secondsLeft = useCountdown(waitUntil);
  const passwordRef = useRef<HTMLInputElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  const signIn = useApiMutation('session.signIn', {
    gcTime: 0,
    onSuccess: (info) => signedIn(info),
    onError: (e) => {
      // The clinic's hub out of reach says nothing about the password: it stays, ready to try again,
      // and the hub banner above says what happened (its own words, not a save's).
      if (e.error.code === 'HUB_UNREACHABLE') {
        setProblem(null);
        return;
      }
      setProblem(e.error);
      setPassword('');
      if (e.error.code === 'THROTTLED' && e.error.retryAfterSeconds) {
        setWaitUntil(Date.now() + e.error.retryAfterSeconds * 1000);
      }
      (username.trim() ? passwordRef : usernameRef).current?.focus();
    },
  });

  const waiting = secondsLeft > 0;
  const submit = () => {
    if (waiting || signIn.isPending) return;
    if (!username.trim() || !password) {
      setProblem({ code: 'INVALID_INPUT', message: t('signIn.bothNeeded') });
      (username.trim() ? passwordRef : usernameRef).current?.focus();
      return;
    }
    setProblem(null);
    signIn.mutate({ username: username.trim(), password });
  };

  return (
    <Form
      className="form"
      validationBehavior="aria"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {problem && problem.code === 'THROTTLED' ? (
        <Notice tone="error">
          <p>{t('signIn.throttled')}</p>
          {waiting ? (
            <p role="timer" className="countdown">
              {t('signIn.tryAgainIn', { count: secondsLeft })}
            </p>
          ) : (
            <p>{t('signIn.tryAgainNow')}</p>
          )}
        </Notice>
      ) : problem ? (
        // Said again on each render: the language can be changed below, right after a refusal.
        <Notice tone="error">{inOwnLanguage(problem).message}</Notice>
      ) : null}
      <TextInput
        label={t('signIn.username')}
        name="username"
        autoComplete="username"
        autoFocus
        value={username}
        onChange={(value) => {
          setUsername(value);
          // The pause applies to the username that was tried; a colleague typing their own need not wait.
          if (waitUntil !== null) {
            setWaitUntil(null);
            setProblem(null);
          }
        }}
        inputRef={usernameRef}
        autoCapitalize="none"
        spellCheck="false"
      />
      <TextInput
        label={t('signIn.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        inputRef={passwordRef}
      />
      <div className="form-actions form-actions-stack">
        <ActionButton type="submit" variant="primary" isPending={signIn.isPending} isDisabled={waiting}>
          {signIn.isPending ? t('signIn.signingIn') : t('signIn.submit')}
        </ActionButton>
        <ActionButton variant="quiet" onPress={onForgot}>
          {t('signIn.forgot')}
        </ActionButton>
      </div>
    </Form>
  );
}
