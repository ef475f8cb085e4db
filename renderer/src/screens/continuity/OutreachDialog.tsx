import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog, FieldError, Heading, Label, Modal, ModalOverlay, Radio, RadioGroup, Text, TextArea, TextField } from 'react-aria-components';
import type { DoorOpenItem } from '../../../../shared/contract';
import { REACH_METHODS } from '../../../../shared/contract/continuity';
import { agreedMethods, consentState } from '../../../../shared/continuity/reach';
import { appErrorOf } from '../../api/invoke';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { useRecordOutreach } from '../../api/continuity-queries';
import { ReachDetails } from './ReachDetails';
import { draftKey, type DraftTarget } from '../../api/draft-queries';
import { DraftKept, DraftOffer } from '../../app/drafts/DraftOffer';
import { useDraft } from '../../app/drafts/use-draft';
import { formatList } from '../../components/numbers';

type Method = (typeof REACH_METHODS)[number];
const isMethod = (v: string): v is Method => (REACH_METHODS as readonly string[]).includes(v);
const NOTE_MAX = 2000;

/** The way they said is fine, so the form starts where the team would most likely start. */
function likelyMethod(reach: DoorOpenItem['reach'], agreed: readonly Method[]): Method {
  const ok = (m: Method) => agreed.includes(m);
  if (ok('text') && reach.okToText && reach.hasPhone) return 'text';
  if (ok('call') && reach.okToCall && reach.hasPhone) return 'call';
  if (ok('email') && reach.okToEmail && reach.hasEmail) return 'email';
  if (ok('trusted_contact') && reach.trustedContact) return 'trusted_contact';
  if (ok('in_person')) return 'in_person';
  return agreed[0] ?? 'in_person';
}

interface OutreachDialogProps {
  item: DoorOpenItem;
  name: string;
  isOpen: boolean;
  onOpenChange(open: boolean): void;
  onSaved(): void;
  /** The person already chose Continue on the card: the dialog opens with what they had typed. */
  resume?: boolean;
}

interface OutreachValues {
  method: Method;
  reached: 'yes' | 'no';
  note: string;
}

/** Noting an outreach attempt: who reached out, how, and whether they reached the person. */
export function OutreachDialog({ isOpen, onOpenChange, ...rest }: OutreachDialogProps) {
  return (
    <ModalOverlay isOpen={isOpen} onOpenChange={onOpenChange} isDismissable className="cx-modal-overlay">
      <Modal className="cx-modal">
        <Dialog className="cx-dialog">{({ close }) => <OutreachForm {...rest} close={close} />}</Dialog>
      </Modal>
    </ModalOverlay>
  );
}

function OutreachForm({ item, name, onSaved, close, resume = false }: Omit<OutreachDialogProps, 'isOpen' | 'onOpenChange'> & { close(): void }) {
  const { t } = useTranslation();
  const state = consentState(item.reach);
  const agreed = agreedMethods(item.reach);
  const unavailable = REACH_METHODS.filter((m) => !agreed.includes(m));
  const list = (ways: readonly Method[]) => formatList(ways.map((m) => t(`doors.outreach.wayNames.${m}`)));
  const [opened] = useState<OutreachValues>(() => ({ method: likelyMethod(item.reach, agreed), reached: 'no', note: '' }));
  const [method, setMethod] = useState<Method>(opened.method);
  const [reached, setReached] = useState<'yes' | 'no'>(opened.reached);
  const [note, setNote] = useState(opened.note);
  const [target] = useState<DraftTarget | null>(() => (item.reach.doNotContact ? null : { key: draftKey.outreach(item.person.id), form: 'outreach', entryKind: null, personId: item.person.id }));
  // Closing the dialog keeps what was typed as unsaved work; opening it again offers it back.
  const unsaved = useDraft<OutreachValues>({
    target,
    values: { method, reached, note },
    initial: opened,
    toFields: (v) => ({ ...v }),
    fromFields: (f) => ({
      method: typeof f.method === 'string' && isMethod(f.method) && agreed.includes(f.method) ? f.method : opened.method,
      reached: f.reached === 'yes' ? 'yes' : 'no',
      note: typeof f.note === 'string' ? f.note : '',
    }),
    apply: (v) => {
      setMethod(v.method);
      setReached(v.reached);
      setNote(v.note);
    },
    resume,
  });
  const record = useRecordOutreach();
  const tooLong = note.length > NOTE_MAX;

  return (
    <form
      className="form"
      onSubmit={(e) => {
        e.preventDefault();
        if (tooLong || record.isPending || !agreed.includes(method)) return;
        record.mutate(
          { personId: item.person.id, method, reached: reached === 'yes', note: note.trim() },
          {
            onSuccess: () => {
              unsaved.saved();
              onSaved();
              close();
            },
          },
        );
      }}
    >
      <Heading slot="title" className="cx-dialog-title">
        {t('doors.outreach.title', { name })}
      </Heading>
      <DraftOffer draft={unsaved} target={target} name={name} />
      <p className="cx-muted">{t('doors.outreach.notAContact')}</p>
      {state === 'not_said' ? (
        <p className="cx-calm-note cx-outreach-consent" data-testid="outreach-consent">
          {t('doors.outreach.notSaid')}
        </p>
      ) : (
        <div data-testid="outreach-consent">
          <ReachDetails reach={item.reach} />
        </div>
      )}
      {state === 'do_not_contact' ? null : (
        <RadioGroup className="field" value={method} onChange={(v) => isMethod(v) && agreed.includes(v) && setMethod(v)}>
          <Label className="field-label">{t('doors.outreach.method')}</Label>
          <div className="cx-choice-chips">
            {REACH_METHODS.map((m) => (
              <Radio key={m} value={m} className="cx-choice-chip" isDisabled={!agreed.includes(m)}>
                {t(`doors.outreach.methods.${m}`)}
              </Radio>
            ))}
          </div>
          {state === 'agreed' ? (
            <Text slot="description" className="field-description">
              {t('doors.outreach.agreedOnly', { ways: list(agreed) })} {t('doors.outreach.unavailable', { ways: list(unavailable) })}
            </Text>
          ) : null}
        </RadioGroup>
      )}
      <RadioGroup className="field" value={reached} onChange={(v) => setReached(v === 'yes' ? 'yes' : 'no')}>
        <Label className="field-label">{t('doors.outreach.reached')}</Label>
        <div className="cx-choice-chips">
          <Radio value="yes" className="cx-choice-chip">
            {t('doors.outreach.reachedYes')}
          </Radio>
          <Radio value="no" className="cx-choice-chip">
            {t('doors.outreach.reachedNo')}
          </Radio>
        </div>
      </RadioGroup>
      <TextField className="field" value={note} onChange={setNote} isInvalid={tooLong}>
        <Label className="field-label">{t('doors.outreach.note')}</Label>
        <TextArea className="field-input cx-textarea" rows={3} />
        <Text slot="description" className="field-description">
          {t('doors.outreach.noteHelp')}
        </Text>
        <FieldError className="field-error">{tooLong ? t('doors.outreach.noteTooLong', { count: NOTE_MAX }) : null}</FieldError>
      </TextField>
      {record.isError ? <Notice tone="error">{appErrorOf(record.error).message}</Notice> : null}
      <div className="form-actions">
        <ActionButton onPress={close}>{t('doors.outreach.cancel')}</ActionButton>
        <ActionButton type="submit" variant="primary" isPending={record.isPending} isDisabled={state === 'do_not_contact'}>
          {t('doors.outreach.save')}
        </ActionButton>
      </div>
      <DraftKept draft={unsaved} />
    </form>
  );
}
