import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { appErrorOf } from '../../api/invoke';
import { useRecoveryCode } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { RecoveryCodeGroups } from './RecoveryCodeGroups';
import { RecoveryKitPrint } from './RecoveryKitPrint';
import { downloadText } from '../../components/download';
import { recoveryKitFileName, recoveryKitText } from './recovery-kit';
import { StepHeading } from './StepHeading';
import { formatLongDay, todayIso } from '../../components/dates';

interface StepProps {
  clinicName: string;
  /** Set when setup had to start over and this is a different code from one already kept. */
  notice: string | null;
  onNext(): void;
  onBack(): void;
}

export function StepRecoveryCode({ clinicName, notice, onNext, onBack }: StepProps) {
  const { t } = useTranslation();
  const code = useRecoveryCode();
  /** The name the kit was saved under (the language may change after). */
  const [saved, setSaved] = useState<string | null>(null);
  // The day is fixed when the step opens; its words follow the language, which may change on this step.
  const [today] = useState(todayIso);

  if (code.isPending) {
    return (
      <div className="form">
        <StepHeading step={3} title={t('firstRun.recovery.title')} />
        <p className="lead" role="status">
          {t('firstRun.recovery.making')}
        </p>
      </div>
    );
  }
  if (code.isError) {
    return (
      <div className="form">
        <StepHeading step={3} title={t('firstRun.recovery.title')} />
        <Notice tone="error">{appErrorOf(code.error).message}</Notice>
        <div className="form-actions form-actions-split">
          <ActionButton onPress={onBack}>{t('firstRun.back')}</ActionButton>
          <ActionButton variant="primary" onPress={() => void code.refetch()}>
            {t('firstRun.tryAgain')}
          </ActionButton>
        </div>
      </div>
    );
  }

  const kit = { clinicName: clinicName.trim(), date: formatLongDay(today), recoveryCode: code.data.recoveryCode };
  const fileName = recoveryKitFileName(t);
  return (
    <div className="form">
      <div className="screen-only form">
        <StepHeading step={3} title={t('firstRun.recovery.title')} />
        {notice ? <Notice tone="info">{notice}</Notice> : null}
        <p className="lead">{t('firstRun.recovery.intro')}</p>
        <RecoveryCodeGroups code={code.data.recoveryCode} />
        <p className="once-note">{t('firstRun.recovery.shownOnce')}</p>
        <div className="button-row">
          <ActionButton onPress={() => window.print()}>{t('firstRun.recovery.print')}</ActionButton>
          <ActionButton
            onPress={() => {
              downloadText(fileName, recoveryKitText(t, kit));
              setSaved(fileName);
            }}
          >
            {t('firstRun.recovery.save')}
          </ActionButton>
        </div>
        {saved ? <Notice tone="success">{t('firstRun.recovery.savedFile', { file: saved })}</Notice> : null}
        <p>{t('firstRun.recovery.keepSafe')}</p>
        <div className="form-actions form-actions-split">
          <ActionButton onPress={onBack}>{t('firstRun.back')}</ActionButton>
          <ActionButton variant="primary" onPress={onNext}>
            {t('firstRun.recovery.next')}
          </ActionButton>
        </div>
      </div>
      <RecoveryKitPrint kit={kit} />
    </div>
  );
}
