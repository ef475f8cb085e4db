import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personChangesSchema, type ClinicSettings, type ContactPrefs } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { routeHref } from '../../app/hash-route';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { codeMatchesRecipe } from '../../../../shared/client-code';
import { AssistedTextArea } from './language/AssistedTextArea';
import { DismissedTermsProvider } from './language/dismissed-terms';
import { createInput, personDraftFromFields, type PersonDraft } from './person-draft';
import type { DraftTarget } from '../../api/draft-queries';
import { DraftKept, DraftOffer } from '../../app/drafts/DraftOffer';
import { useDraft } from '../../app/drafts/use-draft';
import { CheckboxField } from '../../components/CheckboxField';
import { NumberInput } from '../../components/NumberInput';
import { useRecipeSentence } from './recipe-sentence';
import { SelectField } from '../../components/SelectField';
import { sayIssues } from '../../i18n/say';

const NO_ONE = 'none';

interface PersonFormProps {
  initial: PersonDraft;
  settings: Pick<ClinicSettings, 'clientCodeMask' | 'clientCodeHint'>;
  staff: { id: number; displayName: string; active: boolean }[];
  submitLabel: string;
  /** Saves; resolves to core's refusal, or null once saved. */
  onSubmit(draft: PersonDraft): Promise<AppError | null>;
  /** After a save, once the unsaved work is let go: the page moves on. */
  onSaved(): void;
  onCancel(): void;
  /** Where unsaved typing is kept for this staff member; null keeps none. */
  draftTarget: DraftTarget | null;
  /** How the person is named (null for a new person), for "You have unsaved changes to Sam's details". */
  personName: string | null;
}

/**
 * The person's identity and how to reach them safely. Only the client code is needed: names are
 * optional, and everything else is for the person to share if and when they want (DESIGN.md).
 */
