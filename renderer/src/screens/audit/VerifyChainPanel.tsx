import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { formatPreciseDateTime } from '../../components/dates';
import { actionLabel } from './labels';
import { useVerifyChain } from '../../api/audit-queries';
import { formatCount } from '../../components/numbers';

/** 1204 -> "1,204". */

/** "Verify chain": walks every entry and names the first one that does not hold, and says when entries are missing at the start or the end. */
export function VerifyChainPanel() {
  const { t } = useTranslation();
  const verify = useVerifyChain();
  const result = verify.data;
  return (
    <section className="panel au-verify" aria-labelledby="au-verify-heading">
      <h2 id="au-verify-heading">{t('audit.verify.heading')}</h2>
      <p>{t('audit.verify.body')}</p>
      <div className="form-actions form-actions-start">
        <ActionButton onPress={() => verify.mutate({})} isPending={verify.isPending}>
          {t('audit.verify.button')}
        </ActionButton>
      </div>
      {verify.isPending ? <p role="status">{t('audit.verify.running')}</p> : null}
      {verify.isError ? <Notice tone="error">{verify.error.error.message}</Notice> : null}
      {result && !verify.isPending ? (
        result.intact ? (
          <>
            <Notice tone="success">{t('audit.verify.intact', { count: result.events })}</Notice>
            {result.anchor === 'missing' ? <p>{t('audit.verify.anchorMissing')}</p> : null}
          </>
        ) : (
          <Notice tone="error">
            {result.firstBroken ? (
              <p>
                {t('audit.verify.broken', {
                  id: result.firstBroken.id,
                  action: result.firstBroken.action ? actionLabel(t, result.firstBroken.action) : '?',
                  when: result.firstBroken.at ? formatPreciseDateTime(result.firstBroken.at) : '?',
                })}
              </p>
            ) : null}
            {result.missingStart ? (
              <p>
                {result.missingStart.firstPresent === null
                  ? t('audit.verify.missingStartEmpty')
                  : t('audit.verify.missingStart', { id: formatCount(result.missingStart.firstPresent) })}
              </p>
            ) : null}
            {result.missingTail ? (
              <p>
                {result.missingTail.lastPresent === null
                  ? t('audit.verify.missingTailEmpty', { anchored: formatCount(result.missingTail.anchored), when: formatPreciseDateTime(result.missingTail.anchoredAt) })
                  : t('audit.verify.missingTail', {
                      last: formatCount(result.missingTail.lastPresent),
                      anchored: formatCount(result.missingTail.anchored),
                      when: formatPreciseDateTime(result.missingTail.anchoredAt),
                    })}
              </p>
            ) : null}
            {result.anchor === 'damaged' ? <p>{t('audit.verify.anchorDamaged')}</p> : null}
            <p>{t('audit.verify.brokenNext')}</p>
          </Notice>
        )
      ) : null}
    </section>
  );
}
