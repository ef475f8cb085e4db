import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import type { RotateKeys } from '../../../../shared/contract/users';
import { useApiMutation } from '../../api/queries';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { useRotationProgress } from '../../api/staff-queries';
import { StaffDialog } from './StaffDialog';

/**
 * Changing the vault keys: offered right after an account is turned off or a role changes ("offer"), or
 * asked for from the Vault keys panel ("confirm"). `keys` says which: the main key after a front-desk
 * colleague leaves, both after a clinician or administrator leaves, the clinical key after a role
 * change away from clinical work. While it runs the dialog shows each stage and cannot be closed.
 */
export function RotateKeyDialog({ mode, keys, intro, onClose }: { mode: 'offer' | 'confirm'; keys: RotateKeys; intro?: string; onClose(): void }) {
  const { t } = useTranslation();
  const rotate = useApiMutation('vault.rotateKey');
  const progress = useRotationProgress();
  const running = rotate.isPending;

  if (rotate.isSuccess) {
    // What was changed: `both` changes only the main key in a session without the clinical records.
    const changed = rotate.data.keys.length > 1 ? 'both' : (rotate.data.keys[0] ?? keys);
    return (
      <StaffDialog title={t('staff.key.heading')} onClose={onClose}>
        <Notice tone="success">{t(`staff.key.done.${changed}`)}</Notice>
        <div className="form-actions">
          <ActionButton variant="primary" onPress={onClose} autoFocus>
            {t('staff.key.close')}
          </ActionButton>
        </div>
      </StaffDialog>
    );
  }

  const title = mode === 'confirm' ? t('staff.key.confirmTitle') : keys === 'clinical' ? t('staff.key.offerTitleClinical') : t('staff.key.offerTitle');
  return (
    <StaffDialog title={title} busy={running} onClose={onClose}>
      {intro ? <Notice tone="success">{intro}</Notice> : null}
      <p>{mode === 'offer' ? t(`staff.key.offerBody.${keys}`) : t('staff.key.confirmBody')}</p>
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
        <ActionButton variant="primary" isPending={running} onPress={() => rotate.mutate({ keys })} autoFocus>
          {keys === 'both' ? t('staff.key.nowBoth') : t('staff.key.now')}
        </ActionButton>
      </div>
    </StaffDialog>
  );
}
