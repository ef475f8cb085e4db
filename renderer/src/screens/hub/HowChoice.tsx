import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Radio, RadioGroup } from 'react-aria-components';
import { ActionButton } from '../../components/ActionButton';
import './hub.css';

/** How this computer keeps the clinic's records, chosen before anything else in the first run. */
export type SetupWay = 'thisComputer' | 'hub' | 'join';

const WAYS: readonly SetupWay[] = ['thisComputer', 'hub', 'join'];

const WORDS = {
  thisComputer: { title: 'hubSetup.choice.thisComputer', text: 'hubSetup.choice.thisComputerText' },
  hub: { title: 'hubSetup.choice.hub', text: 'hubSetup.choice.hubText' },
  join: { title: 'hubSetup.choice.join', text: 'hubSetup.choice.joinText' },
} as const;

/**
 * The first question of the first run, in plain words: only this computer (the usual answer, chosen
 * already), make this computer the clinic's hub, or join the hub another computer already is. Three
 * cards in one radio group: arrow keys move between them, then Continue.
 */
export function HowChoice({ value, onChange, onNext }: { value: SetupWay; onChange(way: SetupWay): void; onNext(): void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        onNext();
      }}
    >
      <h2 ref={ref} id={headingId} tabIndex={-1} className="step-heading">
        <span className="step-title">{t('hubSetup.choice.title')}</span>
      </h2>
      <p className="lead">{t('hubSetup.choice.intro')}</p>
      <RadioGroup
        name="setupWay"
        value={value}
        onChange={(v) => {
          const way = WAYS.find((w) => w === v);
          if (way) onChange(way);
        }}
        aria-labelledby={headingId}
        className="field"
      >
        <div className="way-cards">
          {WAYS.map((way) => (
            <Radio key={way} value={way} className="way-card" data-testid={`setup-way-${way}`}>
              <span className="choice-dot" aria-hidden="true" />
              <span className="way-card-words">
                <span className="way-card-title">{t(WORDS[way].title)}</span>
                <span className="way-card-text">{t(WORDS[way].text)}</span>
              </span>
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <div className="form-actions">
        <ActionButton type="submit" variant="primary">
          {t('firstRun.continue')}
        </ActionButton>
      </div>
    </form>
  );
}
