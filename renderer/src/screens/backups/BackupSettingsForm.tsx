import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Text } from 'react-aria-components';
import { RETENTION_LIMITS, type BackupSettings } from '../../../../shared/contract/backup';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { NumberInput } from '../../components/NumberInput';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { CheckboxField } from '../../components/CheckboxField';
import { useBackupAction } from '../../api/backup-queries';
import { folderPicker } from '../../api/bridge';
import { formatTime } from '../../components/dates';

type Keep = 'keepDaily' | 'keepWeekly' | 'keepMonthly';
const KEEPS: Keep[] = ['keepDaily', 'keepWeekly', 'keepMonthly'];

/** A whole path on any of the systems Doorway runs on: /..., C:\... or \\server\share. */
const isWholePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

/** Where backups go, whether they happen by themselves, and how many are kept. */
export function BackupSettingsForm({ saved }: { saved: BackupSettings }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ ...saved, destination: saved.destination ?? '' });
  // The desktop app has the system's folder picker; the development preview has only the typed path.
  const [pickFolder] = useState(folderPicker);
  const [status, setStatus] = useState<{ tone: 'success' | 'info' | 'error'; message: string } | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const update = useBackupAction('backup.updateSettings');

  const edit = (patch: Partial<typeof draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus(null);
  };

  return (
    <section className="panel" aria-labelledby="bk-settings">
      <h2 id="bk-settings">{t('backups.settings.heading')}</h2>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const found: FieldErrors = {};
          const destination = draft.destination.trim();
          if (!destination) found.destination = t('backups.settings.destinationRequired');
          else if (!isWholePath(destination)) found.destination = t('backups.settings.destinationWhole');
          for (const k of KEEPS) {
            if (!Number.isInteger(draft[k]) || draft[k] < 0 || draft[k] > RETENTION_LIMITS[k]) found[k] = t('backups.settings.keepRange', { max: RETENTION_LIMITS[k] });
          }
          setErrors(found);
          if (Object.keys(found).length > 0) return;
          const changes: Partial<BackupSettings> = {};
          if (destination !== (saved.destination ?? '')) changes.destination = destination;
          if (draft.enabled !== saved.enabled) changes.enabled = draft.enabled;
          for (const k of KEEPS) if (draft[k] !== saved[k]) changes[k] = draft[k];
          if (Object.keys(changes).length === 0) {
            setStatus({ tone: 'info', message: t('backups.settings.nothingChanged') });
            return;
          }
          update.mutate(changes, {
            onSuccess: (value) => {
              setDraft({ ...value, destination: value.destination ?? '' });
              setStatus({ tone: 'success', message: t('backups.settings.saved', { time: formatTime(new Date()) }) });
            },
            onError: ({ error }) => {
              setErrors({ ...(error.fields ?? {}) });
              setStatus({ tone: 'error', message: error.message });
            },
          });
        }}
      >
        <div className="bk-destination">
          <TextInput
            label={t('backups.settings.destination')}
            name="destination"
            value={draft.destination}
            onChange={(destination) => edit({ destination })}
            description={t(pickFolder ? 'backups.settings.destinationDescription' : 'backups.settings.destinationDescriptionTyped')}
            autoCapitalize="none"
          />
          {pickFolder ? (
            <ActionButton
              variant="secondary"
              className="bk-choose-folder"
              onPress={() => {
                void pickFolder().then((folder) => {
                  if (folder) edit({ destination: folder });
                });
              }}
            >
              {t('backups.settings.chooseFolder')}
            </ActionButton>
          ) : null}
        </div>
        <CheckboxField isSelected={draft.enabled} onChange={(enabled) => edit({ enabled })} detail={t('backups.settings.enabledDetail')}>
          {t('backups.settings.enabled')}
        </CheckboxField>
        <fieldset className="bk-keeps">
          <legend className="field-label">{t('backups.settings.keepHeading')}</legend>
          <Text className="field-description">{t('backups.settings.keepDescription')}</Text>
          <div className="bk-keep-row">
            {KEEPS.map((k) => (
              <NumberInput
                key={k}
                label={t(`backups.settings.${k}`)}
                name={k}
                className="bk-keep"
                max={RETENTION_LIMITS[k]}
                value={draft[k]}
                // Empty is not a choice here: NaN fails the range check before saving, with its message.
                onChange={(v) => edit({ [k]: v ?? Number.NaN })}
              />
            ))}
          </div>
        </fieldset>
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={update.isPending}>
            {t('backups.settings.save')}
          </ActionButton>
        </div>
        {status ? <Notice tone={status.tone}>{status.message}</Notice> : null}
      </ValidatedForm>
    </section>
  );
}
