import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { draftKey } from '../../api/draft-queries';
import type { SessionInfo } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { appErrorOf, invoke } from '../../api/invoke';
import { usePersonPage, useRecordsChanged } from '../../api/people-queries';
import { useStaff } from '../../api/staff-queries';
import { navigate, routeHref } from '../../app/hash-route';
import { usePeopleWords } from '../../app/people-word';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { setFlash } from './flash';
import { createInput, draftFromPerson, emptyPersonDraft, personChanges, type PersonDraft } from './person-draft';
import { PersonForm } from './PersonForm';
import { capitalise, leadingName } from './person-name';

/** #/people/new: a new person, from nothing more than a client code. */
export function AddPersonPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { person, people } = usePeopleWords(info.settings.peopleWord);
  useDocumentTitle(t('personForm.addTitle', { person: capitalise(person) }));
  const staff = useStaff();
  const changed = useRecordsChanged();
  const next = useRef('/people');

  const save = async (draft: PersonDraft): Promise<AppError | null> => {
    const r = await invoke('people.create', createInput(draft));
    if (!r.ok) return r.error;
    await changed();
    setFlash(t('personForm.created', { person }));
    next.current = `/people/${r.value.id}`;
    return null;
  };

  return (
    <div className="page page-record">
      <p className="breadcrumb">
        <a href={routeHref('/people')}>{t('person.backToList', { people })}</a>
      </p>
      <PageHeading focusOnMount={false}>{t('personForm.addHeading', { person })}</PageHeading>
      <p className="lead">{t('personForm.addIntro')}</p>
      {staff.isError ? <Notice tone="error">{appErrorOf(staff.error).message}</Notice> : null}
      <PersonForm
        initial={emptyPersonDraft()}
        settings={info.settings}
        staff={staff.data ?? []}
        submitLabel={t('personForm.create', { person })}
        onSubmit={save}
        onSaved={() => navigate(next.current)}
        onCancel={() => navigate('/people')}
        draftTarget={{ key: draftKey.personNew(), form: 'person', entryKind: null, personId: null }}
        personName={null}
      />
    </div>
  );
}

/** #/people/ID/edit: the same form, sending only what changed. */
export function EditPersonPage({ id, info }: { id: number; info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('personForm.editTitle'));
  const page = usePersonPage(id);
  const staff = useStaff();
  const changed = useRecordsChanged();
  const back = `/people/${id}`;

  if (page.isPending || staff.isPending) {
    return (
      <div className="page">
        <p role="status">{t('person.loading')}</p>
      </div>
    );
  }
  if (page.isError || staff.isError) {
    return (
      <div className="page">
        <PageHeading>{t('personForm.editTitle')}</PageHeading>
        <Notice tone="error">{appErrorOf(page.error ?? staff.error).message}</Notice>
      </div>
    );
  }
  const before = page.data.person;

  const save = async (draft: PersonDraft): Promise<AppError | null> => {
    const changes = personChanges(before, draft);
    if (Object.keys(changes).length > 0) {
      const r = await invoke('people.update', { id, changes });
      if (!r.ok) return r.error;
      await changed();
      setFlash(t('personForm.saved'));
    } else {
      setFlash(t('personForm.nothingChanged'));
    }
    return null;
  };

  return (
    <div className="page page-record">
      <p className="breadcrumb">
        <a href={routeHref(back)}>{t('contactForm.backTo', { name: leadingName(before) })}</a>
      </p>
      <PageHeading focusOnMount={false}>{t('personForm.editHeading', { name: leadingName(before) })}</PageHeading>
      {before.deleted ? (
        <Notice tone="info">{t('person.removedCannotEdit')}</Notice>
      ) : (
        <PersonForm
          initial={draftFromPerson(before)}
          settings={info.settings}
          staff={staff.data}
          submitLabel={t('personForm.save')}
          onSubmit={save}
          onSaved={() => navigate(back)}
          onCancel={() => navigate(back)}
          draftTarget={{ key: draftKey.personEdit(id), form: 'person', entryKind: null, personId: id }}
          personName={leadingName(before)}
        />
      )}
    </div>
  );
}
