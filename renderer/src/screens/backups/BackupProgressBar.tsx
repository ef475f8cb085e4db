import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import type { BackupOperation, BackupProgress } from '../../../../shared/contract/backup';

/**
 * How far a long backup, check, restore or drill got. The page-by-page check has no measure, so the
 * bar moves without a number while it runs.
 */
export function BackupProgressBar({ operation, progress }: { operation: BackupOperation; progress: BackupProgress | null }) {
  const { t } = useTranslation();
  const measured = progress && progress.operation === operation && progress.total > 0 && progress.phase !== 'check';
  const phase = progress && progress.operation === operation ? progress.phase : null;
  return (
    <ProgressBar
      className="bk-progress"
      isIndeterminate={!measured}
      value={measured ? progress.done : undefined}
      minValue={0}
      maxValue={measured ? progress.total : 100}
    >
      {({ percentage, valueText }) => (
        <>
          <Label className="bk-progress-label">
            {t('backups.progress.label', { operation: t(`backups.progress.${operation}`), phase: t(`backups.progress.${phase ?? 'working'}`) })}
            {measured ? <span className="bk-progress-value"> {valueText}</span> : null}
          </Label>
          <div className="bk-progress-track">
            <div className={measured ? 'bk-progress-fill' : 'bk-progress-fill bk-progress-moving'} style={measured ? { width: `${percentage}%` } : undefined} />
          </div>
        </>
      )}
    </ProgressBar>
  );
}
