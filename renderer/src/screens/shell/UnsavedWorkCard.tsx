import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDiscardDraft, useDraftList } from '../../api/draft-queries';
import { appErrorOf } from '../../api/invoke';
import { navigate } from '../../app/hash-route';
import { draftRoute } from '../../app/drafts/draft-logic';
import { useDraftWords } from '../../app/drafts/draft-words';
import { ActionButton } from '../../components/ActionButton';
import { homeRows } from '../continuity/home-rows';
import '../../app/drafts/drafts.css';

/**
 * The signed-in person's unsaved work, first on the home screen when there is any: a lock, a
 * restart or a busy afternoon left it here, and only they see it. Nothing at all when there is none.
 * Like every home card, the newest few and "See all N", so the clinic's day stays on the first screen.
 */
export function UnsavedWorkCard() {
  const { t } = useTranslation();
  const drafts = useDraftList();
  const discard = useDiscardDraft();
  const words = useDraftWords();
  const [expanded, setExpanded] = useState(false);
  if (!drafts.data || drafts.data.length === 0) return null;
  const rows = homeRows(drafts.data, drafts.data.length, expanded);

  return (
    <section className="panel unsaved-work" aria-labelledby="unsaved-work" data-testid="unsaved-work">
      <h2 id="unsaved-work">{t('drafts.home.heading')}</h2>
      <p className="section-intro">{t('drafts.home.intro', { count: drafts.data.length })}</p>
      <ul className="unsaved-work-list">
        {rows.shown.map((d) => {
          const line = words(d, 'line');
          return (
            <li key={d.key} className="unsaved-work-item">
              <span>{line}</span>
              <span className="unsaved-work-actions">
                <ActionButton variant="primary" className="button-small" onPress={() => navigate(draftRoute(d))} aria-label={t('drafts.home.continueLabel', { what: line })}>
                  {t('drafts.home.continue')}
                </ActionButton>
                <ActionButton variant="quiet" className="button-small" isPending={discard.isPending && discard.variables === d.key} onPress={() => discard.mutate(d.key)} aria-label={t('drafts.home.discardLabel', { what: line })}>
                  {t('drafts.home.discard')}
                </ActionButton>
              </span>
            </li>
          );
        })}
      </ul>
      {rows.seeAll !== null ? (
        <div>
          <ActionButton variant="quiet" onPress={() => setExpanded(true)}>
            {t('drafts.home.seeAll', { count: rows.seeAll })}
          </ActionButton>
        </div>
      ) : null}
      {discard.isError ? <p role="alert" className="field-error">{appErrorOf(discard.error).message}</p> : null}
    </section>
  );
}
