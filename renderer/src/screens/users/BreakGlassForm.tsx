import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normalizeGroup, parseRecoveryCode } from '../../../../shared/recovery-code';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { useSession } from '../../session/SessionProvider';
import { say } from '../../i18n/say';

/**
 * Emergency access: the recovery code and the name of whoever is using it. Opens an administrator
 * session that the whole window marks, and the audit trail records, as emergency access.
 */
export function BreakGlassForm({ onBack }: { onBack(): void }) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();

  const open = useApiMutation('session.breakGlass', {
    gcTime: 0,
    onSuccess: (info) => signedIn(info),
    onError: ({ error }) => {
      setProblem(error.message);
      const fields: FieldErrors = { ...(error.fields ?? {}) };
      if (error.code === 'RECOVERY_CODE_INVALID') fields.recoveryCode = error.message;
      setErrors(fields);
    },
  });

  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="form em-form"
      onSubmit={(e) => {
        e.preventDefault();
        const found: FieldErrors = {};
        if (normalizeGroup(code).length === 0) found.recoveryCode = t('recover.codeNeeded');
        else {
          const parsed = parseRecoveryCode(code);
          if (!parsed.ok) found.recoveryCode = say(parsed.said);
        }
        if (!name.trim()) found.name = t('emergency.nameNeeded');
        setProblem(null);
        setErrors(found);
        if (Object.keys(found).length === 0) open.mutate({ recoveryCode: code, name: name.trim() });
      }}
    >
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <TextInput
        label={t('emergency.code')}
        name="recoveryCode"
        value={code}
        onChange={setCode}
        mono
        autoFocus
        autoCapitalize="characters"
        spellCheck="false"
        autoComplete="off"
        description={t('recover.codeDescription')}
      />
      <TextInput label={t('emergency.name')} name="name" value={name} onChange={setName} autoComplete="off" description={t('emergency.nameDescription')} />
      <div className="form-actions form-actions-stack">
        <ActionButton type="submit" variant="primary" isPending={open.isPending}>
          {t('emergency.submit')}
        </ActionButton>
        <ActionButton variant="quiet" onPress={onBack}>
          {t('emergency.back')}
        </ActionButton>
      </div>
    </ValidatedForm>
  );
}
