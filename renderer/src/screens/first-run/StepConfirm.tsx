import { useTranslation } from 'react-i18next';
import { normalizeGroup } from '../../../../shared/recovery-code';
import { useRecoveryCode } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { StepHeading } from './StepHeading';
import { groupMatches, type WizardValues } from './wizard-model';

interface StepProps {
  values: WizardValues;
  update(patch: Partial<WizardValues>): void;
  serverErrors: FieldErrors;
  problem: string | null;
  isPending: boolean;
  /** Said while setup runs, when it takes longer than a moment (making the clinic's hub). */
  pendingNote?: string;
  onFinish(): void;
  onBack(): void;
}

/** Retyping two groups shows the kept copy is right before anything is written. */
export function StepConfirm({ values, update, serverErrors, problem, isPending, pendingNote, onFinish, onBack }: StepProps) {
  const { t } = useTranslation();
  const code = useRecoveryCode();
  const { formRef, scope, setErrors } = useFieldErrors(serverErrors);
  if (!code.data) return null;
  const { recoveryCode, confirmGroups } = code.data;
  const [first, second] = confirmGroups;

  const setGroup = (index: 0 | 1, value: string) => {
    const next: [string, string] = [...values.confirmation];
    next[index] = value;
    update({ confirmation: next });
  };

  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (isPending) return;
        const found: FieldErrors = {};
        confirmGroups.forEach((group, i) => {
          const typed = values.confirmation[i] ?? '';
          if (!typed.trim()) found[`group${i}`] = t('firstRun.confirm.groupNeeded', { number: group });
          else if (!groupMatches(typed, recoveryCode, group, normalizeGroup)) {
            found[`group${i}`] = t('firstRun.confirm.groupMismatch', { number: group });
          }
        });
        setErrors(found);
        if (Object.keys(found).length === 0) onFinish();
      }}
    >
      <StepHeading step={4} title={t('firstRun.confirm.title')} />
      <p className="lead">{t('firstRun.confirm.intro', { first, second })}</p>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      <div className="group-inputs">
        <TextInput
          label={t('firstRun.confirm.group', { number: first })}
          name="group0"
          mono
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck="false"
          maxLength={12}
          value={values.confirmation[0]}
          onChange={(v) => setGroup(0, v)}
        />
        <TextInput
          label={t('firstRun.confirm.group', { number: second })}
          name="group1"
          mono
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck="false"
          maxLength={12}
          value={values.confirmation[1]}
          onChange={(v) => setGroup(1, v)}
        />
      </div>
      <p className="field-description">{t('firstRun.confirm.hint')}</p>
      <div className="form-actions form-actions-split">
        <ActionButton onPress={onBack}>{t('firstRun.back')}</ActionButton>
        <ActionButton type="submit" variant="primary" isPending={isPending}>
          {isPending ? t('firstRun.confirm.working') : t('firstRun.confirm.finish')}
        </ActionButton>
      </div>
      {isPending && pendingNote ? <Notice tone="info">{pendingNote}</Notice> : null}
    </ValidatedForm>
  );
}
