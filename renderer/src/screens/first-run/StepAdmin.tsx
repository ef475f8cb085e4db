import { useTranslation } from 'react-i18next';
import { displayNameSchema, newPasswordSchema, usernameSchema } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { StepHeading } from './StepHeading';
import type { WizardValues } from './wizard-model';
import { sayIssue } from '../../i18n/say';

interface StepProps {
  values: WizardValues;
  update(patch: Partial<WizardValues>): void;
  serverErrors: FieldErrors;
  onNext(): void;
  onBack(): void;
}

export function StepAdmin({ values, update, serverErrors, onNext, onBack }: StepProps) {
  const { t } = useTranslation();
  const { formRef, scope, setErrors } = useFieldErrors(serverErrors);
  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    const checks = [
      ['displayName', displayNameSchema.safeParse(values.displayName)],
      ['username', usernameSchema.safeParse(values.username)],
      ['password', newPasswordSchema.safeParse(values.password)],
    ] as const;
    for (const [field, result] of checks) {
      if (!result.success) found[field] = sayIssue(result.error.issues[0]) ?? t('firstRun.admin.invalid');
    }
    if (!found.password && values.confirmPassword !== values.password) found.confirmPassword = t('password.mismatch');
    return found;
  };
  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const found = validate();
        setErrors(found);
        if (Object.keys(found).length === 0) onNext();
      }}
    >
      <StepHeading step={2} title={t('firstRun.admin.title')} />
      <p className="lead">{t('firstRun.admin.intro')}</p>
      <TextInput
        label={t('firstRun.admin.displayName')}
        name="displayName"
        autoComplete="name"
        value={values.displayName}
        onChange={(displayName) => update({ displayName })}
        description={t('firstRun.admin.displayNameDescription')}
      />
      <TextInput
        label={t('firstRun.admin.username')}
        name="username"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck="false"
        value={values.username}
        onChange={(username) => update({ username })}
        description={t('firstRun.admin.usernameDescription')}
      />
      <NewPasswordFields
        name="password"
        labels={{ password: t('firstRun.admin.password'), confirm: t('firstRun.admin.confirmPassword') }}
        password={values.password}
        confirm={values.confirmPassword}
        onPasswordChange={(password) => update({ password })}
        onConfirmChange={(confirmPassword) => update({ confirmPassword })}
      />
      <div className="form-actions form-actions-split">
        <ActionButton onPress={onBack}>{t('firstRun.back')}</ActionButton>
        <ActionButton type="submit" variant="primary">
          {t('firstRun.continue')}
        </ActionButton>
      </div>
    </ValidatedForm>
  );
}
