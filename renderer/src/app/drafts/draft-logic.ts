import type { DraftSummary } from '../../../../shared/contract/drafts';
import type { EntryKind } from '../../../../shared/contract';

/** How long typing rests before it is kept: short enough that a lock right after loses nothing much. */
export const DRAFT_SAVE_DELAY_MS = 800;

/** JSON with object keys in order, so two forms holding the same values compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return v;
  });
}

/** What a draft's key says about the form it came from. */
export type DraftPlace =
  | { kind: 'contactNew'; personId: number }
  | { kind: 'contactEdit'; contactId: number }
  | { kind: 'entryNew'; entryKind: EntryKind; personId: number }
  | { kind: 'entryEdit'; entryId: number }
  | { kind: 'personNew' }
  | { kind: 'personEdit'; personId: number }
  | { kind: 'outreach'; personId: number };

const ID = '([1-9][0-9]{0,15})';

export function parseDraftKey(key: string): DraftPlace | null {
  let m = new RegExp(`^contact:new:${ID}$`).exec(key);
  if (m) return { kind: 'contactNew', personId: Number(m[1]) };
  m = new RegExp(`^contact:edit:${ID}$`).exec(key);
  if (m) return { kind: 'contactEdit', contactId: Number(m[1]) };
  m = new RegExp(`^entry:edit:${ID}$`).exec(key);
  if (m) return { kind: 'entryEdit', entryId: Number(m[1]) };
  m = new RegExp(`^entry:([a-z_]+):${ID}$`).exec(key);
  if (m) return { kind: 'entryNew', entryKind: m[1] as EntryKind, personId: Number(m[2]) };
  if (key === 'person:new') return { kind: 'personNew' };
  m = new RegExp(`^person:edit:${ID}$`).exec(key);
  if (m) return { kind: 'personEdit', personId: Number(m[1]) };
  m = new RegExp(`^outreach:${ID}$`).exec(key);
  if (m) return { kind: 'outreach', personId: Number(m[1]) };
  return null;
}

/** Where "Continue" on the home screen goes: the form's own screen, or the page that holds it. */
export function draftRoute(d: Pick<DraftSummary, 'key' | 'personId'>): string {
  const place = parseDraftKey(d.key);
  switch (place?.kind) {
    case 'contactNew':
      return `/people/${place.personId}/contact`;
    case 'contactEdit':
      return d.personId ? `/people/${d.personId}/contact/${place.contactId}` : '/';
    case 'entryNew':
    case 'entryEdit':
      return d.personId ? `/people/${d.personId}` : '/';
    case 'personNew':
      return '/people/new';
    case 'personEdit':
      return `/people/${place.personId}/edit`;
    case 'outreach':
      // Door's open, on the page that lists them, with their outreach dialog open and the note offered.
      return `/doors/outreach/${place.personId}`;
    default:
      return '/';
  }
}

/** Keys of the sentences that name a draft ("an unsaved contact for Sam"): drafts.line.* and drafts.offer.*. */
export type DraftSentence = 'contactNew' | 'contactEdit' | 'entryNew' | 'entryEdit' | 'personNew' | 'personEdit' | 'outreach';

export function draftSentence(d: Pick<DraftSummary, 'key' | 'form'>): DraftSentence {
  const place = parseDraftKey(d.key);
  if (place) return place.kind;
  return d.form === 'contact' ? 'contactNew' : d.form === 'entry' ? 'entryNew' : d.form === 'person' ? 'personNew' : 'outreach';
}

/** "5:42 PM" for today's drafts, the day and time for older ones. */
export function isSameLocalDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * A kept form back onto an empty one: each field the form knows takes the kept value when it is of
 * the same kind (text for text, a list for a list; anything for a field that starts empty), so a
 * draft from an older version of a form can never break it.
 */
export function mergeKept<D extends object>(empty: D, kept: unknown): D | null {
  if (!kept || typeof kept !== 'object' || Array.isArray(kept)) return null;
  const out: Record<string, unknown> = { ...(empty as Record<string, unknown>) };
  for (const [k, base] of Object.entries(empty as Record<string, unknown>)) {
    if (!(k in kept)) continue;
    const v = (kept as Record<string, unknown>)[k];
    const fits = base === null || base === undefined ? v === null || ['string', 'number', 'boolean'].includes(typeof v) : Array.isArray(base) ? Array.isArray(v) : v !== null && typeof v === typeof base;
    if (fits) out[k] = v;
  }
  return out as D;
}
