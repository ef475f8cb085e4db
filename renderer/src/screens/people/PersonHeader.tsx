import { useTranslation } from 'react-i18next';
import type { ContactPrefs, Person } from '../../../../shared/contract';
import { routeHref } from '../../app/hash-route';
import { ActionButton } from '../../components/ActionButton';
import { PageHeading } from '../../components/PageHeading';
import { RelativeTime } from '../../components/RelativeTime';
import { leadingName, secondaryName } from './person-name';

interface PersonHeaderProps {
  person: Person;
  usualStaff: string | null;
  canWrite: boolean;
  canRemove: boolean;
  onRemove(): void;
}

/** Who this is and how (and whether) it is safe to reach them, before anything else on the page. */
export function PersonHeader({ person, usualStaff, canWrite, canRemove, onRemove }: PersonHeaderProps) {
  const { t } = useTranslation();
  const other = secondaryName(person);
  return (
    <header className="person-header">
      <div className="person-identity">
        <div className="person-title">
          <PageHeading>{leadingName(person)}</PageHeading>
          {person.pronouns ? <span className="pronouns">{person.pronouns}</span> : null}
        </div>
        <p className="person-subline">
          {other ? <span>{other}</span> : null}
          <span>
            {t('person.clientCode')} <code className="client-code">{person.clientCode}</code>
          </span>
          {person.birthYear ? <span>{t('person.born', { year: person.birthYear })}</span> : null}
          {usualStaff ? <span>{t('person.usualStaff', { name: usualStaff })}</span> : null}
        </p>
        <dl className="person-facts">
          <div>
            <dt>{t('person.phase')}</dt>
            <dd>
              <span className={`chip chip-phase-${person.phase}`}>{t(`phase.names.${person.phase}`)}</span>
            </dd>
          </div>
          <div>
            <dt>{t('person.lastContact')}</dt>
            <dd>
              <RelativeTime iso={person.lastContactAt} none={t('people.noContactYet')} reveal="always" />
            </dd>
          </div>
          <div>
            <dt>{t('person.contacts')}</dt>
            <dd>{person.contactCount}</dd>
          </div>
        </dl>
      </div>
      <ReachSummary prefs={person.contactPrefs} />
      {canWrite ? (
        <div className="person-actions">
          <a className="button button-primary" href={routeHref(`/people/${person.id}/contact`)} aria-keyshortcuts="N">
            {t('person.recordContact')}
            <kbd aria-hidden="true">N</kbd>
          </a>
          <a className="button button-secondary" href={routeHref(`/people/${person.id}/edit`)}>
            {t('person.editDetails')}
          </a>
          {canRemove ? (
            <ActionButton variant="quiet" onPress={onRemove}>
              {t('person.remove')}
            </ActionButton>
          ) : null}
        </div>
      ) : null}
    </header>
  );
}

/** How to reach them, as they asked; "do not contact" stands alone and first when it is set. */
export function ReachSummary({ prefs }: { prefs: ContactPrefs }) {
  const { t } = useTranslation();
  const ways = [
    prefs.okToText ? t('reach.text') : null,
    prefs.okToCall ? t('reach.call') : null,
    prefs.okToLeaveMessage ? t('reach.message') : null,
    prefs.okToEmail ? t('reach.email') : null,
  ].filter((w): w is string => w !== null);
  return (
    <div className={prefs.doNotContact ? 'reach reach-do-not' : 'reach'} aria-label={t('reach.title')} role="group">
      {prefs.doNotContact ? (
        <p className="reach-do-not-line">
          <strong>{t('reach.doNotContact')}</strong> {t('reach.doNotContactDetail')}
        </p>
      ) : (
        <p>
          <strong>{t('reach.howLabel')}</strong> {ways.length > 0 ? ways.join(' · ') : t('reach.noneSaid')}
        </p>
      )}
      <dl className="facts facts-inline">
        {prefs.phone ? (
          <>
            <dt>{t('reach.phone')}</dt>
            <dd>{prefs.phone}</dd>
          </>
        ) : null}
        {prefs.email ? (
          <>
            <dt>{t('reach.emailAddress')}</dt>
            <dd>{prefs.email}</dd>
          </>
        ) : null}
        {prefs.safeTimes ? (
          <>
            <dt>{t('reach.safeTimes')}</dt>
            <dd>{prefs.safeTimes}</dd>
          </>
        ) : null}
        {prefs.trustedContact ? (
          <>
            <dt>{t('reach.trustedContact')}</dt>
            <dd>{prefs.trustedContact}</dd>
          </>
        ) : null}
      </dl>
      {prefs.whatHelps ? (
        <p className="reach-helps">
          <strong>{t('reach.whatHelps')}</strong> {prefs.whatHelps}
        </p>
      ) : null}
    </div>
  );
}
