import { today as todayIn } from '@internationalized/date';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'react-aria-components';
import { DateInput } from './DateInput';
import { presetPeriod, type PeriodPreset } from './period';

export interface PeriodChoice {
  preset: PeriodPreset | null;
  /** YYYY-MM-DD, or null while a date is being typed or was cleared. */
  from: string | null;
  to: string | null;
}

/** A period chosen by a preset or by its two dates, in the clinic's time zone; `period` is null until it makes sense. */
export function usePeriodChoice(timeZone: string, initial: PeriodPreset) {
  const [today] = useState(() => todayIn(timeZone));
  const dates = (preset: PeriodPreset) => {
    const p = presetPeriod(preset, today);
    return { from: p.from.toString(), to: p.to.toString() };
  };
  const [choice, setChoice] = useState<PeriodChoice>(() => ({ preset: initial, ...dates(initial) }));
  const wrongWayRound = Boolean(choice.from && choice.to && choice.from > choice.to);
  const period = choice.from && choice.to && !wrongWayRound ? { from: choice.from, to: choice.to } : null;
  return {
    choice,
    period,
    wrongWayRound,
    choose: (preset: PeriodPreset) => setChoice({ preset, ...dates(preset) }),
    setEnd: (end: 'from' | 'to', day: string | null) => setChoice((c) => ({ ...c, preset: null, [end]: day })),
  };
}

export type PeriodState = ReturnType<typeof usePeriodChoice>;

interface PeriodPickerProps {
  label: string;
  presets: readonly PeriodPreset[];
  state: PeriodState;
  /** Beside the dates: a setting, an export button. */
  children?: ReactNode;
  /** Under them: what an export said. */
  footer?: ReactNode;
}

/** Quick choices above two dates, in one panel. */
export function PeriodPicker({ label, presets, state, children, footer }: PeriodPickerProps) {
  const { t } = useTranslation();
  const { choice } = state;
  return (
    <section className="period-picker" aria-label={label}>
      <div className="period-presets" role="group" aria-label={t('period.quickChoices')}>
        {presets.map((p) => (
          <Button key={p} className={choice.preset === p ? 'period-preset period-preset-selected' : 'period-preset'} aria-pressed={choice.preset === p} onPress={() => state.choose(p)}>
            {t(`period.presets.${p}`)}
          </Button>
        ))}
      </div>
      <div className="period-fields">
        <DateInput label={t('period.from')} name="from" value={choice.from} onChange={(day) => state.setEnd('from', day)} />
        <DateInput label={t('period.to')} name="to" value={choice.to} onChange={(day) => state.setEnd('to', day)} error={state.wrongWayRound ? t('period.order') : undefined} />
        {children}
      </div>
      {footer}
    </section>
  );
}
