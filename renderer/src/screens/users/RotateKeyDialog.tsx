import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { useRotationProgress } from '../../api/staff-queries';
import { StaffDialog } from './StaffDialog';

/**
 * Changing the vault key: offered right after an account is turned off ("offer"), or asked for from
 * the Vault key panel ("confirm"). While it runs the dialog shows each stage and cannot be closed.
 */
export function RotateKeyDialog({ mode, intro, onClose }: { mode: 'offer' | 'confirm'; intro?: string; onClose(): void }) {
  const { t } = useTranslation();
  const rotate = useApiMutation('vault.rotateKey');
  const progress = useRotationProgress();
  const running = rotate.isPending;

  if (rotate.isSuccess) {
    return (
      <StaffDialog title={t('staff.key.heading')} onClose={onClose}>
        <Notice tone="success">{t('staff.key.done')}</Notice>
        <div className="form-actions">
          <ActionButton variant="primary" onPress={onClose} autoFocus>
            {t('staff.key.close')}
          </ActionButton>
        </div>
      </StaffDialog>
    );
  }

  return (
    <StaffDialog title={mode === 'offer' ? t('staff.key.offerTitle') : t('staff.key.confirmTitle')} busy={running} onClose={onClose}>
      {intro ? <Notice tone="success">{intro}</Notice> : null}
      <p>{mode === 'offer' ? t('staff.key.offerBody') : t('staff.key.confirmBody')}</p>
      {running ? (
        <ProgressBar
          className="st-progress"
          value={progress?.step ?? 0}
          minValue={0}
          maxValue={progress?.steps ?? 6}
          valueLabel={progress ? t('staff.key.progress', { step: progress.step, steps: progress.steps, stage: t(`staff.key.stages.${progress.stage}`) }) : undefined}
        >
          {({ percentage, valueText }) => (
            <>
              <Label className="st-progress-label">{t('staff.key.running')}</Label>
              <span className="st-progress-stage">{valueText}</span>
              <div className="st-progress-track">
                <div className="st-progress-fill" style={{ width: `${percentage ?? 0}%` }} />
              </div>
            </>
          )}
        </ProgressBar>
      ) : null}
      {rotate.isError ? <Notice tone="error">{rotate.error.error.message}</Notice> : null}
      <div className="form-actions">
        <ActionButton variant="quiet" isDisabled={running} onPress={onClose}>
          {mode === 'offer' ? t('staff.key.later') : t('staff.key.cancel')}
        </ActionButton>
        <ActionButton variant="primary" isPending={running} onPress={() => rotate.mutate({})} autoFocus>
          {t('staff.key.now')}
        </ActionButton>
      </div>
    </StaffDialog>
  );
}
