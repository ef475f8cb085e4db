import { useTranslation } from 'react-i18next';
import { GOAL_STATUSES } from '../../../../../../shared/contract';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { RadioChoice } from '../../../../components/RadioChoice';
import { oneOf, str, type EntryKindUi } from '../entry-ui';

type GoalStatus = (typeof GOAL_STATUSES)[number];
interface GoalDraft {
  text: string;
  status: GoalStatus;
}

function GoalFields({ draft, set }: { draft: GoalDraft; set(p: Partial<GoalDraft>): void }) {
  const { t } = useTranslation();
  return (
    <>
      <AssistedTextArea label={t('goals.text')} description={t('goals.textHelp')} words="theirs" name="text" value={draft.text} onChange={(text) => set({ text })} autoFocus />
      <RadioChoice
        label={t('goals.status')}
        name="status"
        value={draft.status}
        options={GOAL_STATUSES.map((s) => ({ value: s, label: t(`goals.statuses.${s}`) }))}
        onChange={(status) => set({ status })}
      />
    </>
  );
}

function GoalSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const status = oneOf(data.status, GOAL_STATUSES, 'working_on_it');
  return (
    <>
      <p className="entry-quote">{str(data.text)}</p>
      <p>
        <span className={`chip chip-${status}`}>{t(`goals.statuses.${status}`)}</span>
      </p>
    </>
  );
}

export const goalUi: EntryKindUi<GoalDraft> = {
  kind: 'goal',
  empty: () => ({ text: '', status: 'working_on_it' }),
  fromData: (d) => ({ text: str(d.text), status: oneOf(d.status, GOAL_STATUSES, 'working_on_it') }),
  toData: (d) => ({ text: d.text, status: d.status }),
  Fields: GoalFields,
  Summary: GoalSummary,
};
