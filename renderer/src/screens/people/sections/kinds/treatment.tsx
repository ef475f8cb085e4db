import { useTranslation } from 'react-i18next';
import { TREATMENT_OPTIONS, TREATMENT_STANCES } from '../../../../../../shared/contract';
import { TextInput } from '../../../../components/TextInput';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { RadioChoice } from '../../../../components/RadioChoice';
import { SelectField } from '../../../../components/SelectField';
import { oneOf, str, type EntryKindUi } from '../entry-ui';

type Option = (typeof TREATMENT_OPTIONS)[number];
type Stance = (typeof TREATMENT_STANCES)[number];
interface TreatmentDraft {
  /** Nothing chosen until they talk about one: no medication is assumed. */
  option: Option | null;
  otherOption: string;
  stance: Stance;
  note: string;
}

function TreatmentFields({ draft, set }: { draft: TreatmentDraft; set(p: Partial<TreatmentDraft>): void }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t('treatment.option')}
        name="option"
        value={draft.option}
        options={TREATMENT_OPTIONS.map((o) => ({ value: o, label: t(`treatment.options.${o}`) }))}
        onChange={(option) => set({ option })}
        placeholder={t('treatment.optionPlaceholder')}
        autoFocus
      />
      {draft.option === 'other' ? <TextInput label={t('treatment.otherOption')} name="otherOption" value={draft.otherOption} onChange={(otherOption) => set({ otherOption })} /> : null}
      <RadioChoice
        label={t('treatment.stance')}
        name="stance"
        value={draft.stance}
        options={TREATMENT_STANCES.map((s) => ({ value: s, label: t(`treatment.stances.${s}`) }))}
        onChange={(stance) => set({ stance })}
        description={t('treatment.stanceHelp')}
      />
      <AssistedTextArea label={t('treatment.note')} name="note" value={draft.note} onChange={(note) => set({ note })} rows={2} />
    </>
  );
}

function TreatmentSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const option = oneOf(data.option, TREATMENT_OPTIONS, 'other');
  const stance = oneOf(data.stance, TREATMENT_STANCES, 'not_right_now');
  const label = option === 'other' && str(data.otherOption) ? str(data.otherOption) : t(`treatment.options.${option}`);
  return (
    <>
      <p>
        <strong>{label}</strong>: {t(`treatment.stances.${stance}`)}
      </p>
      {str(data.note) ? <p className="entry-text">{str(data.note)}</p> : null}
    </>
  );
}

export const treatmentUi: EntryKindUi<TreatmentDraft> = {
  kind: 'treatment_interest',
  empty: () => ({ option: null, otherOption: '', stance: 'not_right_now', note: '' }),
  fromData: (d) => ({
    option: oneOf(d.option, TREATMENT_OPTIONS, 'other'),
    otherOption: str(d.otherOption),
    stance: oneOf(d.stance, TREATMENT_STANCES, 'not_right_now'),
    note: str(d.note),
  }),
  toData: (d) => ({ option: d.option, otherOption: d.option === 'other' ? d.otherOption : null, stance: d.stance, note: d.note }),
  Fields: TreatmentFields,
  Summary: TreatmentSummary,
};
