import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../shared/contract';
import { formatDay } from '../../../components/dates';
import { suppliesText } from './ContactItem';

/** Naloxone handed out, straight from the contacts' supplies: nothing to enter twice. */
export function NaloxoneGiven({ contacts, complete }: { contacts: Contact[]; complete: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const given = contacts
    .filter((c) => !c.deleted)
    .map((c) => ({ contact: c, kits: c.supplies.filter((s) => s.category === 'naloxone') }))
    .filter((g) => g.kits.length > 0);
  const total = given.reduce((n, g) => n + g.kits.reduce((m, k) => m + k.quantity, 0), 0);
  return (
    <section className="panel person-section" aria-labelledby={headingId} id="naloxone">
      <h2 id={headingId}>{t('naloxone.title')}</h2>
      {given.length === 0 ? (
        <p className="muted">{complete ? t('naloxone.none') : t('naloxone.noneShown')}</p>
      ) : (
        <>
          <p>{complete ? t('naloxone.total', { count: total }) : t('naloxone.totalShown', { count: total })}</p>
          <ul className="compact-list">
            {given.map(({ contact, kits }) => (
              <li key={contact.id}>
                <time dateTime={contact.occurredAt}>{formatDay(contact.occurredAt)}</time>: {suppliesText(kits)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
