import { useTranslation } from 'react-i18next';
import { WIZARD_STEPS, type WizardStep } from './wizard-model';

const NAMES = {
  1: 'firstRun.steps.clinic',
  2: 'firstRun.steps.admin',
  3: 'firstRun.steps.recovery',
  4: 'firstRun.steps.confirm',
} as const;

/** Where the person is in the setup, at a glance. */
export function StepList({ current }: { current: WizardStep }) {
  const { t } = useTranslation();
  return (
    <ol className="step-list" aria-label={t('firstRun.progress')}>
      {WIZARD_STEPS.map((step) => (
        <li
          key={step}
          className={step === current ? 'step-item step-current' : step < current ? 'step-item step-done' : 'step-item'}
          aria-current={step === current ? 'step' : undefined}
        >
          <span className="step-number" aria-hidden="true">
            {step}
          </span>
          <span className="step-name">{t(NAMES[step])}</span>
        </li>
      ))}
    </ol>
  );
}
