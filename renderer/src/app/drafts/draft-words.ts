import { useTranslation } from 'react-i18next';
import type { DraftSummary } from '../../../../shared/contract/drafts';
import { useSessionInfo } from '../../api/queries';
import { formatTimeOrDateTime } from '../../components/dates';
import { usePeopleWords } from '../people-word';
import { draftSentence } from './draft-logic';

type Described = Pick<DraftSummary, 'key' | 'form' | 'entryKind' | 'personLabel' | 'updatedAt'>;

/**
 * Names a draft in a sentence: "You have an unsaved contact for Sam from 5:42 PM." (`offer`, on the
 * form) or "An unsaved contact for Sam, from 5:42 PM" (`line`, on the home screen).
 */
export function useDraftWords(): (d: Described, how: 'offer' | 'line') => string {
  const { t } = useTranslation();
  const session = useSessionInfo();
  const { person } = usePeopleWords(session.data?.settings.peopleWord ?? 'participant');
  return (d, how) =>
    t(`drafts.${how}.${draftSentence(d)}`, {
      name: d.personLabel ?? t('drafts.someone'),
      what: d.entryKind ? t(`drafts.kinds.${d.entryKind}`) : '',
      person,
      time: formatTimeOrDateTime(d.updatedAt),
    });
}
