import { useTranslation } from 'react-i18next';
import { OVERDOSE_OUTCOMES, YES_NO_UNKNOWN } from '../../../../../../shared/contract';
import { TextInput } from '../../../../components/TextInput';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { NumberInput } from '../../ui/NumberInput';
import { RadioChoice } from '../../ui/RadioChoice';
import { SelectField } from '../../ui/SelectField';
import { num, oneOf, str, type EntryKindUi } from '../entry-ui';

type YesNo = (typeof YES_NO_UNKNOWN)[number];
type Outcome = (typeof OVERDOSE_OUTCOMES)[number];
interface OverdoseDraft {
  reportedBy: string;
  location: string;
  naloxoneDoses: number | null;
  called911: YesNo;
  someoneStayed: YesNo;
  substancesInvolved: string;
  outcome: Outcome;
  note: string;
}

/** "fentanyl, xylazine" → ["fentanyl", "xylazine"]: one field is quicker than a row per substance. */
const splitList = (s: string): string[] =>
  s
    .split(/[,;\n]/u)
    .map((x) => x.trim())
    .filter(Boolean);

function OverdoseFields({ draft, set }: { draft: OverdoseDraft; set(p: Partial<OverdoseDraft>): void }) {
  const { t } = useTranslation();
  const yesNo = YES_NO_UNKNOWN.map((v) => ({ value: v, label: t(`overdose.yesNo.${v}`) }));
  return (
    <>
      <div className="field-row">
        <TextInput label={t('overdose.reportedBy')} description={t('overdose.reportedByHelp')} name="reportedBy" value={draft.reportedBy} onChange={(reportedBy) => set({ reportedBy })} autoFocus />
        <TextInput label={t('overdose.location')} name="location" value={draft.location} onChange={(location) => set({ location })} />
      </div>
      <NumberInput label={t('overdose.doses')} name="naloxoneDoses" value={draft.naloxoneDoses} onChange={(naloxoneDoses) => set({ naloxoneDoses })} min={0} max={50} />
      <RadioChoice label={t('overdose.called911')} name="called911" value={draft.called911} options={yesNo} onChange={(called911) => set({ called911 })} />
      <RadioChoice label={t('overdose.someoneStayed')} name="someoneStayed" value={draft.someoneStayed} options={yesNo} onChange={(someoneStayed) => set({ someoneStayed })} />
      <TextInput label={t('overdose.substances')} description={t('overdose.substancesHelp')} name="substancesInvolved" value={draft.substancesInvolved} onChange={(substancesInvolved) => set({ substancesInvolved })} />
      <SelectField label={t('overdose.outcome')} name="outcome" value={draft.outcome} options={OVERDOSE_OUTCOMES.map((o) => ({ value: o, label: t(`overdose.outcomes.${o}`) }))} onChange={(outcome) => set({ outcome })} />
      <AssistedTextArea label={t('overdose.note')} name="note" value={draft.note} onChange={(note) => set({ note })} rows={2} />
    </>
  );
}

function OverdoseSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const outcome = oneOf(data.outcome, OVERDOSE_OUTCOMES, 'not_known');
  const yn = (v: unknown) => t(`overdose.yesNo.${oneOf(v, YES_NO_UNKNOWN, 'not_known')}`);
  const substances = Array.isArray(data.substancesInvolved) ? (data.substancesInvolved as unknown[]).map((s) => str(s)).filter(Boolean) : [];
  return (
    <>
      <p>
        <strong>{t(`overdose.outcomes.${outcome}`)}</strong>
      </p>
      <dl className="facts">
        <dt>{t('overdose.reportedBy')}</dt>
        <dd>{str(data.reportedBy)}</dd>
        {str(data.location) ? (
          <>
            <dt>{t('overdose.location')}</dt>
            <dd>{str(data.location)}</dd>
          </>
        ) : null}
        <dt>{t('overdose.doses')}</dt>
        <dd>{num(data.naloxoneDoses) ?? 0}</dd>
        <dt>{t('overdose.called911')}</dt>
        <dd>{yn(data.called911)}</dd>
        <dt>{t('overdose.someoneStayed')}</dt>
        <dd>{yn(data.someoneStayed)}</dd>
        {substances.length > 0 ? (
          <>
            <dt>{t('overdose.substances')}</dt>
            <dd>{substances.join(', ')}</dd>
          </>
        ) : null}
      </dl>
      {str(data.note) ? <p className="entry-text">{str(data.note)}</p> : null}
    </>
  );
}

export const overdoseUi: EntryKindUi<OverdoseDraft> = {
  kind: 'overdose_response',
  empty: () => ({ reportedBy: '', location: '', naloxoneDoses: null, called911: 'not_known', someoneStayed: 'not_known', substancesInvolved: '', outcome: 'not_known', note: '' }),
  fromData: (d) => ({
    reportedBy: str(d.reportedBy),
    location: str(d.location),
    naloxoneDoses: num(d.naloxoneDoses),
    called911: oneOf(d.called911, YES_NO_UNKNOWN, 'not_known'),
    someoneStayed: oneOf(d.someoneStayed, YES_NO_UNKNOWN, 'not_known'),
    substancesInvolved: Array.isArray(d.substancesInvolved) ? (d.substancesInvolved as unknown[]).map((s) => str(s)).join(', ') : '',
    outcome: oneOf(d.outcome, OVERDOSE_OUTCOMES, 'not_known'),
    note: str(d.note),
  }),
  toData: (d) => ({
    reportedBy: d.reportedBy,
    location: d.location,
    naloxoneDoses: d.naloxoneDoses ?? 0,
    called911: d.called911,
    someoneStayed: d.someoneStayed,
    substancesInvolved: splitList(d.substancesInvolved),
    outcome: d.outcome,
    note: d.note,
  }),
  Fields: OverdoseFields,
  Summary: OverdoseSummary,
};
