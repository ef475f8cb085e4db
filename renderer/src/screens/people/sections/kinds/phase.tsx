import { useTranslation } from 'react-i18next';
import { PHASES, type Phase } from '../../../../../../shared/contract';
import { AssistedTextArea } from '../../language/AssistedTextArea';
import { RadioChoice } from '../../../../components/RadioChoice';
import { oneOf, str, type EntryKindUi } from '../entry-ui';

interface PhaseDraft {
  phase: Phase;
  reason: string;
}

function PhaseFields({ draft, set }: { draft: PhaseDraft; set(p: Partial<PhaseDraft>): void }) {
  const { t } = useTranslation();
  return (
    <>
      <RadioChoice
        label={t('phase.newPhase')}
        name="phase"
        value={draft.phase}
        options={PHASES.map((p) => ({ value: p, label: t(`phase.names.${p}`) }))}
        onChange={(phase) => set({ phase })}
        description={t('phase.explain')}
      />
      <AssistedTextArea label={t('phase.reason')} description={t('phase.reasonHelp')} name="reason" value={draft.reason} onChange={(reason) => set({ reason })} rows={2} />
    </>
  );
}

function PhaseSummary({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const phase = oneOf(data.phase, PHASES, 'engagement');
  return (
    <>
      <p>
        <strong>{t('phase.changedTo', { phase: t(`phase.names.${phase}`) })}</strong>
      </p>
      <p className="entry-text">{str(data.reason)}</p>
    </>
  );
}

/** A phase change defaults to the other phase: that is nearly always the one being chosen. */
export function phaseUi(current: Phase): EntryKindUi<PhaseDraft> {
  return {
    kind: 'phase_change',
    empty: () => ({ phase: current === 'engagement' ? 'maintenance' : 'engagement', reason: '' }),
    fromData: (d) => ({ phase: oneOf(d.phase, PHASES, 'engagement'), reason: str(d.reason) }),
    toData: (d) => ({ phase: d.phase, reason: d.reason }),
    Fields: PhaseFields,
    Summary: PhaseSummary,
  };
}
