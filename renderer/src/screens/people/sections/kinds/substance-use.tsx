import { useTranslation } from 'react-i18next';
import { ROUTES } from '../../../../../../shared/contract';
import { ActionButton } from '../../../../components/ActionButton';
import { TextInput } from '../../../../components/TextInput';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { CheckboxField } from '../../../../components/CheckboxField';
import { SelectField } from '../../../../components/SelectField';
import { bool, str, strOrNull, type EntryKindUi } from '../entry-ui';

type Route = (typeof ROUTES)[number];
const NOT_SAID = 'not_said';
type RouteChoice = Route | typeof NOT_SAID;

interface SubstanceRow {
  substance: string;
  route: RouteChoice;
  frequency: string;
}
interface SubstanceDraft {
  prefersNotToSay: boolean;
  substances: SubstanceRow[];
  note: string;
}

const emptyRow = (): SubstanceRow => ({ substance: '', route: NOT_SAID, frequency: '' });

function SubstanceFields({ draft, set }: { draft: SubstanceDraft; set(p: Partial<SubstanceDraft>): void }) {
  const { t } = useTranslation();
  const routes: { value: RouteChoice; label: string }[] = [
    { value: NOT_SAID, label: t('substances.routeNotSaid') },
    ...ROUTES.map((r) => ({ value: r, label: t(`substances.routes.${r}`) })),
  ];
  const setRow = (i: number, patch: Partial<SubstanceRow>) => set({ substances: draft.substances.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <>
      <CheckboxField isSelected={draft.prefersNotToSay} onChange={(prefersNotToSay) => set({ prefersNotToSay })} detail={t('substances.prefersNotToSayDetail')}>
        {t('substances.prefersNotToSay')}
      </CheckboxField>
      {draft.prefersNotToSay ? null : (
        <fieldset className="fieldset">
          <legend className="field-label">{t('substances.whatTheyUse')}</legend>
          <p className="field-description">{t('substances.whatTheyUseHelp')}</p>
          {draft.substances.map((row, i) => (
            <div key={i} className="substance-row">
              <TextInput label={t('substances.substance')} name={`substances.${i}.substance`} value={row.substance} onChange={(substance) => setRow(i, { substance })} autoFocus={i === 0 && draft.substances.length === 1} />
              <SelectField label={t('substances.route')} name={`substances.${i}.route`} value={row.route} options={routes} onChange={(route) => setRow(i, { route })} />
              <TextInput label={t('substances.frequency')} name={`substances.${i}.frequency`} value={row.frequency} onChange={(frequency) => setRow(i, { frequency })} placeholder={t('substances.frequencyExample')} />
              {draft.substances.length > 1 ? (
                <ActionButton variant="quiet" className="button-small substance-remove" onPress={() => set({ substances: draft.substances.filter((_, j) => j !== i) })} aria-label={t('substances.removeRowLabel', { number: i + 1 })}>
                  {t('substances.removeRow')}
                </ActionButton>
              ) : null}
            </div>
          ))}
          <div>
            <ActionButton className="button-small" onPress={() => set({ substances: [...draft.substances, emptyRow()] })}>
              {t('substances.addRow')}
            </ActionButton>
          </div>
        </fieldset>
      )}
      <AssistedTextArea label={t('substances.note')} name="note" value={draft.note} onChange={(note) => set({ note })} rows={2} />
    </>
  );
}

function SubstanceSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const rows = Array.isArray(data.substances) ? (data.substances as Record<string, unknown>[]) : [];
  return (
    <>
      {bool(data.prefersNotToSay) ? <p>{t('substances.prefersNotToSay')}</p> : null}
      {rows.length > 0 ? (
        <ul className="inline-list">
          {rows.map((r, i) => {
            const route = strOrNull(r.route);
            const details = [route && (ROUTES as readonly string[]).includes(route) ? t(`substances.routes.${route as Route}`) : null, strOrNull(r.frequency)].filter(Boolean);
            return (
              <li key={i}>
                <strong>{str(r.substance)}</strong>
                {details.length > 0 ? ` (${details.join(', ')})` : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {str(data.note) ? <p className="entry-text">{str(data.note)}</p> : null}
    </>
  );
}

export const substanceUseUi: EntryKindUi<SubstanceDraft> = {
  kind: 'substance_use',
  empty: () => ({ prefersNotToSay: false, substances: [emptyRow()], note: '' }),
  fromData: (d) => {
    const rows = Array.isArray(d.substances) ? (d.substances as Record<string, unknown>[]) : [];
    return {
      prefersNotToSay: bool(d.prefersNotToSay),
      substances:
        rows.length > 0
          ? rows.map((r) => ({
              substance: str(r.substance),
              route: (ROUTES as readonly string[]).includes(str(r.route)) ? (str(r.route) as Route) : NOT_SAID,
              frequency: str(r.frequency),
            }))
          : [emptyRow()],
      note: str(d.note),
    };
  },
  toData: (d) => {
    const filled = d.substances.filter((r) => r.substance.trim() !== '' || r.frequency.trim() !== '');
    // An all-empty list sends its first row, so the message lands on the field to fill in.
    const rows = filled.length > 0 ? filled : d.substances.slice(0, 1);
    return {
      prefersNotToSay: d.prefersNotToSay,
      // Choosing "prefers not to say" keeps nothing that was typed before it was chosen.
      substances: d.prefersNotToSay ? [] : rows.map((r) => ({ substance: r.substance, route: r.route === NOT_SAID ? null : r.route, frequency: r.frequency })),
      note: d.note,
    };
  },
  Fields: SubstanceFields,
  Summary: SubstanceSummary,
};
