import { useTranslation } from 'react-i18next';
import { Label, ProgressBar } from 'react-aria-components';
import type { ImportProgress } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { formatCount } from '../../components/numbers';

/**
 * How far a check or an import got, with a way to stop it. The bar moves by the whole operation's
 * percent (checking, then writing); the words say which part and how many rows.
 */
export function ImportProgressPanel({ progress, cancelling, onCancel, inline = false }: { progress: ImportProgress | null; cancelling: boolean; onCancel(): void; inline?: boolean }) {
  const { t } = useTranslation();
  const phase = progress && (progress.phase === 'checking' || progress.phase === 'writing') ? progress.phase : null;
  return (
    <div className={inline ? 'im-progress-panel' : 'panel im-progress-panel'}>
      <ProgressBar className="im-progress" value={progress?.percent ?? 0} minValue={0} maxValue={100}>
        {({ percentage }) => (
          <>
            <Label className="im-progress-label">
              {phase ? t(`import.progress.${phase}`) : t('import.progress.starting')}
              {/* Rows while checking; the writing counts records of several kinds, so it says only how far. */}
              {progress && phase === 'checking' && progress.total > 0 ? (
                <span className="im-progress-count"> · {t('import.progress.count', { done: formatCount(progress.done), total: formatCount(progress.total) })}</span>
              ) : null}
              <span className="im-progress-value"> · {Math.round(percentage ?? 0)} %</span>
            </Label>
            <div className="im-progress-track">
              <div className="im-progress-fill" style={{ width: `${percentage ?? 0}%` }} />
            </div>
          </>
        )}
      </ProgressBar>
      <div className="button-row">
        <ActionButton onPress={onCancel} isPending={cancelling}>
          {cancelling ? t('import.progress.cancelling') : t('import.progress.cancel')}
        </ActionButton>
      </div>
    </div>
  );
}
