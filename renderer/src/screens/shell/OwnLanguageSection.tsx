import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { isLanguage } from '../../i18n/language';
import { queryKeys, useApiMutation } from '../../api/queries';
import { useLanguageOptions } from '../../components/LanguageField';
import { Notice } from '../../components/Notice';
import { SelectField } from '../../components/SelectField';

const CLINIC = 'clinic';

/**
 * "Your language", for everyone signed in: saved with their staff account, so it follows them to any
 * computer of the clinic. Saving updates the session, and the screens switch at once (LanguageFollower).
 */
export function OwnLanguageSection({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const options = useLanguageOptions();
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; message: string } | null>(null);
  const save = useApiMutation('session.setLanguage', {
    onSuccess: (value) => {
      queryClient.setQueryData(queryKeys.session, value);
      const now = value.language ?? value.settings.language;
      // Said in the new language, since that is the one now on screen.
      setStatus({ tone: 'success', message: t('languages.own.saved', { language: t(`languages.names.${now}`), lng: now }) });
    },
    onError: ({ error }) => setStatus({ tone: 'error', message: error.message }),
  });
  const clinicName = t(`languages.names.${info.settings.language}`);
  return (
    <section className="settings-own-language" aria-labelledby="own-language-heading">
      <h2 id="own-language-heading">{t('languages.own.heading')}</h2>
      <SelectField
        label={t('languages.label')}
        name="ownLanguage"
        value={info.language ?? CLINIC}
        options={[{ value: CLINIC, label: t('languages.own.clinic', { language: clinicName }) }, ...options]}
        description={t('languages.own.intro')}
        onChange={(v) => {
          setStatus(null);
          save.mutate({ language: isLanguage(v) ? v : null });
        }}
      />
      {status ? <Notice tone={status.tone}>{status.message}</Notice> : null}
    </section>
  );
}