export function PersonForm({ initial, settings, staff, submitLabel, onSubmit, onSaved, onCancel, draftTarget, personName }: PersonFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const unsaved = useDraft<PersonDraft>({
    target: draftTarget,
    values: draft,
    initial,
    toFields: (d) => ({ ...d }),
    fromFields: (f) => personDraftFromFields(f, initial),
    apply: (d) => setDraft(d),
  });
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<{ message: string; conflictId?: number } | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const recipe = useRecipeSentence(settings.clientCodeMask);
  const set = (patch: Partial<PersonDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setPrefs = (patch: Partial<ContactPrefs>) => setDraft((d) => ({ ...d, contactPrefs: { ...d.contactPrefs, ...patch } }));
  const code = draft.clientCode.trim();
  const unchangedCode = initial.clientCode !== '' && code.toUpperCase() === initial.clientCode.toUpperCase();
  const fits = code !== '' && (unchangedCode || codeMatchesRecipe(code, settings.clientCodeMask));

  const submit = () => {
    setProblem(null);
    const input = createInput(draft);
    const parsed = personChangesSchema.safeParse(input);
    const found: FieldErrors = parsed.success ? {} : sayIssues(parsed.error.issues, '');
    if (code === '') found.clientCode = t('personForm.codeNeeded');
    // A code made before the recipe was set (or changed) stays valid while it is not edited, as in core.
    else if (!found.clientCode && !unchangedCode && !codeMatchesRecipe(code, settings.clientCodeMask)) found.clientCode = t('personForm.codeOffRecipe');
    setErrors(found);
    if (Object.keys(found).length > 0 || pending) return;
    setPending(true);
    void onSubmit(draft).then((refused) => {
      setPending(false);
      if (!refused) {
        unsaved.saved();
        onSaved();
        return;
      }
      setErrors(refused.code === 'CONFLICT' ? { clientCode: t('personForm.codeTaken') } : { ...(refused.fields ?? {}) });
      setProblem(refused.code === 'CONFLICT' ? { message: t('personForm.codeTakenLong', { code: code.toUpperCase() }), conflictId: refused.conflictId } : { message: refused.message });
    });
  };

  const staffOptions = [
    { value: NO_ONE, label: t('personForm.noUsualStaff') },
    ...staff.filter((s) => s.active || s.id === draft.usualStaffId).map((s) => ({ value: String(s.id), label: s.displayName })),
  ];

  return (
    <DismissedTermsProvider>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form person-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <DraftOffer draft={unsaved} target={draftTarget} name={personName} />
        <fieldset className="fieldset">
          <legend className="fieldset-title">{t('personForm.identity')}</legend>
          <div className="code-field">
            <TextInput
              label={t('personForm.clientCode')}
              name="clientCode"
              value={draft.clientCode}
              onChange={(clientCode) => set({ clientCode })}
              mono
              autoCapitalize="characters"
              autoFocus
              description={
                <>
                  {settings.clientCodeHint ? <span className="recipe-hint">{settings.clientCodeHint}</span> : null} <span>{recipe}</span>
                </>
              }
            />
            <p className="code-check" aria-live="polite">
              {code === '' ? null : fits ? <span className="code-ok">{t('personForm.codeFits')}</span> : <span className="muted">{t('personForm.codeNotYet')}</span>}
            </p>
          </div>
          {problem?.conflictId ? (
            <Notice tone="error">
              <p>{problem.message}</p>
              <a href={routeHref(`/people/${problem.conflictId}`)}>{t('personForm.openConflict')}</a>
            </Notice>
          ) : null}
          <div className="field-row">
            <TextInput label={t('personForm.preferredName')} description={t('personForm.preferredNameHelp')} name="preferredName" value={draft.preferredName} onChange={(preferredName) => set({ preferredName })} />
            <TextInput label={t('personForm.name')} description={t('personForm.nameHelp')} name="name" value={draft.name} onChange={(name) => set({ name })} />
          </div>
          <div className="field-row">
            <TextInput label={t('personForm.pronouns')} description={t('personForm.pronounsHelp')} name="pronouns" value={draft.pronouns} onChange={(pronouns) => set({ pronouns })} />
            <NumberInput label={t('personForm.birthYear')} description={t('personForm.birthYearHelp')} name="birthYear" value={draft.birthYear} onChange={(birthYear) => set({ birthYear })} min={1900} max={new Date().getFullYear()} compact />
          </div>
          <SelectField
            label={t('personForm.usualStaff')}
            name="usualStaffId"
            value={draft.usualStaffId === null ? NO_ONE : String(draft.usualStaffId)}
            options={staffOptions}
            onChange={(v) => set({ usualStaffId: v === NO_ONE ? null : Number(v) })}
            className="field-narrow"
          />
        </fieldset>

        <fieldset className="fieldset">
          <legend className="fieldset-title">{t('personForm.reach')}</legend>
          <p className="field-description">{t('personForm.reachHelp')}</p>
          <CheckboxField isSelected={draft.contactPrefs.doNotContact} onChange={(doNotContact) => setPrefs({ doNotContact })} detail={t('personForm.doNotContactDetail')}>
            {t('personForm.doNotContact')}
          </CheckboxField>
          <div className="check-grid">
            <CheckboxField isSelected={draft.contactPrefs.okToText} onChange={(okToText) => setPrefs({ okToText })}>
              {t('personForm.okToText')}
            </CheckboxField>
            <CheckboxField isSelected={draft.contactPrefs.okToCall} onChange={(okToCall) => setPrefs({ okToCall })}>
              {t('personForm.okToCall')}
            </CheckboxField>
            <CheckboxField isSelected={draft.contactPrefs.okToLeaveMessage} onChange={(okToLeaveMessage) => setPrefs({ okToLeaveMessage })}>
              {t('personForm.okToLeaveMessage')}
            </CheckboxField>
            <CheckboxField isSelected={draft.contactPrefs.okToEmail} onChange={(okToEmail) => setPrefs({ okToEmail })}>
              {t('personForm.okToEmail')}
            </CheckboxField>
          </div>
          <div className="field-row">
            <TextInput label={t('personForm.phone')} name="contactPrefs.phone" value={draft.contactPrefs.phone ?? ''} onChange={(phone) => setPrefs({ phone })} />
            <TextInput label={t('personForm.email')} name="contactPrefs.email" value={draft.contactPrefs.email ?? ''} onChange={(email) => setPrefs({ email })} />
          </div>
          <div className="field-row">
            <TextInput label={t('personForm.safeTimes')} description={t('personForm.safeTimesHelp')} name="contactPrefs.safeTimes" value={draft.contactPrefs.safeTimes ?? ''} onChange={(safeTimes) => setPrefs({ safeTimes })} />
            <TextInput label={t('personForm.trustedContact')} description={t('personForm.trustedContactHelp')} name="contactPrefs.trustedContact" value={draft.contactPrefs.trustedContact ?? ''} onChange={(trustedContact) => setPrefs({ trustedContact })} />
          </div>
          <AssistedTextArea label={t('personForm.whatHelps')} description={t('personForm.whatHelpsHelp')} words="theirs" name="contactPrefs.whatHelps" value={draft.contactPrefs.whatHelps ?? ''} onChange={(whatHelps) => setPrefs({ whatHelps })} rows={3} />
        </fieldset>

        {problem && !problem.conflictId ? <Notice tone="error">{problem.message}</Notice> : null}
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={pending}>
            {submitLabel}
          </ActionButton>
          <ActionButton variant="quiet" onPress={onCancel}>
            {t('personForm.cancel')}
          </ActionButton>
        </div>
        <DraftKept draft={unsaved} />
      </ValidatedForm>
    </DismissedTermsProvider>
  );
}
