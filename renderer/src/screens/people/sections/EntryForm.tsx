import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entryDataSchemas, type Entry } from '../../../../../shared/contract';
import { useRecordsChanged } from '../../../api/people-queries';
import { useApiMutation } from '../../../api/queries';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { ValidatedForm } from '../../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../../components/use-field-errors';
import { DismissedTermsProvider } from '../language/dismissed-terms';
import { todayIso } from '../../../components/dates';
import { DateInput } from '../../../components/DateInput';
import { SAVE_KEYSHORTCUTS, SaveShortcut, saveShortcutLabel } from '../../../components/SaveShortcut';
import type { EntryKindUi } from './entry-ui';
import type { DraftTarget } from '../../../api/draft-queries';
import { confirmLeave } from '../../../app/hash-route';
import { DraftKept, DraftOffer } from '../../../app/drafts/DraftOffer';
import { mergeKept } from '../../../app/drafts/draft-logic';
import { useDraft } from '../../../app/drafts/use-draft';
import { sayIssues } from '../../../i18n/say';

interface EntryFormProps<D> {
  ui: EntryKindUi<D>;
  personId: number;
  /** Editing this entry; absent when adding. */
  entry?: Entry;
  dateLabel: string;
  submitLabel: string;
  onDone(saved: boolean): void;
  /** Where unsaved typing is kept for this staff member; null keeps none. */
  draftTarget: DraftTarget | null;
  /** How the person is named, for "You have an unsaved goal for Sam". */
  personName: string;
  /** The person already chose Continue on the section: the form opens with what they had typed. */
  resume?: boolean;
}

/** Field messages from the contract's schema or from core ("data.text" there is "text" here). */
/** Adds or edits one dated entry; Ctrl/Cmd+Enter saves from any field. Nothing here blocks on the language assistant. */
export function EntryForm<D>({ ui, personId, entry, dateLabel, submitLabel, onDone, draftTarget, personName, resume = false }: EntryFormProps<D>) {
  const { t } = useTranslation();
  const today = todayIso();
  const [opened] = useState(() => ({ occurredOn: entry?.occurredOn ?? today, draft: entry ? ui.fromData(entry.data) : ui.empty() }));
  const [occurredOn, setOccurredOn] = useState<string | null>(opened.occurredOn);
  const [draft, setDraft] = useState<D>(opened.draft);
  const unsaved = useDraft<{ occurredOn: string | null; draft: D }>({
    target: draftTarget,
    values: { occurredOn, draft },
    initial: opened,
    toFields: (v) => ({ occurredOn: v.occurredOn, values: v.draft }),
    fromFields: (f) => {
      const kept = mergeKept(opened.draft as object, f.values) as D | null;
      if (!kept) return null;
      return { occurredOn: typeof f.occurredOn === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(f.occurredOn) ? f.occurredOn : opened.occurredOn, draft: kept };
    },
    apply: (v) => {
      setOccurredOn(v.occurredOn);
      setDraft(v.draft);
    },
    resume,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const changed = useRecordsChanged();

  const handlers = {
    onSuccess: () => {
      unsaved.saved();
      void changed();
      onDone(true);
    },
    onError: ({ error }: { error: { message: string; fields?: Record<string, string> } }) => {
      const fields: FieldErrors = {};
      for (const [k, v] of Object.entries(error.fields ?? {})) fields[k.replace(/^data\./, '')] = v;
      setErrors(fields);
      setProblem(error.message);
    },
  };
  const add = useApiMutation('entries.add', handlers);
  const update = useApiMutation('entries.update', handlers);

  const pending = add.isPending || update.isPending;
  const submit = () => {
    if (pending) return;
    setProblem(null);
    const data = ui.toData(draft);
    const parsed = entryDataSchemas[ui.kind].safeParse(data);
    const found: FieldErrors = parsed.success ? {} : sayIssues(parsed.error.issues, 'form');
    if (!occurredOn) found.occurredOn = t('entries.dateNeeded');
    else if (occurredOn > today) found.occurredOn = t('entries.dateFuture');
    setErrors(found);
    if (Object.keys(found).length > 0) {
      if (found.form) setProblem(found.form);
      return;
    }
    if (entry) update.mutate({ id: entry.id, occurredOn: occurredOn ?? undefined, data });
    else add.mutate({ personId, kind: ui.kind, occurredOn: occurredOn ?? today, data });
  };

  const Fields = ui.Fields;
  return (
    <DismissedTermsProvider>
      <SaveShortcut formRef={formRef}>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form entry-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <DraftOffer draft={unsaved} target={draftTarget} name={personName} />
        <Fields draft={draft} set={(patch) => setDraft((d) => ({ ...d, ...patch }))} editing={entry !== undefined} />
        <DateInput label={dateLabel} name="occurredOn" value={occurredOn} onChange={setOccurredOn} max={today} />
        {problem ? <Notice tone="error">{problem}</Notice> : null}
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={pending} aria-keyshortcuts={SAVE_KEYSHORTCUTS}>
            {submitLabel}
            <kbd aria-hidden="true">{saveShortcutLabel()}</kbd>
          </ActionButton>
          <ActionButton variant="quiet" onPress={() => confirmLeave(() => onDone(false))}>
            {t('entries.cancel')}
          </ActionButton>
        </div>
        <DraftKept draft={unsaved} />
      </ValidatedForm>
      </SaveShortcut>
    </DismissedTermsProvider>
  );
}
