import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES } from '../../../../../../shared/contract';
import { TextInput } from '../../../../components/TextInput';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { SelectField } from '../../../../components/SelectField';
import { oneOf, str, type EntryKindUi } from '../entry-ui';

type Status = (typeof REFERRAL_STATUSES)[number];
interface ReferralDraft {
  toWhat: string;
  status: Status;
  note: string;
}

function ReferralFields({ draft, set }: { draft: ReferralDraft; set(p: Partial<ReferralDraft>): void }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput label={t('referrals.toWhat')} description={t('referrals.toWhatHelp')} name="toWhat" value={draft.toWhat} onChange={(toWhat) => set({ toWhat })} autoFocus />
      <SelectField label={t('referrals.status')} name="status" value={draft.status} options={REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referrals.statuses.${s}`) }))} onChange={(status) => set({ status })} />
      <AssistedTextArea label={t('referrals.note')} name="note" value={draft.note} onChange={(note) => set({ note })} rows={2} />
    </>
  );
}

function ReferralSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const status = oneOf(data.status, REFERRAL_STATUSES, 'offered');
  return (
    <>
      <p>
        <strong>{str(data.toWhat)}</strong> <span className="chip">{t(`referrals.statuses.${status}`)}</span>
      </p>
      {str(data.note) ? <p className="entry-text">{str(data.note)}</p> : null}
    </>
  );
}

export const referralUi: EntryKindUi<ReferralDraft> = {
  kind: 'referral',
  empty: () => ({ toWhat: '', status: 'offered', note: '' }),
  fromData: (d) => ({ toWhat: str(d.toWhat), status: oneOf(d.status, REFERRAL_STATUSES, 'offered'), note: str(d.note) }),
  toData: (d) => ({ toWhat: d.toWhat, status: d.status, note: d.note }),
  Fields: ReferralFields,
  Summary: ReferralSummary,
};
