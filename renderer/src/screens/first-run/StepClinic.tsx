import { useTranslation } from 'react-i18next';
import { clinicNameSchema } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { PeopleWordField } from '../../components/PeopleWordField';
import { TextInput } from '../../components/TextInput';
import { LanguageField } from '../../components/LanguageField';
import { setWorkstationLanguage } from '../../i18n/language';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { TimeZoneField } from '../continuity/ContinuitySettingsFields';
import { StepHeading } from './StepHeading';
import type { WizardValues } from './wizard-model';
import { sayIssue } from '../../i18n/say';

interface StepProps {
  values: WizardValues;
  update(patch: Partial<WizardValues>): void;
  serverErrors: FieldErrors;
  /** The first words of the step: where the records will be. */
  intro: string;
  onNext(): void;
  onBack(): void;
}

export function StepClinic({ values, update, serverErrors, intro, onNext, onBack }: StepProps) {
  const { t } = useTranslation();
  const { formRef, scope, setErrors } = useFieldErrors(serverErrors);
  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        const found: FieldErrors = {};
        const name = clinicNameSchema.safeParse(values.clinicName);
        if (!name.success) found.clinicName = sayIssue(name.error.issues[0]) ?? t('firstRun.clinic.nameNeeded');
        setErrors(found);
        if (Object.keys(found).length === 0) onNext();
      }}
    >
      <StepHeading step={1} title={t('firstRun.clinic.title')} />
      <p className="lead">{intro}</p>
      <LanguageField
        label={t('languages.clinic.label')}
        value={values.language}
        onChange={(language) => {
          // The wizard speaks the chosen language from here on, and so does this computer's sign-in screen.
          setWorkstationLanguage(language);
          update({ language });
        }}
        description={t('languages.clinic.firstRunDescription')}
      />
      <TextInput
        label={t('firstRun.clinic.name')}
        name="clinicName"
        value={values.clinicName}
        onChange={(clinicName) => update({ clinicName })}
        description={t('firstRun.clinic.nameDescription')}
        autoComplete="organization"
      />
      <PeopleWordField
        value={values.peopleWord}
        onChange={(peopleWord) => update({ peopleWord })}
        description={t('peopleWord.descriptionFirstRun')}
      />
      <TimeZoneField value={values.timeZone} onChange={(timeZone) => update({ timeZone })} />
      <div className="form-actions form-actions-split">
        <ActionButton onPress={onBack}>{t('firstRun.back')}</ActionButton>
        <ActionButton type="submit" variant="primary">
          {t('firstRun.continue')}
        </ActionButton>
      </div>
    </ValidatedForm>
  );
}
