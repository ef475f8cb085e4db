import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../components/ActionButton';
import { formatTime } from '../../components/dates';
import type { DraftSummary, DraftTarget } from '../../api/draft-queries';
import type { DraftState } from './use-draft';
import { useDraftWords } from './draft-words';
import './drafts.css';

interface DraftOfferProps {
  draft: DraftState;
  target: DraftTarget | null;
  /** How the person is named on this form (null on a new person's form). */
  name: string | null;
}

/**
 * At the top of a form: the unsaved work this staff member left in it, with Continue (fills the form)
 * and Discard. Calm: nothing is lost either way until they choose.
 */
export function DraftOffer({ draft, target, name }: DraftOfferProps) {
  const words = useDraftWords();
  if (!draft.offer || !target) return null;
  const sentence = words({ ...target, personLabel: name, updatedAt: draft.offer.updatedAt }, 'offer');
  return <DraftOfferNotice sentence={sentence} onContinue={draft.continueDraft} onDiscard={draft.discardOffer} />;
}

/** The same offer where the form is not open yet (an entry on the person page): Continue opens it. */
export function WaitingDraftOffer({ summary, onContinue, onDiscard, isDiscarding }: { summary: DraftSummary; onContinue(): void; onDiscard(): void; isDiscarding?: boolean }) {
  const words = useDraftWords();
  return <DraftOfferNotice sentence={words(summary, 'offer')} onContinue={onContinue} onDiscard={onDiscard} isDiscarding={isDiscarding} />;
}

function DraftOfferNotice({ sentence, onContinue, onDiscard, isDiscarding = false }: { sentence: string; onContinue(): void; onDiscard(): void; isDiscarding?: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="notice notice-info draft-offer" data-testid="draft-offer">
      <p className="draft-offer-text">{sentence}</p>
      <p className="draft-offer-help">{t('draftForm.offerHelp')}</p>
      <div className="draft-offer-actions">
        <ActionButton variant="primary" onPress={onContinue}>
          {t('draftForm.continue')}
        </ActionButton>
        <ActionButton variant="quiet" onPress={onDiscard} isPending={isDiscarding}>
          {t('draftForm.discard')}
        </ActionButton>
      </div>
    </div>
  );
}

/** A quiet line near the form's buttons: what is typed is kept, and only for the person typing it. */
export function DraftKept({ draft }: { draft: DraftState }) {
  const { t } = useTranslation();
  if (draft.keepProblem) {
    return (
      <p className="draft-kept draft-kept-problem" data-testid="draft-kept">
        {t('draftForm.notKept', { message: draft.keepProblem })}
      </p>
    );
  }
  if (draft.waitingForHub) {
    return (
      <p className="draft-kept" data-testid="draft-kept">
        {t('draftForm.waitingForHub')}
      </p>
    );
  }
  if (!draft.keptAt) return null;
  return (
    <p className="draft-kept" data-testid="draft-kept">
      {t('draftForm.kept', { time: formatTime(draft.keptAt) })}
    </p>
  );
}
