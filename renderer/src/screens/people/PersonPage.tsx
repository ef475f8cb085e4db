import { useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry, EntryKind, SessionInfo } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { useCatalog, useOlderContacts, usePersonPage, useRecordsChanged } from '../../api/people-queries';
import { useStaff } from '../../api/staff-queries';
import { useApiMutation } from '../../api/queries';
import { navigate, routeHref } from '../../app/hash-route';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { setFlash, useFlash } from './flash';
import { PersonHeader } from './PersonHeader';
import { PersonTimelineSlot } from './PersonTimelineSlot';
import { ContactHistorySection } from './sections/ContactHistorySection';
import { EntrySection } from './sections/EntrySection';
import { consentUi } from './sections/kinds/consent';
import { goalUi } from './sections/kinds/goal';
import { momentUi } from './sections/kinds/moment';
import { overdoseUi } from './sections/kinds/overdose';
import { phaseUi } from './sections/kinds/phase';
import { referralUi } from './sections/kinds/referral';
import { substanceUseUi } from './sections/kinds/substance-use';
import { treatmentUi } from './sections/kinds/treatment';
import { NaloxoneGiven } from './sections/NaloxoneGiven';
import { permissionsFor } from './sections/permissions';
import { PersonDetailsHistory } from './PersonDetailsHistory';
import { OwnRecordActions } from '../printouts/OwnRecordActions';
import { RemoveDialog } from '../../components/RemoveDialog';
import { capitalise, leadingName } from './person-name';
import { useShortcutKey } from './use-shortcut-key';

const byKind = (entries: Entry[], kind: EntryKind) => entries.filter((e) => e.kind === kind);

