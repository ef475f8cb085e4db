import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem, Contact } from '../../../../../shared/contract';
import { appErrorOf } from '../../../api/invoke';
import { useRecordsChanged } from '../../../api/people-queries';
import { useApiMutation } from '../../../api/queries';
import { routeHref } from '../../../app/hash-route';
import { ActionButton } from '../../../components/ActionButton';
import { RecordHistory } from '../../../components/RecordHistory';
import { RemoveDialog } from '../../../components/RemoveDialog';
import { formatDateTime } from '../../../components/dates';
import type { RecordPermissions } from './permissions';

export interface Lookups {
  staffName(id: number): string;
  item(id: number): CatalogItem | undefined;
}

/** "Naloxone (nasal) × 2, Syringes × 20". */
export function suppliesText(supplies: readonly { label: string; quantity: number }[]): string {
  return supplies.map((s) => `${s.label} × ${s.quantity}`).join(', ');
}

/** One contact in the history: when, where, who, what was given, what mattered, and the note. */
export function ContactItem({ contact: c, perms, lookups, onStatus }: { contact: Contact; perms: RecordPermissions; lookups: Lookups; onStatus(message: string): void }) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState(false);
  const changed = useRecordsChanged();
  const when = formatDateTime(c.occurredAt);
  const remove = useApiMutation('contacts.delete', {
    onSuccess: () => {
      setRemoving(false);
      void changed();
      onStatus(t('contact.removedStatus', { when }));
    },
  });
  const restore = useApiMutation('contacts.restore', {
    onSuccess: () => {
      void changed();
      onStatus(t('contact.restoredStatus', { when }));
    },
  });

  return (
    <li className={c.deleted ? 'contact-item entry-removed' : 'contact-item'} data-testid="contact-item">
      <p className="contact-head">
        <time dateTime={c.occurredAt} className="contact-when">
          {when}
        </time>
        <span className="contact-setting">{t(`contact.settings.${c.setting}`)}</span>
        <span className="muted">{t('contact.with', { who: c.staffName })}</span>
        {c.enteredLater ? (
          <span className="contact-later">
            <span className="chip chip-later">{t('contact.enteredLater')}</span>{' '}
            <span className="muted">{t('contact.enteredAt', { when: formatDateTime(c.enteredAt) })}</span>
          </span>
        ) : null}
      </p>
      <dl className="facts">
        {c.services.length > 0 ? (
          <>
            <dt>{t('contact.services')}</dt>
            <dd>{c.services.map((s) => s.label).join(', ')}</dd>
          </>
        ) : null}
        {c.supplies.length > 0 ? (
          <>
            <dt>{t('contact.supplies')}</dt>
            <dd>{suppliesText(c.supplies)}</dd>
          </>
        ) : null}
        {c.whatMattered ? (
          <>
            <dt>{t('contact.whatMattered')}</dt>
            <dd className="entry-text">{c.whatMattered}</dd>
          </>
        ) : null}
        {c.note ? (
          <>
            <dt>{t('contact.note')}</dt>
            <dd className="entry-text">{c.note}</dd>
          </>
        ) : null}
      </dl>
      {c.deleted ? <p className="removed-note">{t('contact.removedBecause', { reason: c.deleteReason ?? '' })}</p> : null}
      <div className="entry-actions">
        {perms.canWrite && !c.deleted ? (
          <a className="button button-quiet button-small" href={routeHref(`/people/${c.personId}/contact/${c.id}`)} aria-label={t('contact.editLabel', { when })}>
            {t('contact.edit')}
          </a>
        ) : null}
        {perms.canRemove && !c.deleted ? (
          <ActionButton variant="quiet" className="button-small" onPress={() => setRemoving(true)} aria-label={t('contact.removeLabel', { when })}>
            {t('contact.remove')}
          </ActionButton>
        ) : null}
        {perms.canRestore && c.deleted ? (
          <ActionButton className="button-small" isPending={restore.isPending} onPress={() => restore.mutate({ id: c.id })} aria-label={t('contact.restoreLabel', { when })}>
            {t('contact.restore')}
          </ActionButton>
        ) : null}
      </div>
      {restore.isError ? <p role="alert" className="field-error">{appErrorOf(restore.error).message}</p> : null}
      <RecordHistory recordType="contact" id={c.id} describePrevious={(prev) => <PreviousContact previous={prev} lookups={lookups} />} />
      <RemoveDialog
        isOpen={removing}
        onOpenChange={setRemoving}
        title={t('contact.removeTitle', { when })}
        body={t('contact.removeBody')}
        confirmLabel={t('contact.removeConfirm')}
        isPending={remove.isPending}
        error={remove.isError ? appErrorOf(remove.error).message : null}
        onConfirm={(reason) => remove.mutate({ id: c.id, reason })}
      />
    </li>
  );
}

const isSetting = (v: unknown): v is Contact['setting'] => typeof v === 'string';

/** A contact as it was before an edit (core keeps ids; names come from the staff list and catalog). */
function PreviousContact({ previous: p, lookups }: { previous: Record<string, unknown>; lookups: Lookups }) {
  const { t } = useTranslation();
  const services = Array.isArray(p.services) ? (p.services as unknown[]).filter((x): x is number => typeof x === 'number') : [];
  const supplies = Array.isArray(p.supplies)
    ? (p.supplies as { itemId?: unknown; quantity?: unknown }[]).flatMap((s) =>
        typeof s.itemId === 'number' && typeof s.quantity === 'number' ? [{ label: lookups.item(s.itemId)?.label ?? t('contact.unknownItem'), quantity: s.quantity }] : [],
      )
    : [];
  return (
    <dl className="facts">
      {typeof p.occurredAt === 'string' ? (
        <>
          <dt>{t('contactForm.when')}</dt>
          <dd>{formatDateTime(p.occurredAt)}</dd>
        </>
      ) : null}
      {isSetting(p.setting) ? (
        <>
          <dt>{t('contactForm.setting')}</dt>
          <dd>{t(`contact.settings.${p.setting}`)}</dd>
        </>
      ) : null}
      {typeof p.staffId === 'number' ? (
        <>
          <dt>{t('contactForm.staff')}</dt>
          <dd>{lookups.staffName(p.staffId)}</dd>
        </>
      ) : null}
      <dt>{t('contact.services')}</dt>
      <dd>{services.length > 0 ? services.map((id) => lookups.item(id)?.label ?? t('contact.unknownItem')).join(', ') : t('contact.none')}</dd>
      <dt>{t('contact.supplies')}</dt>
      <dd>{supplies.length > 0 ? suppliesText(supplies) : t('contact.none')}</dd>
      {typeof p.whatMattered === 'string' ? (
        <>
          <dt>{t('contact.whatMattered')}</dt>
          <dd className="entry-text">{p.whatMattered || t('contact.none')}</dd>
        </>
      ) : null}
      {typeof p.note === 'string' ? (
        <>
          <dt>{t('contact.note')}</dt>
          <dd className="entry-text">{p.note || t('contact.none')}</dd>
        </>
      ) : null}
    </dl>
  );
}
