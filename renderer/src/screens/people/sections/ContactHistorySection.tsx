import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../../../shared/contract';
import { appErrorOf } from '../../../api/invoke';
import { ActionButton } from '../../../components/ActionButton';
import { ContactItem, type Lookups } from './ContactItem';
import type { RecordPermissions } from './permissions';

interface ContactHistorySectionProps {
  contacts: Contact[];
  total: number;
  perms: RecordPermissions;
  lookups: Lookups;
  older: { hasMore: boolean; isFetching: boolean; error: unknown; loadMore(): void };
}

/** Every contact, newest first, removed ones dimmed with their reason; older ones a page at a time. */
export function ContactHistorySection({ contacts, total, perms, lookups, older }: ContactHistorySectionProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section className="panel person-section" aria-labelledby={headingId} id="contacts">
      <div className="section-title-row">
        <h2 id={headingId}>{t('contact.historyTitle')}</h2>
        <span className="muted">{t('contact.shownOf', { shown: contacts.length, count: total })}</span>
      </div>
      <p role="status" className="section-status">
        {status}
      </p>
      {contacts.length === 0 ? (
        <p className="muted">{t('contact.noneYet')}</p>
      ) : (
        <ol className="contact-list">
          {contacts.map((c) => (
            <ContactItem key={c.id} contact={c} perms={perms} lookups={lookups} onStatus={setStatus} />
          ))}
        </ol>
      )}
      {older.error ? <p role="alert">{appErrorOf(older.error).message}</p> : null}
      {older.hasMore ? (
        <div>
          <ActionButton onPress={older.loadMore} isPending={older.isFetching}>
            {t('contact.showOlder')}
          </ActionButton>
        </div>
      ) : null}
    </section>
  );
}
