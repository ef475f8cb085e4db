import type { CatalogItem, Contact, ContactSetting, InputOf } from '../../../../../shared/contract';

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
