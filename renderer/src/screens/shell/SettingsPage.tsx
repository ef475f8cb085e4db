import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clinicNameSchema, type ClinicSettings, type SessionInfo } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { queryKeys, useApiMutation, useClinicSettings } from '../../api/queries';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { NumberInput } from '../../components/NumberInput';
import { PageHeading } from '../../components/PageHeading';
import { PeopleWordField } from '../../components/PeopleWordField';
import { TextInput } from '../../components/TextInput';
import { useDocumentTitle } from '../../components/use-document-title';
import { RecordSettingsSections } from '../people/settings/RecordSettingsSections';
import { SettingsTabs } from '../people/settings/SettingsTabs';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { ContinuitySettingsFields, continuitySettingsErrors } from '../continuity/ContinuitySettingsFields';
import { changedSettings } from './settings-changes';
import { formatTime } from '../../components/dates';
import { HubSettingsPanel } from '../hub/HubSettingsPanel';
import { useHubState } from '../../api/hub-queries';
import { LanguageField } from '../../components/LanguageField';
import { OwnLanguageSection } from './OwnLanguageSection';
import { sayIssue } from '../../i18n/say';

function SettingsForm({ saved }: { saved: ClinicSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ClinicSettings>(saved);
  const [status, setStatus] = useState<{ tone: 'success' | 'info' | 'error'; message: string } | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const { people } = usePeopleWords(draft.peopleWord);

  const edit = (patch: Partial<ClinicSettings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus(null);
  };

  const update = useApiMutation('settings.update', {
    onSuccess: (value) => {
      queryClient.setQueryData(queryKeys.settings, value);
      queryClient.setQueryData<SessionInfo>(queryKeys.session, (s) => (s ? { ...s, settings: value } : s));
      setDraft(value);
      setStatus({ tone: 'success', message: t('settings.saved', { time: formatTime(new Date()) }) });
    },
    onError: ({ error }) => {
      setErrors({ ...(error.fields ?? {}) });
      setStatus({ tone: 'error', message: error.message });
    },
  });

  return (
    <ValidatedForm
      formRef={formRef}
      scope={scope}
      className="form form-page"
      onSubmit={(e) => {
        e.preventDefault();
        const found: FieldErrors = {};
        const name = clinicNameSchema.safeParse(draft.clinicName);
        if (!name.success) found.clinicName = sayIssue(name.error.issues[0]) ?? t('settings.invalid');
        if (!Number.isInteger(draft.idleLockMinutes) || draft.idleLockMinutes < 1 || draft.idleLockMinutes > 60) {
          found.idleLockMinutes = t('settings.idleRange');
        }
        if (!Number.isInteger(draft.draftExpiryDays) || draft.draftExpiryDays < 1 || draft.draftExpiryDays > 90) {
          found.draftExpiryDays = t('settings.draftExpiryRange');
        }
        Object.assign(found, continuitySettingsErrors(draft, t));
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        const changes = changedSettings(saved, draft);
        if (Object.keys(changes).length === 0) {
          setStatus({ tone: 'info', message: t('settings.nothingChanged') });
          return;
        }
        update.mutate(changes);
      }}
    >
      <TextInput
        label={t('settings.clinicName')}
        name="clinicName"
        value={draft.clinicName}
        onChange={(clinicName) => edit({ clinicName })}
        description={t('settings.clinicNameDescription')}
      />
      <LanguageField
        label={t('languages.clinic.label')}
        value={draft.language}
        onChange={(language) => edit({ language })}
        description={t('languages.clinic.description')}
      />
      <PeopleWordField
        value={draft.peopleWord}
        onChange={(peopleWord) => edit({ peopleWord })}
        description={t('peopleWord.description')}
      />
      <NumberInput
        label={t('settings.idleLock')}
        name="idleLockMinutes"
        min={1}
        max={60}
        value={draft.idleLockMinutes}
        // Empty is not a choice here: NaN fails the range check before saving, with its message.
        onChange={(v) => edit({ idleLockMinutes: v ?? Number.NaN })}
        unit={t('settings.minutes')}
        description={t('settings.idleLockDescription', { people })}
      />
      <NumberInput
        label={t('settings.draftExpiry')}
        name="draftExpiryDays"
        min={1}
        max={90}
        value={draft.draftExpiryDays}
        onChange={(v) => edit({ draftExpiryDays: v ?? Number.NaN })}
        unit={t('settings.days')}
        description={t('settings.draftExpiryDescription')}
      />
      <ContinuitySettingsFields value={draft} onChange={edit} />
      <div className="form-actions form-actions-start">
        <ActionButton type="submit" variant="primary" isPending={update.isPending}>
          {t('settings.save')}
        </ActionButton>
      </div>
      {status ? <Notice tone={status.tone}>{status.message}</Notice> : null}
    </ValidatedForm>
  );
}

/** Clinic settings, for administrators: the name, the word for the people served, the idle lock; the record's wording; the clinic hub. */
export function SettingsPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('settings.title'));
  const isAdmin = info.user.role === 'administrator';
  const settings = useClinicSettings(isAdmin);
  // On a clinic hub the settings are the whole clinic's, not this computer's.
  const onHub = useHubState().data?.mode === 'joined';

  return (
    <div className="page">
      <PageHeading>{t('settings.heading')}</PageHeading>
      <OwnLanguageSection info={info} />
      {!isAdmin ? (
        <p>{t('settings.adminsOnly')}</p>
      ) : settings.isPending ? (
        <p role="status">{t('settings.loading')}</p>
      ) : settings.isError ? (
        <Notice tone="error">{appErrorOf(settings.error).message}</Notice>
      ) : (
        <>
          <p className="lead">{onHub ? t('hubSetup.settingsIntro') : t('settings.intro')}</p>
          <SettingsTabs
            clinic={<SettingsForm saved={settings.data} />}
            records={<RecordSettingsSections saved={settings.data} />}
            hub={{ label: t('hubSetup.page.tab'), panel: <HubSettingsPanel /> }}
          />
        </>
      )}
    </div>
  );
}
