import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newPasswordSchema } from '../../../shared/contract';
import { useApiMutation } from '../api/queries';
import { ActionButton } from '../components/ActionButton';
import { AuthLayout } from '../components/AuthLayout';
import { Notice } from '../components/Notice';
import { PageHeading } from '../components/PageHeading';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { TextInput } from '../components/TextInput';
import { useDocumentTitle } from '../components/use-document-title';
import { ValidatedForm } from '../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../components/use-field-errors';
import { useSession } from '../session/SessionProvider';
import { sayIssue } from '../i18n/say';

/** Shown instead of everything else while a staff user must replace a password someone else set. */
export function ChangePasswordScreen() {
  const { t } = useTranslation();
  const { passwordChanged, signOut } = useSession();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  useDocumentTitle(t('changePassword.title'));

  const change = useApiMutation('session.changePassword', {
    gcTime: 0,
    onSuccess: (info) => passwordChanged(info),
    onError: ({ error }) => {
      setProblem(error.message);
      const fields: FieldErrors = { ...(error.fields ?? {}) };
      if (error.code === 'SIGN_IN_FAILED') fields.currentPassword = error.message;
      setErrors(fields);
    },
  });

  return (
    <AuthLayout>
      <PageHeading focusOnMount={false}>{t('changePassword.heading')}</PageHeading>
      <p className="lead">{t('changePassword.intro')}</p>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const found: FieldErrors = {};
          if (!current) found.currentPassword = t('changePassword.currentNeeded');
          const pw = newPasswordSchema.safeParse(password);
          if (!pw.success) found.newPassword = sayIssue(pw.error.issues[0]) ?? t('password.invalid');
          else if (confirm !== password) found.confirmPassword = t('password.mismatch');
          setProblem(null);
          setErrors(found);
          if (Object.keys(found).length === 0) change.mutate({ currentPassword: current, newPassword: password });
        }}
      >
        {problem ? <Notice tone="error">{problem}</Notice> : null}
        <TextInput
          label={t('changePassword.current')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          autoFocus
          value={current}
          onChange={setCurrent}
          description={t('staff.forcedChange.currentDescription')}
        />
        <NewPasswordFields
          labels={{ password: t('changePassword.new'), confirm: t('changePassword.confirm') }}
          password={password}
          confirm={confirm}
          onPasswordChange={setPassword}
          onConfirmChange={setConfirm}
        />
        <div className="form-actions form-actions-stack">
          <ActionButton type="submit" variant="primary" isPending={change.isPending}>
            {t('changePassword.submit')}
          </ActionButton>
          <ActionButton variant="quiet" onPress={signOut}>
            {t('shell.signOut')}
          </ActionButton>
        </div>
      </ValidatedForm>
    </AuthLayout>
  );
}
