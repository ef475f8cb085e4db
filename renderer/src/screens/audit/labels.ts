import type { TFunction } from 'i18next';
import type { AuditEvent } from '../../../../shared/contract';
import i18n from '../../i18n/i18n';

/** The action in words; an action this version has no words for is shown as it was recorded. */
export function actionLabel(t: TFunction, action: string): string {
  const key = `audit.actions.${action}`;
  return i18n.exists(key) ? (t(key as 'audit.actions.session.signIn') as string) : action;
}

const ROLE_WORDS = new Set(['administrator', 'clinician', 'front_desk']);

function roleWord(t: TFunction, value: unknown): string {
  return typeof value === 'string' && ROLE_WORDS.has(value) ? t(`roles.${value as 'administrator' | 'clinician' | 'front_desk'}`) : String(value);
}

function primitive(v: unknown): v is string | number | boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/**
 * A short line from an event's details: the reason for a lock or a removal, what changed, whose account.
 * Never a dump of JSON: what does not read well is left out (the entry itself is what matters).
 */
export function detailsLine(t: TFunction, e: AuditEvent): string {
  const d = e.details;
  const parts: string[] = [];
  if (typeof d.reason === 'string') {
    const reasonKey = `audit.reasons.${d.reason}`;
    parts.push(i18n.exists(reasonKey) ? (t(reasonKey as 'audit.reasons.manual') as string) : d.reason);
  }
  // Emergency access names its user in the Who column already.
  if (typeof d.name === 'string' && d.name !== e.actorName) parts.push(d.name);
  if (typeof d.username === 'string') parts.push(d.username);
  if (d.with === 'recoveryCode') parts.push(t('audit.details.recoveryCode'));
  else if (d.knownUser === false) parts.push(t('audit.details.unknownUser'));
  if (Array.isArray(d.fields) && d.fields.every(primitive)) parts.push(d.fields.join(', '));
  for (const [key, value] of Object.entries(d)) {
    if (value && typeof value === 'object' && 'from' in value && 'to' in value) {
      const { from, to } = value as { from: unknown; to: unknown };
      if (primitive(from) && primitive(to)) parts.push(key === 'role' ? `${roleWord(t, from)} → ${roleWord(t, to)}` : `${String(from)} → ${String(to)}`);
    }
  }
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`${d.from} – ${d.to}`);
  return parts.join(' · ');
}
