import { useTranslation } from 'react-i18next';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { str, type EntryKindUi } from '../entry-ui';

interface MomentDraft {
  text: string;
}

function MomentFields({ draft, set }: { draft: MomentDraft; set(p: Partial<MomentDraft>): void }) {
  const { t } = useTranslation();
  return <AssistedTextArea label={t('moments.text')} description={t('moments.textHelp')} name="text" value={draft.text} onChange={(text) => set({ text })} autoFocus />;
}

function MomentSummary({ data }: { data: Record<string, unknown> }) {
  return <p className="entry-text">{str(data.text)}</p>;
}

export const momentUi: EntryKindUi<MomentDraft> = {
  kind: 'moment',
  empty: () => ({ text: '' }),
  fromData: (d) => ({ text: str(d.text) }),
  toData: (d) => ({ text: d.text }),
  Fields: MomentFields,
  Summary: MomentSummary,
};
