import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckboxGroup, Label, Text } from 'react-aria-components';
import { CONTACT_SETTINGS, type CatalogItem, type ContactSetting } from '../../../../../shared/contract';
import type { AppError } from '../../../../../shared/result';
import { useHubConnection } from '../../../api/hub-connection';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { ValidatedForm } from '../../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../../components/use-field-errors';
import { AssistedTextArea } from '../language/AssistedTextArea';
import { DismissedTermsProvider } from '../language/dismissed-terms';
import { CheckboxField } from '../../../components/CheckboxField';
import { NumberInput } from '../../../components/NumberInput';
import { SAVE_KEYSHORTCUTS, SaveShortcut, saveShortcutLabel } from '../../../components/SaveShortcut';
import { SelectField } from '../../../components/SelectField';
import { WelcomeBackSlot } from '../WelcomeBackSlot';
import type { DraftTarget } from '../../../api/draft-queries';
import { DraftKept, DraftOffer } from '../../../app/drafts/DraftOffer';
import { useDraft } from '../../../app/drafts/use-draft';
import { contactDraftFields, contactDraftFromFields, orderSupplies, type ContactDraft } from './contact-draft';
import { WhenField } from './WhenField';

export interface ContactFormProps {
  personId: number;
  initial: ContactDraft;
  /** Editing an existing contact: the time is always shown, and the button says so. */
  editing: boolean;
  catalog: CatalogItem[];
  staff: { id: number; displayName: string; active: boolean }[];
  /** Front desk may write "what mattered" but not clinical notes (core refuses them). */
  canWriteNote: boolean;
  /** Saves; resolves to core's refusal, or null once saved. */
  onSubmit(draft: ContactDraft & { setting: ContactSetting }): Promise<AppError | null>;
  /** After a save, once the unsaved work is let go: the page moves on. */
  onSaved(): void;
  onCancel(): void;
  /** Where unsaved typing is kept for this staff member; null keeps none. */
  draftTarget: DraftTarget | null;
  /** How the person is named, for "You have an unsaved contact for Sam". */
  personName: string;
}

/**
 * Recording a contact is the most frequent thing anyone does in Doorway, so the form is built for
 * the keyboard: the setting takes focus and a first letter, the time is "now" unless told otherwise,
 * supplies are number fields in a row with naloxone first, and Ctrl+Enter saves from anywhere.
 */
