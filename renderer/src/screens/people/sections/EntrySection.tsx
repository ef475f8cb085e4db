import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Entry } from '../../../../../shared/contract';
import { appErrorOf } from '../../../api/invoke';
import { useRecordsChanged } from '../../../api/people-queries';
import { useApiMutation } from '../../../api/queries';
import { ActionButton } from '../../../components/ActionButton';
import { RecordHistory } from '../../../components/RecordHistory';
import { RemoveDialog } from '../../../components/RemoveDialog';
import { formatDay } from '../../../components/dates';
import { EntryForm } from './EntryForm';
import type { EntryKindUi } from './entry-ui';
import type { RecordPermissions } from './permissions';
import { draftKey, useDiscardDraft, useDraftList, type DraftTarget } from '../../../api/draft-queries';
import { WaitingDraftOffer } from '../../../app/drafts/DraftOffer';

export interface EntrySectionLabels {
  title: string;
  intro?: string;
  add: string;
  empty: string;
  date: string;
  /** The word for one entry, in "Edit <goal>", "Remove this <goal>". */
  one: string;
  saved: string;
}

interface EntrySectionProps<D> {
  ui: EntryKindUi<D>;
  personId: number;
  entries: Entry[];
  perms: RecordPermissions;
  labels: EntrySectionLabels;
  /** Shown above the list, e.g. the current phase. */
  lead?: ReactNode;
  /** An anchor for the page's own table of contents. */
  anchor: string;
  /** How the person is named, for "You have an unsaved goal for Sam". */
  personName: string;
}

/** One kind of dated entry on the person page: the list, with adding, editing, history and removing. */
export function EntrySection<D>({ ui, personId, entries, perms, labels, lead, anchor, personName }: EntrySectionProps<D>) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [adding, setAdding] = useState(false);
  const [resume, setResume] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  // Unsaved work this staff member left in this section's forms: offered here until the form is open.
  const drafts = useDraftList(perms.canWrite);
  const discard = useDiscardDraft();
  const newTarget: DraftTarget = { key: draftKey.entryNew(ui.kind, personId), form: 'entry', entryKind: ui.kind, personId };
  const waiting = drafts.data?.find((d) => d.key === newTarget.key);
  const waitingEdits = new Set(drafts.data?.filter((d) => d.key.startsWith('entry:edit:')).map((d) => d.key));

  const done = (message: string | null) => {
    setAdding(false);
    setResume(false);
    setStatus(message);
    // The form that had focus is gone; the section heading is where the keyboard carries on.
    headingRef.current?.focus();
  };

  return (
    <section className="panel person-section" aria-labelledby={headingId} id={anchor}>
      <div className="section-title-row">
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {labels.title}
        </h2>
        {perms.canWrite && !adding ? (
          <ActionButton onPress={() => setAdding(true)} className="button-small">
            {labels.add}
          </ActionButton>
        ) : null}
      </div>
      {labels.intro ? <p className="section-intro">{labels.intro}</p> : null}
      {lead}
      <p role="status" className="section-status">
        {status}
      </p>
      {perms.canWrite && !adding && waiting ? (
        <WaitingDraftOffer
          summary={waiting}
          onContinue={() => {
            setResume(true);
            setAdding(true);
          }}
          onDiscard={() => discard.mutate(waiting.key)}
          isDiscarding={discard.isPending}
        />
      ) : null}
      {adding ? (
        <EntryForm
          ui={ui}
          personId={personId}
          dateLabel={labels.date}
          submitLabel={labels.add}
          onDone={(saved) => done(saved ? labels.saved : null)}
          draftTarget={perms.canWrite ? newTarget : null}
          personName={personName}
          resume={resume}
        />
      ) : null}
      {entries.length === 0 ? (
        adding ? null : <p className="muted">{labels.empty}</p>
      ) : (
        <ul className="entry-list">
          {entries.map((e) => (
            <EntryItem key={e.id} ui={ui} entry={e} perms={perms} labels={labels} onSaved={(m) => setStatus(m)} personName={personName} hasDraft={waitingEdits.has(draftKey.entryEdit(e.id))} />
          ))}
        </ul>
      )}
    </section>
  );
}

interface EntryItemProps<D> {
  ui: EntryKindUi<D>;
  entry: Entry;
  perms: RecordPermissions;
  labels: EntrySectionLabels;
  onSaved(message: string): void;
  personName: string;
  /** This staff member left unsaved changes to this entry. */
  hasDraft: boolean;
}

