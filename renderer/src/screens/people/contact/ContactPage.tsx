import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Contact, PersonPage, SessionInfo } from '../../../../../shared/contract';
import type { AppError, Result } from '../../../../../shared/result';
import { ApiError, appErrorOf, invoke } from '../../../api/invoke';
import { peopleKeys, useCatalog, usePersonPage, useRecordsChanged } from '../../../api/people-queries';
import { useStaff } from '../../../api/staff-queries';
import { draftKey } from '../../../api/draft-queries';
import { navigate, routeHref } from '../../../app/hash-route';
import { Notice } from '../../../components/Notice';
import { PageHeading } from '../../../components/PageHeading';
import { useDocumentTitle } from '../../../components/use-document-title';
import { setFlash } from '../flash';
import { formatTime } from '../../../components/dates';
import { leadingName } from '../person-name';
import { contactChanges, draftFromContact, recordInput, type ContactDraft } from './contact-draft';
import { ContactForm } from './ContactForm';

/** The setting last chosen in this window: the next person seen is usually seen the same way. */
let lastSetting: ContactDraft['setting'] = null;

interface ContactPageProps {
  personId: number;
  /** Editing this contact; absent when recording a new one. */
  contactId?: number;
  info: SessionInfo;
}

function newDraft(page: PersonPage, info: SessionInfo): ContactDraft {
  const latest = page.contacts.find((c) => !c.deleted);
  return {
    earlier: false,
    occurredAt: new Date(),
    setting: latest?.setting ?? lastSetting,
    staffId: info.user.id,
    services: [],
    supplies: {},
    whatMattered: '',
    note: '',
  };
}

/** Record a contact (#/people/ID/contact) or edit one (#/people/ID/contact/CONTACT_ID). */
export function ContactPage({ personId, contactId, info }: ContactPageProps) {
  const { t } = useTranslation();
  useDocumentTitle(contactId ? t('contactForm.editTitle') : t('contactForm.title'));
  const page = usePersonPage(personId);
  const catalog = useCatalog(false);
  const staff = useStaff();
  const changed = useRecordsChanged();
  const back = `/people/${personId}`;

  const fromPage = contactId ? page.data?.contacts.find((c) => c.id === contactId) : undefined;
  // A contact older than the page's latest hundred is looked up in the older history.
  const older = useQuery({
    queryKey: [...peopleKeys.page(personId), 'contact', contactId ?? 0],
    queryFn: () => findContact(personId, contactId ?? 0),
    enabled: contactId !== undefined && page.data !== undefined && fromPage === undefined,
  });
  const contact = fromPage ?? older.data ?? undefined;

  // A screen asking again can fail (the clinic's hub out of reach) while its first answer is still
  // here: the form stays, with everything typed in it; only a first answer that never came is an error.
  const failed = [page, catalog, staff, older].find((q) => q.isError && q.data === undefined);
  if (failed) {
    const error = failed.error;
    return (
      <div className="page">
        <PageHeading>{t('contactForm.title')}</PageHeading>
        <Notice tone="error">{appErrorOf(error).message}</Notice>
      </div>
    );
  }
  if (contactId !== undefined && older.isSuccess && !contact) {
    return (
      <div className="page">
        <PageHeading>{t('contactForm.editTitle')}</PageHeading>
        <p>{t('contactForm.notFound')}</p>
        <p>
          <a href={routeHref(back)}>{t('contactForm.backToRecord')}</a>
        </p>
      </div>
    );
  }
  if (!page.data || !catalog.data || !staff.data || (contactId !== undefined && !contact)) {
    return (
      <div className="page">
        <p role="status">{t('contactForm.loading')}</p>
      </div>
    );
  }

  const person = page.data.person;
  const name = leadingName(person);
  const canWriteNote = page.data.canReadClinical;

  const save = async (draft: ContactDraft & { setting: NonNullable<ContactDraft['setting']> }): Promise<AppError | null> => {
    const when = draft.earlier || contact ? draft.occurredAt.toISOString() : undefined;
    const result = contact
      ? await invoke('contacts.update', { id: contact.id, changes: contactChanges(contact, draft, when ?? contact.occurredAt, canWriteNote) })
      : await invoke('contacts.record', recordInput(personId, draft, when, canWriteNote));
    if (!result.ok) return result.error;
    lastSetting = draft.setting;
    await changed();
    setFlash(contact ? t('contactForm.updated') : t('contactForm.recorded', { time: formatTime(result.value.occurredAt) }));
    return null;
  };

  return (
    <div className="page page-record">
      <p className="breadcrumb">
        <a href={routeHref(back)}>{t('contactForm.backTo', { name })}</a>
      </p>
      <PageHeading focusOnMount={false}>{contact ? t('contactForm.editHeading', { name }) : t('contactForm.heading', { name })}</PageHeading>
      {person.deleted ? (
        <Notice tone="info">{t('person.removedCannotEdit')}</Notice>
      ) : contact?.deleted ? (
        <Notice tone="info">{t('contact.removedCannotEdit')}</Notice>
      ) : (
        <>
          <p className="lead">{contact ? t('contactForm.editIntro') : t('contactForm.intro')}</p>
          <ContactForm
            personId={personId}
            initial={contact ? draftFromContact(contact) : newDraft(page.data, info)}
            editing={contact !== undefined}
            catalog={contact ? withItemsOf(catalog.data, contact) : catalog.data}
            staff={staff.data}
            canWriteNote={canWriteNote}
            onSubmit={save}
            onSaved={() => navigate(back)}
            onCancel={() => navigate(back)}
            draftTarget={{ key: contact ? draftKey.contactEdit(contact.id) : draftKey.contactNew(personId), form: 'contact', entryKind: null, personId }}
            personName={name}
          />
        </>
      )}
    </div>
  );
}

/** A contact beyond the first page: walk the history a page at a time until it turns up. */
async function findContact(personId: number, id: number): Promise<Contact | null> {
  let before: { occurredAt: string; id: number } | null = null;
  for (;;) {
    const r: Result<Contact[]> = await invoke('contacts.list', { personId, before, limit: 500 });
    if (!r.ok) throw new ApiError(r.error);
    const hit = r.value.find((c) => c.id === id);
    if (hit) return hit;
    const tail: Contact | undefined = r.value[r.value.length - 1];
    if (!tail || r.value.length < 500) return null;
    before = { occurredAt: tail.occurredAt, id: tail.id };
  }
}

/** Items turned off since the contact was recorded still show on its edit form, with what was given. */
function withItemsOf(catalog: NonNullable<ReturnType<typeof useCatalog>['data']>, c: Contact) {
  const known = new Set(catalog.map((i) => i.id));
  const extra = [
    ...c.services.filter((s) => !known.has(s.id)).map((s) => ({ id: s.id, kind: 'service' as const, label: s.label, category: null, active: false })),
    ...c.supplies.filter((s) => !known.has(s.id)).map((s) => ({ id: s.id, kind: 'supply' as const, label: s.label, category: s.category, active: false })),
  ];
  return [...catalog, ...extra];
}
