import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardStep } from './wizard-model';

/** "Step 2 of 4" and the step's name; takes focus when the step opens so it is announced. */
export function StepHeading({ step, title }: { step: WizardStep; title: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, [step]);
  return (
    <h2 ref={ref} tabIndex={-1} className="step-heading">
      <span className="step-count">{t('firstRun.stepOf', { step, total: 4 })}</span>
      <span className="step-title">{title}</span>
    </h2>
  );
}