export function ContactForm({ personId, initial, editing, catalog, staff, canWriteNote, onSubmit, onSaved, onCancel, draftTarget, personName }: ContactFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ContactDraft>(initial);
  const unsaved = useDraft<ContactDraft>({
    target: draftTarget,
    values: draft,
    initial,
    toFields: (d) => contactDraftFields(d, { editing, withNote: canWriteNote }),
    fromFields: (f) => contactDraftFromFields(f, initial),
    apply: (d) => setDraft(d),
  });
  const [openedAt] = useState(() => new Date());
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<AppError | null>(null);
  const hubAway = useHubConnection().status === 'away';
  const { formRef, scope, setErrors } = useFieldErrors();
  const set = (patch: Partial<ContactDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const services = catalog.filter((i) => i.kind === 'service');
  const supplies = orderSupplies(catalog);
  const staffOptions = staff
    .filter((s) => s.active || s.id === draft.staffId)
    .map((s) => ({ value: String(s.id), label: s.displayName }));
  const shortcut = saveShortcutLabel();

  const submit = () => {
    const found: FieldErrors = {};
    if (!draft.setting) found.setting = t('contactForm.settingNeeded');
    if (draft.earlier && draft.occurredAt.getTime() - Date.now() > 5 * 60_000) found.occurredAt = t('contactForm.future');
    setErrors(found);
    setProblem(null);
    if (Object.keys(found).length > 0 || !draft.setting || pending) return;
    setPending(true);
    void onSubmit({ ...draft, setting: draft.setting }).then((refused) => {
      setPending(false);
      if (!refused) {
        unsaved.saved();
        onSaved();
        return;
      }
      setErrors({ ...(refused.fields ?? {}) });
      setProblem(refused);
    });
  };

  // "Now" is the moment the form opened, so the welcome-back cue does not chase the clock.
  const occurredAtIso = (draft.earlier || editing ? draft.occurredAt : openedAt).toISOString();

  return (
    <DismissedTermsProvider>
      <SaveShortcut formRef={formRef} className="contact-form-keys">
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form contact-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <DraftOffer draft={unsaved} target={draftTarget} name={personName} />
        <WelcomeBackSlot personId={personId} at={occurredAtIso} />
        <div className="field-row">
          <SelectField
            label={t('contactForm.setting')}
            name="setting"
            value={draft.setting}
            options={CONTACT_SETTINGS.map((s) => ({ value: s, label: t(`contact.settings.${s}`) }))}
            onChange={(setting) => set({ setting })}
            placeholder={t('contactForm.settingPlaceholder')}
            description={t('contactForm.settingHelp')}
            autoFocus
          />
          <SelectField
            label={t('contactForm.staff')}
            name="staffId"
            value={String(draft.staffId)}
            options={staffOptions}
            onChange={(id) => set({ staffId: Number(id) })}
          />
        </div>
        <div className="when-group">
          {editing ? null : (
            <CheckboxField isSelected={draft.earlier} onChange={(earlier) => set({ earlier, occurredAt: draft.earlier ? draft.occurredAt : new Date() })} detail={t('contactForm.earlierDetail')}>
              {t('contactForm.earlier')}
            </CheckboxField>
          )}
          {draft.earlier || editing ? <WhenField value={draft.occurredAt} onChange={(occurredAt) => set({ occurredAt })} description={editing ? undefined : t('contactForm.whenHelp')} /> : null}
        </div>
        {services.length > 0 ? (
          <CheckboxGroup value={draft.services.map(String)} onChange={(v) => set({ services: v.map(Number) })} className="field">
            <Label className="field-label">{t('contactForm.services')}</Label>
            <div className="check-grid">
              {services.map((s) => (
                <CheckboxField key={s.id} value={String(s.id)}>
                  {s.label}
                </CheckboxField>
              ))}
            </div>
          </CheckboxGroup>
        ) : null}
        {supplies.length > 0 ? (
          <fieldset className="fieldset">
            <legend className="field-label">{t('contactForm.supplies')}</legend>
            <Text className="field-description">{t('contactForm.suppliesHelp')}</Text>
            <div className="supply-grid">
              {supplies.map((s) => (
                <NumberInput
                  key={s.id}
                  label={s.label}
                  name={`supply-${s.id}`}
                  value={draft.supplies[s.id] ?? null}
                  onChange={(q) => set({ supplies: { ...draft.supplies, [s.id]: q } })}
                  min={0}
                  max={10_000}
                  compact
                  className={s.category === 'naloxone' ? 'supply supply-naloxone' : 'supply'}
                />
              ))}
            </div>
          </fieldset>
        ) : null}
        <AssistedTextArea label={t('contactForm.whatMattered')} description={t('contactForm.whatMatteredHelp')} words="theirs" name="whatMattered" value={draft.whatMattered} onChange={(whatMattered) => set({ whatMattered })} rows={2} />
        {canWriteNote ? <AssistedTextArea label={t('contactForm.note')} description={t('contactForm.noteHelp')} name="note" value={draft.note} onChange={(note) => set({ note })} rows={4} /> : null}
        {problem?.code === 'HUB_UNREACHABLE' && !hubAway ? (
          // The hub is back since this save was refused: no stale "can't be reached" beside a banner saying it is.
          <Notice tone="info">{t(problem.uncertain ? 'hub.lookBeforeSaving' : 'hub.saveAgain')}</Notice>
        ) : problem ? (
          <Notice tone="error">{problem.message}</Notice>
        ) : null}
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={pending} aria-keyshortcuts={SAVE_KEYSHORTCUTS}>
            {editing ? t('contactForm.saveChanges') : t('contactForm.save')}
            <kbd aria-hidden="true">{shortcut}</kbd>
          </ActionButton>
          <ActionButton variant="quiet" onPress={onCancel}>
            {t('contactForm.cancel')}
          </ActionButton>
        </div>
        <DraftKept draft={unsaved} />
      </ValidatedForm>
      </SaveShortcut>
    </DismissedTermsProvider>
  );
}
