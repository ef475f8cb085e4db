import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newPasswordSchema } from '../../../../shared/contract';
import { normalizeGroup, parseRecoveryCode, RECOVERY_GROUPS } from '../../../../shared/recovery-code';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { useSession } from '../../session/SessionProvider';
import { say, sayIssue, useSay } from '../../i18n/say';

const CODE_LENGTH = RECOVERY_GROUPS * 5;

/** What to say about a recovery code as typed: nothing until it is complete, then which group to check. */
function useCodeHint(code: string): string | null {
  const sayIt = useSay();
  if (normalizeGroup(code).length < CODE_LENGTH) return null;
  const parsed = parseRecoveryCode(code);
  return parsed.ok ? null : sayIt(parsed.said);
}

/** Forgot password: the recovery code opens the vault and sets a new password, then signs in. */
export function RecoverForm({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const codeHint = useCodeHint(code);

  const recover = useApiMutation('session.recover', {
    gcTime: 0,
    onSuccess: (info) => signedIn(info),
    onError: (e) => {
      setProblem(e.error.message);
      const fields: FieldErrors = {};
      for (const [key, message] of Object.entries(e.error.fields ?? {})) fields[key] = message;
      if (e.error.code === 'RECOVERY_CODE_INVALID') fields.recoveryCode = e.error.message;
      if (e.error.code === 'NOT_FOUND') fields.username = e.error.message;
      setErrors(fields);
    },
  });

  const submit = () => {
    const found: FieldErrors = {};
    if (!username.trim()) found.username = t('recover.usernameNeeded');
    if (normalizeGroup(code).length === 0) found.recoveryCode = t('recover.codeNeeded');
    else {
      const parsed = parseRecoveryCode(code);
      if (!parsed.ok) found.recoveryCode = say(parsed.said);
    }
    const pw = newPasswordSchema.safeParse(password);
    if (!pw.success) found.newPassword = sayIssue(pw.error.issues[0]) ?? t('password.invalid');
    else if (confirm !== password) found.confirmPassword = t('password.mismatch');
    setProblem(null);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    recover.mutate({ username: username.trim(), recoveryCode: code, newPassword: password });
  };

  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <TextInput
        label={t('recover.username')}
        name="username"
        autoComplete="username"
        autoFocus
        autoCapitalize="none"
        spellCheck="false"
        value={username}
        onChange={setUsername}
      />
      <TextInput
        label={t('recover.code')}
        name="recoveryCode"
        mono
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck="false"
        value={code}
        onChange={setCode}
        description={codeHint ?? t('recover.codeDescription')}
      />
      <NewPasswordFields
        labels={{ password: t('recover.newPassword'), confirm: t('recover.confirmPassword') }}
        password={password}
        confirm={confirm}
        onPasswordChange={setPassword}
        onConfirmChange={setConfirm}
      />
      <div className="form-actions form-actions-stack">
        <ActionButton type="submit" variant="primary" isPending={recover.isPending}>
          {recover.isPending ? t('recover.working') : t('recover.submit')}
        </ActionButton>
        <ActionButton variant="quiet" onPress={onBack}>
          {t('recover.back')}
        </ActionButton>
      </div>
    </ValidatedForm>
  );
}