/** Everything the clinic knows about one person, in the order it is most often needed. */
export function PersonPage({ id, info }: { id: number; info: SessionInfo }) {
  const { t } = useTranslation();
  // Every entry section names its strings the same way under its own key.
  const sectionLabels = (k: 'goals' | 'moments' | 'phase' | 'substances' | 'treatment' | 'overdose' | 'consents') => ({
    title: t(`${k}.title`),
    intro: t(`${k}.intro`),
    add: t(`${k}.add`),
    empty: t(`${k}.empty`),
    date: t(`${k}.date`),
    one: t(`${k}.one`),
    saved: t(`${k}.saved`),
  });
  const { person: personWord, people: peopleWord } = usePeopleWords(info.settings.peopleWord);
  useDocumentTitle(t('person.title', { person: capitalise(personWord) }));
  const page = usePersonPage(id);
  const staff = useStaff();
  const catalog = useCatalog(true);
  const changed = useRecordsChanged();
  const [status, setStatus] = useFlash();
  const [removing, setRemoving] = useState(false);

  const latest = page.data?.contacts;
  const hasOlder = page.data ? page.data.contactsTotal > page.data.contacts.length : false;
  // Older contacts load only when asked for; most visits need only the latest hundred.
  const [olderWanted, setOlderWanted] = useState(false);
  const olderQuery = useOlderContacts(id, latest?.[latest.length - 1], hasOlder && olderWanted);
  const olderContacts = useMemo(() => olderQuery.data?.pages.flat() ?? [], [olderQuery.data]);

  const person = page.data?.person;
  const perms = permissionsFor(info.user.role, person?.deleted ?? true);
  useShortcutKey('n', () => navigate(`/people/${id}/contact`), perms.canWrite && person !== undefined);

  const remove = useApiMutation('people.delete', {
    onSuccess: () => {
      void changed();
      setFlash(t('person.removedStatus', { person: personWord }));
      navigate('/people');
    },
  });
  const restore = useApiMutation('people.restore', {
    onSuccess: () => {
      void changed();
      setStatus(t('person.restoredStatus'));
    },
  });

  if (page.isPending) {
    return (
      <div className="page">
        <p role="status">{t('person.loading')}</p>
      </div>
    );
  }
  if (page.isError || !person) {
    return (
      <div className="page">
        <PageHeading>{t('person.unavailable')}</PageHeading>
        <Notice tone="error">{appErrorOf(page.error).message}</Notice>
        <p>
          <a href={routeHref('/people')}>{t('person.backToList', { people: peopleWord })}</a>
        </p>
      </div>
    );
  }

  const { entries, canReadClinical } = page.data;
  const contacts = [...page.data.contacts, ...olderContacts];
  const staffName = (sid: number) => staff.data?.find((s) => s.id === sid)?.displayName ?? t('person.formerStaff');
  const lookups = { staffName, item: (iid: number) => catalog.data?.find((c) => c.id === iid) };
  const usualStaff = person.usualStaffId ? staffName(person.usualStaffId) : null;
  const entrySection = (kind: EntryKind) => byKind(entries, kind);
  const name = leadingName(person);

  return (
    <div className="page page-person">
      <p className="breadcrumb">
        <a href={routeHref('/people')}>{t('person.backToList', { people: peopleWord })}</a>
      </p>
      <PersonHeader person={person} usualStaff={usualStaff} canWrite={perms.canWrite} canRemove={perms.canRemove} onRemove={() => setRemoving(true)} />
      <p role="status" className="section-status">
        {status}
      </p>
      {person.deleted ? (
        <Notice tone="info">
          <p>{t('person.removedBanner', { reason: person.deleteReason ?? '' })}</p>
          {perms.canRestore ? (
            <ActionButton isPending={restore.isPending} onPress={() => restore.mutate({ id: person.id })}>
              {t('person.restore')}
            </ActionButton>
          ) : (
            <p>{t('person.removedAskAdmin')}</p>
          )}
          {restore.isError ? <p>{appErrorOf(restore.error).message}</p> : null}
        </Notice>
      ) : null}
      <PersonDetailsHistory personId={person.id} staffName={staffName} />
      <OwnRecordActions personId={person.id} role={info.user.role} />

      <nav className="on-this-page" aria-label={t('person.onThisPage')}>
        <ul>
          <li><a href="#timeline" onClick={jump('timeline')}>{t('timeline.heading')}</a></li>
          {canReadClinical ? <li><a href="#goals" onClick={jump('goals')}>{t('goals.title')}</a></li> : null}
          <li><a href="#moments" onClick={jump('moments')}>{t('moments.title')}</a></li>
          <li><a href="#phase" onClick={jump('phase')}>{t('phase.title')}</a></li>
          {canReadClinical ? <li><a href="#substance-use" onClick={jump('substance-use')}>{t('substances.title')}</a></li> : null}
          {canReadClinical ? <li><a href="#treatment" onClick={jump('treatment')}>{t('treatment.title')}</a></li> : null}
          <li><a href="#naloxone" onClick={jump('naloxone')}>{t('naloxone.title')}</a></li>
          {canReadClinical ? <li><a href="#overdose" onClick={jump('overdose')}>{t('overdose.title')}</a></li> : null}
          <li><a href="#referrals" onClick={jump('referrals')}>{t('referrals.title')}</a></li>
          <li><a href="#consents" onClick={jump('consents')}>{t('consents.title')}</a></li>
          <li><a href="#contacts" onClick={jump('contacts')}>{t('contact.historyTitle')}</a></li>
        </ul>
      </nav>

      {/* The engagement timeline (continuity screens) comes first: the shape of the relationship at a glance. */}
      <PersonTimelineSlot personId={person.id} />

      {/* Goals are in the person's own words and often name use or treatment: clinical roles only (docs/PERMISSIONS.md). */}
      {canReadClinical ? (
        <EntrySection
          anchor="goals"
          ui={goalUi}
          personId={person.id}
          entries={entrySection('goal')}
          perms={perms}
          personName={name}
          labels={sectionLabels('goals')}
        />
      ) : null}
      <EntrySection
        anchor="moments"
        ui={momentUi}
        personId={person.id}
        entries={entrySection('moment')}
        perms={perms}
        personName={name}
        labels={sectionLabels('moments')}
      />
      <EntrySection
        anchor="phase"
        ui={phaseUi(person.phase)}
        personId={person.id}
        entries={entrySection('phase_change')}
        perms={perms}
        personName={name}
        lead={
          <p>
            {t('phase.current')} <span className={`chip chip-phase-${person.phase}`}>{t(`phase.names.${person.phase}`)}</span>
          </p>
        }
        labels={sectionLabels('phase')}
      />
      {canReadClinical ? (
        <>
          <EntrySection
            anchor="substance-use"
            ui={substanceUseUi}
            personId={person.id}
            entries={entrySection('substance_use')}
            perms={perms}
            personName={name}
            labels={sectionLabels('substances')}
          />
          <EntrySection
            anchor="treatment"
            ui={treatmentUi}
            personId={person.id}
            entries={entrySection('treatment_interest')}
            perms={perms}
            personName={name}
            labels={sectionLabels('treatment')}
          />
        </>
      ) : null}
      <NaloxoneGiven contacts={contacts} complete={contacts.length >= page.data.contactsTotal} />
      {canReadClinical ? (
        <EntrySection
          anchor="overdose"
          ui={overdoseUi}
          personId={person.id}
          entries={entrySection('overdose_response')}
          perms={perms}
          personName={name}
          labels={sectionLabels('overdose')}
        />
      ) : null}
      <EntrySection
        anchor="referrals"
        ui={referralUi}
        personId={person.id}
        entries={entrySection('referral')}
        perms={perms}
        personName={name}
        labels={{ title: t('referrals.title'), add: t('referrals.add'), empty: t('referrals.empty'), date: t('referrals.date'), one: t('referrals.one'), saved: t('referrals.saved') }}
      />
      <EntrySection
        anchor="consents"
        ui={consentUi}
        personId={person.id}
        entries={entrySection('consent')}
        perms={perms}
        personName={name}
        labels={sectionLabels('consents')}
      />
      <ContactHistorySection
        contacts={contacts}
        total={page.data.contactsTotal}
        perms={perms}
        lookups={lookups}
        older={{
          hasMore: hasOlder && (!olderWanted || olderQuery.hasNextPage),
          isFetching: olderQuery.isFetching,
          error: olderQuery.error,
          loadMore: () => {
            if (!olderWanted) setOlderWanted(true);
            else void olderQuery.fetchNextPage();
          },
        }}
      />

      <RemoveDialog
        isOpen={removing}
        onOpenChange={setRemoving}
        title={t('person.removeTitle', { name: leadingName(person) })}
        body={t('person.removeBody')}
        confirmLabel={t('person.removeConfirm')}
        isPending={remove.isPending}
        error={remove.isError ? appErrorOf(remove.error).message : null}
        onConfirm={(reason) => remove.mutate({ id: person.id, reason })}
      />
    </div>
  );
}

/** In-page links move focus as well as the view, without touching the hash route. */
function jump(anchor: string) {
  return (e: MouseEvent) => {
    e.preventDefault();
    const target = document.getElementById(anchor);
    const heading = target?.querySelector<HTMLElement>('h2');
    if (heading && !heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    target?.scrollIntoView({ block: 'start' });
    heading?.focus({ preventScroll: true });
  };
}
