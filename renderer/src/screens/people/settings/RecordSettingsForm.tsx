import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clientCodeMaskSchema, type ClinicSettings, type SessionInfo } from '../../../../../shared/contract';
import { queryKeys, useApiMutation } from '../../../api/queries';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { TextInput } from '../../../components/TextInput';
import { ValidatedForm } from '../../../components/ValidatedForm';
import { useFieldErrors } from '../../../components/use-field-errors';
import { codeMatchesRecipe, exampleCode } from '../../../../../shared/client-code';
import { CheckboxField } from '../../../components/CheckboxField';
import { useRecipeSentence } from '../recipe-sentence';
import { recordSettingsChanges, type RecordSettings } from './record-settings-changes';
import { formatTime } from '../../../components/dates';
import { sayIssue } from '../../../i18n/say';

/** The client-code recipe and the language assistant: how records are written at this clinic. */
export function RecordSettingsForm({ saved }: { saved: ClinicSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [draft, setDraft] = useState<RecordSettings>({ clientCodeMask: saved.clientCodeMask, clientCodeHint: saved.clientCodeHint, languageAssistant: saved.languageAssistant });
  const [tryCode, setTryCode] = useState('');
  const [status, setStatus] = useState<{ tone: 'success' | 'info' | 'error'; message: string } | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const mask = draft.clientCodeMask.trim().toUpperCase();
  const maskValid = clientCodeMaskSchema.safeParse(mask).success;
  const sentence = useRecipeSentence(maskValid ? mask : '');
  const edit = (patch: Partial<RecordSettings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setStatus(null);
  };

  const update = useApiMutation('settings.update', {
    onSuccess: (value) => {
      queryClient.setQueryData(queryKeys.settings, value);
      queryClient.setQueryData<SessionInfo>(queryKeys.session, (s) => (s ? { ...s, settings: value } : s));
      setDraft({ clientCodeMask: value.clientCodeMask, clientCodeHint: value.clientCodeHint, languageAssistant: value.languageAssistant });
      setStatus({ tone: 'success', message: t('recordSettings.saved', { time: formatTime(new Date()) }) });
    },
    onError: ({ error }) => {
      setErrors({ ...(error.fields ?? {}) });
      setStatus({ tone: 'error', message: error.message });
    },
  });

  return (
    <section className="settings-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('recordSettings.title')}</h2>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const parsed = clientCodeMaskSchema.safeParse(draft.clientCodeMask);
          if (!parsed.success) {
            setErrors({ clientCodeMask: sayIssue(parsed.error.issues[0]) ?? t('recordSettings.maskInvalid') });
            return;
          }
          const changes = recordSettingsChanges(saved, draft);
          if (Object.keys(changes).length === 0) {
            setStatus({ tone: 'info', message: t('recordSettings.nothingChanged') });
            return;
          }
          update.mutate(changes);
        }}
      >
        <div className="field-row">
          <TextInput
            label={t('recordSettings.mask')}
            name="clientCodeMask"
            value={draft.clientCodeMask}
            onChange={(clientCodeMask) => edit({ clientCodeMask })}
            mono
            autoCapitalize="characters"
            description={t('recordSettings.maskHelp')}
          />
          <TextInput label={t('recordSettings.tryCode')} name="tryCode" value={tryCode} onChange={setTryCode} mono autoCapitalize="characters" description={mask && maskValid ? t('recordSettings.tryCodeHelp', { example: exampleCode(mask) }) : t('recordSettings.tryCodeAny')} />
        </div>
        <p className="recipe-check" aria-live="polite">
          {maskValid ? sentence : t('recordSettings.maskInvalid')}{' '}
          {tryCode.trim() === '' || !maskValid ? null : codeMatchesRecipe(tryCode, mask) ? (
            <strong className="code-ok">{t('recordSettings.tryFits', { code: tryCode.trim().toUpperCase() })}</strong>
          ) : (
            <strong>{t('recordSettings.tryDoesNotFit', { code: tryCode.trim().toUpperCase() })}</strong>
          )}
        </p>
        <TextInput label={t('recordSettings.hint')} name="clientCodeHint" value={draft.clientCodeHint} onChange={(clientCodeHint) => edit({ clientCodeHint })} description={t('recordSettings.hintHelp')} />
        <CheckboxField isSelected={draft.languageAssistant} onChange={(languageAssistant) => edit({ languageAssistant })} detail={t('recordSettings.languageAssistantDetail')}>
          {t('recordSettings.languageAssistant')}
        </CheckboxField>
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={update.isPending}>
            {t('recordSettings.save')}
          </ActionButton>
        </div>
        {status ? <Notice tone={status.tone}>{status.message}</Notice> : null}
      </ValidatedForm>
    </section>
  );
}
