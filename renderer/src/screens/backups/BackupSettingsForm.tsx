import { format } from 'date-fns';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, FieldError, Group, Input, Label, NumberField, Text } from 'react-aria-components';
import { RETENTION_LIMITS, type BackupSettings } from '../../../../shared/contract/backup';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { CheckboxField } from '../people/ui/CheckboxField';
import { useBackupAction } from './queries';

type Keep = 'keepDaily' | 'keepWeekly' | 'keepMonthly';
const KEEPS: Keep[] = ['keepDaily', 'keepWeekly', 'keepMonthly'];

/** A whole path on any of the systems Doorway runs on: /..., C:\... or \\server\share. */
const isWholePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

function KeepField({ name, value, error, onChange }: { name: Keep; value: number; error?: string; onChange(v: number): void }) {
  const { t } = useTranslation();
  return (
    <NumberField
      name={name}
      className="field bk-keep"
      isInvalid={Boolean(error)}
      minValue={0}
      maxValue={RETENTION_LIMITS[name]}
      step={1}
      value={value}
      onChange={onChange}
      formatOptions={{ maximumFractionDigits: 0 }}
    >
      <Label className="field-label">{t(`backups.settings.${name}`)}</Label>
      <Group className="number-group">
        <Button slot="decrement" className="number-step">
          −
        </Button>
        <Input className="field-input number-input" />
        <Button slot="increment" className="number-step">
          +
        </Button>
      </Group>
      <FieldError className="field-error">{error}</FieldError>
    </NumberField>
  );
}

/** Where backups go, whether they happen by themselves, and how many are kept. */
export function BackupSettingsForm({ saved }: { saved: BackupSettings }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ ...saved, destination: saved.destination ?? '' });
  const [status, setStatus] = useState<{ tone: 'success' | 'info' | 'error'; message: string } | null>(null);
  const { formRef, scope, errors, setErrors } = useFieldErrors();
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
              setStatus({ tone: 'success', message: t('backups.settings.saved', { time: format(new Date(), 'p') }) });
            },
            onError: ({ error }) => {
              setErrors({ ...(error.fields ?? {}) });
              setStatus({ tone: 'error', message: error.message });
            },
          });
        }}
      >
        <TextInput
          label={t('backups.settings.destination')}
          name="destination"
          value={draft.destination}
          onChange={(destination) => edit({ destination })}
          description={t('backups.settings.destinationDescription')}
          autoCapitalize="none"
        />
        <CheckboxField isSelected={draft.enabled} onChange={(enabled) => edit({ enabled })} detail={t('backups.settings.enabledDetail')}>
          {t('backups.settings.enabled')}
        </CheckboxField>
        <fieldset className="bk-keeps">
          <legend className="field-label">{t('backups.settings.keepHeading')}</legend>
          <Text className="field-description">{t('backups.settings.keepDescription')}</Text>
          <div className="bk-keep-row">
            {KEEPS.map((k) => (
              <KeepField
                key={k}
                name={k}
                value={draft[k]}
                error={errors[k]}
                onChange={(v) => {
                  scope.clear(k);
                  edit({ [k]: v });
                }}
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
