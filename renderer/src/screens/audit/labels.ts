import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../../shared/contract';
import i18n from '../../i18n/i18n';

/** The words at `key`, or null when this version has none. */
function words(t: TFunction, key: string, vars?: Record<string, unknown>): string | null {
  return i18n.exists(key) ? String(t(key as 'audit.actions.session.signIn', vars as never)) : null;
}

/** "someField" or "some_field" as "some field": the last resort, so a name in code never reaches the screen as is. */
export function humanize(key: string): string {
  const spaced = key
    .replace(/[._-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The kind of an entry in words ("goal", "substance use"). */
export function entryKindLabel(t: TFunction, kind: string): string {
  return words(t, `audit.entryKinds.${kind}`) ?? humanize(kind).toLowerCase();
}

/** A changed field's name in words ("whatMattered" as "what mattered to them"). */
export function fieldLabel(t: TFunction, field: string): string {
  return words(t, `audit.fields.${field}`) ?? humanize(field).toLowerCase();
}

/**
 * The action in words. With the event's details, an entry's action names its kind ("Entry added: goal").
 * An action this version has no words for is shown in readable words, never as the recorded key.
 */
export function actionLabel(t: TFunction, action: string, details?: Record<string, unknown>): string {
  const label = words(t, `audit.actions.${action}`) ?? humanize(action);
  if (action.startsWith('entry.') && typeof details?.kind === 'string') {
    return t('audit.entryAction', { action: label, kind: entryKindLabel(t, details.kind) });
  }
  return label;
}

const ROLE_WORDS = new Set(['administrator', 'clinician', 'front_desk']);

function primitive(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function valueWord(t: TFunction, field: string, value: unknown): string {
  if (field === 'role' && typeof value === 'string' && ROLE_WORDS.has(value)) {
    return t(`roles.${value as 'administrator' | 'clinician' | 'front_desk'}`);
  }
  if (value === null || value === '') return t('audit.details.none');
  if (typeof value === 'boolean') return t(value ? 'audit.details.yes' : 'audit.details.no');
  return String(value);
}

/**
 * A short line from an event's details: the reason for a lock or a removal, what changed, whose account.
 * Never a dump of JSON: what does not read well is left out (the entry itself is what matters).
 */
export function detailsLine(t: TFunction, e: AuditEvent): string {
  const d = e.details;
  const parts: string[] = [];
  if (typeof d.reason === 'string') {
    parts.push(words(t, `audit.reasons.${d.reason}`) ?? d.reason);
  }
  // Emergency access names its user in the Who column already.
  if (typeof d.name === 'string' && d.name !== e.actorName) parts.push(d.name);
  if (typeof d.username === 'string') parts.push(d.username);
  if (d.with === 'recoveryCode') parts.push(t('audit.details.recoveryCode'));
  else if (d.knownUser === false) parts.push(t('audit.details.unknownUser'));
  // A person's summary: whether clinical notes were printed in it.
  if (typeof d.clinicalNotesIncluded === 'boolean') parts.push(t(d.clinicalNotesIncluded ? 'audit.details.withClinicalNotes' : 'audit.details.withoutClinicalNotes'));
  if (Array.isArray(d.fields) && d.fields.every((f) => typeof f === 'string')) {
    parts.push(t('audit.details.fields', { fields: d.fields.map((f) => fieldLabel(t, f)).join(', ') }));
  }
  for (const [key, value] of Object.entries(d)) {
    if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
      const { from, to } = value as { from: unknown; to: unknown };
      if ((primitive(from) || from === null) && (primitive(to) || to === null)) {
        parts.push(t('audit.details.changed', { field: fieldLabel(t, key), from: valueWord(t, key, from), to: valueWord(t, key, to) }));
      }
    }
  }
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${d.from} – ${d.to}`);
  return parts.join(' · ');
}