function EntryItem<D>({ ui, entry, perms, labels, onSaved, personName, hasDraft }: EntryItemProps<D>) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [resume, setResume] = useState(false);
  const drafts = useDraftList(hasDraft);
  const discard = useDiscardDraft();
  const canEdit = perms.canWrite && !entry.deleted;
  const target: DraftTarget = { key: draftKey.entryEdit(entry.id), form: 'entry', entryKind: ui.kind, personId: entry.personId };
  const waiting = hasDraft && canEdit ? drafts.data?.find((d) => d.key === target.key) : undefined;
  const [removing, setRemoving] = useState(false);
  const changed = useRecordsChanged();
  const remove = useApiMutation('entries.delete', {
    onSuccess: () => {
      setRemoving(false);
      void changed();
      onSaved(t('entries.removedStatus', { what: labels.one }));
    },
  });
  const restore = useApiMutation('entries.restore', {
    onSuccess: () => {
      void changed();
      onSaved(t('entries.restoredStatus', { what: labels.one }));
    },
  });
  const Summary = ui.Summary;

  if (editing) {
    return (
      <li className="entry entry-editing">
        <EntryForm
          ui={ui}
          personId={entry.personId}
          entry={entry}
          dateLabel={labels.date}
          submitLabel={t('entries.saveChanges')}
          onDone={(saved) => {
            setEditing(false);
            setResume(false);
            if (saved) onSaved(labels.saved);
          }}
          draftTarget={canEdit ? target : null}
          personName={personName}
          resume={resume}
        />
      </li>
    );
  }

  return (
    <li className={entry.deleted ? 'entry entry-removed' : 'entry'}>
      <p className="entry-meta">
        <time dateTime={entry.occurredOn}>{formatDay(entry.occurredOn)}</time>
        <span aria-hidden="true"> · </span>
        {t('entries.addedBy', { who: entry.createdBy })}
      </p>
      <div className="entry-body">
        <Summary data={entry.data} />
      </div>
      {waiting ? (
        <WaitingDraftOffer
          summary={waiting}
          onContinue={() => {
            setResume(true);
            setEditing(true);
          }}
          onDiscard={() => discard.mutate(waiting.key)}
          isDiscarding={discard.isPending}
        />
      ) : null}
      {entry.deleted ? <p className="removed-note">{t('entries.removedBecause', { reason: entry.deleteReason ?? '' })}</p> : null}
      <div className="entry-actions">
        {perms.canWrite && !entry.deleted ? (
          <ActionButton variant="quiet" className="button-small" onPress={() => setEditing(true)} aria-label={t('entries.editLabel', { what: labels.one, date: formatDay(entry.occurredOn) })}>
            {t('entries.edit')}
          </ActionButton>
        ) : null}
        {perms.canRemove && !entry.deleted ? (
          <ActionButton variant="quiet" className="button-small" onPress={() => setRemoving(true)} aria-label={t('entries.removeLabel', { what: labels.one, date: formatDay(entry.occurredOn) })}>
            {t('entries.remove')}
          </ActionButton>
        ) : null}
        {perms.canRestore && entry.deleted ? (
          <ActionButton className="button-small" isPending={restore.isPending} onPress={() => restore.mutate({ id: entry.id })} aria-label={t('entries.restoreLabel', { what: labels.one, date: formatDay(entry.occurredOn) })}>
            {t('entries.restore')}
          </ActionButton>
        ) : null}
      </div>
      {restore.isError ? <p role="alert" className="field-error">{appErrorOf(restore.error).message}</p> : null}
      <RecordHistory
        recordType="entry"
        id={entry.id}
        describePrevious={(prev) => (
          <div className="entry-previous">
            {typeof prev.occurredOn === 'string' ? <p className="entry-meta">{formatDay(prev.occurredOn)}</p> : null}
            {prev.data && typeof prev.data === 'object' ? <Summary data={prev.data as Record<string, unknown>} /> : null}
          </div>
        )}
      />
      <RemoveDialog
        isOpen={removing}
        onOpenChange={setRemoving}
        title={t('entries.removeTitle', { what: labels.one })}
        body={t('entries.removeBody')}
        confirmLabel={t('entries.removeConfirm')}
        isPending={remove.isPending}
        error={remove.isError ? appErrorOf(remove.error).message : null}
        onConfirm={(reason) => remove.mutate({ id: entry.id, reason })}
      />
    </li>
  );
}
