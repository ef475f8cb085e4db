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

interface EntryFormProps<D> {
  ui: EntryKindUi<D>;
  personId: number;
  /** Editing this entry; absent when adding. */
  entry?: Entry;
  dateLabel: string;
  submitLabel: string;
  onDone(saved: boolean): void;
}

/** Field messages from the contract's schema or from core ("data.text" there is "text" here). */
function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.') || 'form';
    out[key] ??= i.message;
  }
  return out;
}

/** Adds or edits one dated entry; Ctrl/Cmd+Enter saves from any field. Nothing here blocks on the language assistant. */
export function EntryForm<D>({ ui, personId, entry, dateLabel, submitLabel, onDone }: EntryFormProps<D>) {
  const { t } = useTranslation();
  const today = todayIso();
  const [occurredOn, setOccurredOn] = useState<string | null>(entry?.occurredOn ?? today);
  const [draft, setDraft] = useState<D>(() => (entry ? ui.fromData(entry.data) : ui.empty()));
  const [problem, setProblem] = useState<string | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const changed = useRecordsChanged();

  const handlers = {
    onSuccess: () => {
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
    const found: FieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error.issues);
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
        <Fields draft={draft} set={(patch) => setDraft((d) => ({ ...d, ...patch }))} editing={entry !== undefined} />
        <DateInput label={dateLabel} name="occurredOn" value={occurredOn} onChange={setOccurredOn} max={today} />
        {problem ? <Notice tone="error">{problem}</Notice> : null}
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={pending} aria-keyshortcuts={SAVE_KEYSHORTCUTS}>
            {submitLabel}
            <kbd aria-hidden="true">{saveShortcutLabel()}</kbd>
          </ActionButton>
          <ActionButton variant="quiet" onPress={() => onDone(false)}>
            {t('entries.cancel')}
          </ActionButton>
        </div>
      </ValidatedForm>
      </SaveShortcut>
    </DismissedTermsProvider>
  );
}
