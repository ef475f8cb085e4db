import { useTranslation } from 'react-i18next';
import { OVERDOSE_OUTCOMES, OVERDOSE_WHO, YES_NO_UNKNOWN } from '../../../../../../shared/contract';
import { useSessionInfo } from '../../../../api/queries';
import { usePeopleWords } from '../../../../app/people-word';
import { TextInput } from '../../../../components/TextInput';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { NumberInput } from '../../../../components/NumberInput';
import { RadioChoice } from '../../../../components/RadioChoice';
import { SelectField } from '../../../../components/SelectField';
import { num, oneOf, str, strOrNull, type EntryKindUi } from '../entry-ui';
import { emergencyNumber } from './emergency-number';

type YesNo = (typeof YES_NO_UNKNOWN)[number];
type Outcome = (typeof OVERDOSE_OUTCOMES)[number];
type Who = (typeof OVERDOSE_WHO)[number];
interface OverdoseDraft {
  /** Null until chosen: reports from before it was asked have none. */
  whoOverdosed: Who | null;
  reportedBy: string;
  location: string;
  naloxoneDoses: number | null;
  called911: YesNo;
  someoneStayed: YesNo;
  substancesInvolved: string;
  outcome: Outcome;
  note: string;
}

const oneOfOrNull = <V extends string>(v: unknown, allowed: readonly V[]): V | null => (typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as V) : null);

/** "fentanyl, xylazine" → ["fentanyl", "xylazine"]: one field is quicker than a row per substance. */
const splitList = (s: string): string[] =>
  s
    .split(/[,;\n]/u)
    .map((x) => x.trim())
    .filter(Boolean);

/** "Emergency services called (911)": the number where the workstation is, or the common ones together. */
function useEmergencyLabel(): string {
  const { t } = useTranslation();
  return t('overdose.calledEmergency', { number: emergencyNumber(typeof navigator === 'undefined' ? undefined : navigator.language) });
}

/** "This participant" / "Someone they were with", in the clinic's word for the people it serves. */
function useWhoLabels(): Record<Who, string> {
  const { t } = useTranslation();
  const session = useSessionInfo();
  const { person } = usePeopleWords(session.data?.settings.peopleWord ?? 'participant');
  return { this_person: t('overdose.whoOptions.this_person', { person }), someone_with_them: t('overdose.whoOptions.someone_with_them') };
}

function OverdoseFields({ draft, set }: { draft: OverdoseDraft; set(p: Partial<OverdoseDraft>): void }) {
  const { t } = useTranslation();
  const yesNo = YES_NO_UNKNOWN.map((v) => ({ value: v, label: t(`overdose.yesNo.${v}`) }));
  const who = useWhoLabels();
  return (
    <>
      <RadioChoice label={t('overdose.who')} name="whoOverdosed" value={draft.whoOverdosed} options={OVERDOSE_WHO.map((w) => ({ value: w, label: who[w] }))} onChange={(whoOverdosed) => set({ whoOverdosed })} autoFocus />
      <div className="field-row">
        <TextInput label={t('overdose.reportedBy')} description={t('overdose.reportedByHelp')} name="reportedBy" value={draft.reportedBy} onChange={(reportedBy) => set({ reportedBy })} />
        <TextInput label={t('overdose.location')} name="location" value={draft.location} onChange={(location) => set({ location })} />
      </div>
      <NumberInput label={t('overdose.doses')} name="naloxoneDoses" value={draft.naloxoneDoses} onChange={(naloxoneDoses) => set({ naloxoneDoses })} min={0} max={50} firstStep={1} />
      <RadioChoice label={useEmergencyLabel()} name="called911" value={draft.called911} options={yesNo} onChange={(called911) => set({ called911 })} />
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
  const whoLabels = useWhoLabels();
  const emergencyLabel = useEmergencyLabel();
  const who = strOrNull(data.whoOverdosed);
  return (
    <>
      <p>
        <strong>{t(`overdose.outcomes.${outcome}`)}</strong>
      </p>
      <dl className="facts">
        {who && (OVERDOSE_WHO as readonly string[]).includes(who) ? (
          <>
            <dt>{t('overdose.who')}</dt>
            <dd>{whoLabels[who as Who]}</dd>
          </>
        ) : null}
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
        <dt>{emergencyLabel}</dt>
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
  empty: () => ({ whoOverdosed: null, reportedBy: '', location: '', naloxoneDoses: null, called911: 'not_known', someoneStayed: 'not_known', substancesInvolved: '', outcome: 'not_known', note: '' }),
  fromData: (d) => ({
    whoOverdosed: oneOfOrNull(d.whoOverdosed, OVERDOSE_WHO),
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
    // Left out, not null, when not chosen: the stored shape has it as optional.
    ...(d.whoOverdosed ? { whoOverdosed: d.whoOverdosed } : {}),
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
