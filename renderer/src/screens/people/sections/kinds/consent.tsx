import { useTranslation } from 'react-i18next';
import { TextInput } from '../../../../components/TextInput';
import { formatDay, todayIso } from '../../../../components/dates';
import { DateInput } from '../../../../components/DateInput';
import { str, strOrNull, type EntryKindUi } from '../entry-ui';

interface ConsentDraft {
  shareWith: string;
  what: string;
  until: string | null;
  revokedOn: string | null;
}

function ConsentFields({ draft, set, editing }: { draft: ConsentDraft; set(p: Partial<ConsentDraft>): void; editing: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('consents.shareWith')} name="shareWith" value={draft.shareWith} onChange={(shareWith) => set({ shareWith })} autoFocus />
      <TextInput label={t('consents.what')} description={t('consents.whatHelp')} name="what" value={draft.what} onChange={(what) => set({ what })} />
      <DateInput label={t('consents.until')} description={t('consents.untilHelp')} name="until" value={draft.until} onChange={(until) => set({ until })} />
      {editing ? <DateInput label={t('consents.revokedOn')} description={t('consents.revokedOnHelp')} name="revokedOn" value={draft.revokedOn} onChange={(revokedOn) => set({ revokedOn })} /> : null}
    </>
  );
}

function ConsentSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const until = strOrNull(data.until);
  const revoked = strOrNull(data.revokedOn);
  return (
    <>
      <p>
        {t('consents.summary', { who: str(data.shareWith) })} <strong>{str(data.what)}</strong>
      </p>
      <p className="muted">
        {revoked
          ? t('consents.revoked', { date: formatDay(revoked) })
          : until
            ? until < todayIso()
              ? t('consents.ended', { date: formatDay(until) })
              : t('consents.untilDate', { date: formatDay(until) })
            : t('consents.noEnd')}
      </p>
    </>
  );
}

export const consentUi: EntryKindUi<ConsentDraft> = {
  kind: 'consent',
  empty: () => ({ shareWith: '', what: '', until: null, revokedOn: null }),
  fromData: (d) => ({ shareWith: str(d.shareWith), what: str(d.what), until: strOrNull(d.until), revokedOn: strOrNull(d.revokedOn) }),
  toData: (d) => ({ shareWith: d.shareWith, what: d.what, until: d.until, revokedOn: d.revokedOn }),
  Fields: ConsentFields,
  Summary: ConsentSummary,
};
