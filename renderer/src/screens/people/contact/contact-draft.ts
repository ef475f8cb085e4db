import { CONTACT_SETTINGS, type CatalogItem, type Contact, type ContactSetting, type InputOf } from '../../../../../shared/contract';

/** What the record-contact form holds while it is being filled in. */
export interface ContactDraft {
  /** False: the contact is happening now, and core stamps the time when it is saved. */
  earlier: boolean;
  /** When it happened, used when `earlier` is on (minutes only: the form has no seconds). */
  occurredAt: Date;
  setting: ContactSetting | null;
  staffId: number;
  services: number[];
  /** Quantity per supply id; empty or 0 means none given. */
  supplies: Record<number, number | null>;
  whatMattered: string;
  note: string;
}

export function draftFromContact(c: Contact): ContactDraft {
  return {
    earlier: true,
    occurredAt: new Date(c.occurredAt),
    setting: c.setting,
    staffId: c.staffId,
    services: c.services.map((s) => s.id),
    supplies: Object.fromEntries(c.supplies.map((s) => [s.id, s.quantity])),
    whatMattered: c.whatMattered,
    note: c.note ?? '',
  };
}

export function suppliesGiven(d: ContactDraft): { itemId: number; quantity: number }[] {
  return Object.entries(d.supplies)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .map(([id, quantity]) => ({ itemId: Number(id), quantity }));
}

/** Supplies in the order the form shows them: naloxone first, since it is the one that saves a life. */
export function orderSupplies(items: readonly CatalogItem[]): CatalogItem[] {
  const rank = (i: CatalogItem) => (i.category === 'naloxone' ? 0 : 1);
  return items.filter((i) => i.kind === 'supply').sort((a, b) => rank(a) - rank(b));
}

type RecordInput = InputOf<'contacts.record'>;
type Changes = InputOf<'contacts.update'>['changes'];

/** A new contact. The note goes only for roles that may write notes (core refuses it otherwise). */
export function recordInput(personId: number, d: ContactDraft & { setting: ContactSetting }, occurredAtIso: string | undefined, withNote: boolean): RecordInput {
  return {
    personId,
    ...(occurredAtIso ? { occurredAt: occurredAtIso } : {}),
    setting: d.setting,
    staffId: d.staffId,
    services: d.services,
    supplies: suppliesGiven(d),
    whatMattered: d.whatMattered,
    ...(withNote ? { note: d.note } : {}),
  };
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const sameSupplies = (a: { itemId: number; quantity: number }[], b: { itemId: number; quantity: number }[]) =>
  JSON.stringify([...a].sort((x, y) => x.itemId - y.itemId)) === JSON.stringify([...b].sort((x, y) => x.itemId - y.itemId));

/** Only what changed, so the edit history shows a real change and a role without notes never sends one. */
export function contactChanges(before: Contact, d: ContactDraft, occurredAtIso: string, withNote: boolean): Changes {
  const changes: Changes = {};
  if (Date.parse(occurredAtIso) !== Date.parse(before.occurredAt)) changes.occurredAt = occurredAtIso;
  if (d.setting && d.setting !== before.setting) changes.setting = d.setting;
  if (d.staffId !== before.staffId) changes.staffId = d.staffId;
  if (!sameList(d.services, before.services.map((s) => s.id))) changes.services = d.services;
  const supplies = suppliesGiven(d);
  if (!sameSupplies(supplies, before.supplies.map((s) => ({ itemId: s.id, quantity: s.quantity })))) changes.supplies = supplies;
  if (d.whatMattered !== before.whatMattered) changes.whatMattered = d.whatMattered;
  if (withNote && d.note !== (before.note ?? '')) changes.note = d.note;
  return changes;
}

// ---- unsaved work (drafts.save / drafts.get) ----------------------------------------------------

/**
 * The form as plain JSON for the vault. The time only matters once it was set by hand (a new contact
 * "now" is stamped when saved); the clinical note is left out for a role that may not write one, as
 * core would refuse it.
 */
export function contactDraftFields(d: ContactDraft, { editing, withNote }: { editing: boolean; withNote: boolean }): Record<string, unknown> {
  return {
    earlier: d.earlier,
    occurredAt: d.earlier || editing ? d.occurredAt.toISOString() : null,
    setting: d.setting,
    staffId: d.staffId,
    services: d.services,
    supplies: d.supplies,
    whatMattered: d.whatMattered,
    ...(withNote ? { note: d.note } : {}),
  };
}

const isSetting = (v: unknown): v is ContactSetting => typeof v === 'string' && (CONTACT_SETTINGS as readonly string[]).includes(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Back from the vault onto the form as it opened (`base`); whatever does not fit keeps the form's own value. */
export function contactDraftFromFields(f: Record<string, unknown>, base: ContactDraft): ContactDraft {
  const when = typeof f.occurredAt === 'string' && !Number.isNaN(Date.parse(f.occurredAt)) ? new Date(f.occurredAt) : null;
  const supplies: Record<number, number | null> = {};
  if (f.supplies && typeof f.supplies === 'object') {
    for (const [id, q] of Object.entries(f.supplies as Record<string, unknown>)) {
      if (/^[1-9][0-9]*$/.test(id) && (q === null || isCount(q))) supplies[Number(id)] = q;
    }
  }
  return {
    earlier: typeof f.earlier === 'boolean' ? f.earlier : base.earlier,
    occurredAt: when ?? base.occurredAt,
    setting: f.setting === null ? null : isSetting(f.setting) ? f.setting : base.setting,
    staffId: typeof f.staffId === 'number' && Number.isInteger(f.staffId) ? f.staffId : base.staffId,
    services: Array.isArray(f.services) ? f.services.filter((s): s is number => typeof s === 'number' && Number.isInteger(s)) : base.services,
    supplies: f.supplies && typeof f.supplies === 'object' ? supplies : base.supplies,
    whatMattered: typeof f.whatMattered === 'string' ? f.whatMattered : base.whatMattered,
    note: typeof f.note === 'string' ? f.note : base.note,
  };
}
