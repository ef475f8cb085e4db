import type { z } from 'zod';
import type { contactFieldsSchema} from '../../../shared/contract/record-schemas';
import { type Contact } from '../../../shared/contract/record-schemas';
import type { Db } from '../db/database';
import { DoorwayError } from '../errors';
import { recomputePersonContactDays } from '../continuity/contact-days';
import { assertItems } from './catalog';
import { keepHistory } from './history';
import { refreshContactSummary, requireLivePerson, type Actor } from './people';

type ContactFields = z.output<typeof contactFieldsSchema>;

/** A contact entered more than an hour after it happened is marked "entered later". */
const ENTERED_LATER_MS = 60 * 60 * 1000;

interface ContactRow {
  id: number;
  person_id: number;
  occurred_at: string;
  entered_at: string;
  setting: Contact['setting'];
  staff_id: number;
  staff_name: string;
  what_mattered: string;
  note: string;
  deleted_at: string | null;
  delete_reason: string | null;
}

const SELECT = `SELECT c.id, c.person_id, c.occurred_at, c.entered_at, c.setting, c.staff_id, s.display_name AS staff_name,
  c.what_mattered, c.note, c.deleted_at, c.delete_reason FROM contacts c JOIN staff_users s ON s.id = c.staff_id`;

function attachItems(db: Db, rows: ContactRow[], canReadNotes: boolean): Contact[] {
  if (rows.length === 0) return [];
  const byId = new Map<number, Contact>();
  const out = rows.map((r) => {
    const c: Contact = {
      id: r.id,
      personId: r.person_id,
      occurredAt: r.occurred_at,
      enteredAt: r.entered_at,
      enteredLater: Date.parse(r.entered_at) - Date.parse(r.occurred_at) > ENTERED_LATER_MS,
      setting: r.setting,
      staffId: r.staff_id,
      staffName: r.staff_name,
      services: [],
      supplies: [],
      whatMattered: r.what_mattered,
      note: canReadNotes ? r.note : null,
      deleted: r.deleted_at !== null,
      deleteReason: r.delete_reason,
    };
    byId.set(r.id, c);
    return c;
  });
  // One query each for services and supplies, whatever the number of contacts (person page speed).
  const ids = rows.map((r) => r.id);
  const chunk = 500;
  for (let i = 0; i < ids.length; i += chunk) {
    const part = ids.slice(i, i + chunk);
    const marks = part.map(() => '?').join(',');
    for (const s of db
      .prepare(`SELECT cs.contact_id, i.id, i.label FROM contact_services cs JOIN catalog_items i ON i.id = cs.item_id WHERE cs.contact_id IN (${marks}) ORDER BY i.sort_order`)
      .all(...part) as { contact_id: number; id: number; label: string }[]) {
      byId.get(s.contact_id)!.services.push({ id: s.id, label: s.label });
    }
    for (const s of db
      .prepare(
        `SELECT cs.contact_id, i.id, i.label, i.category, cs.quantity FROM contact_supplies cs JOIN catalog_items i ON i.id = cs.item_id WHERE cs.contact_id IN (${marks}) ORDER BY i.sort_order`,
      )
      .all(...part) as { contact_id: number; id: number; label: string; category: string | null; quantity: number }[]) {
      byId.get(s.contact_id)!.supplies.push({ id: s.id, label: s.label, category: s.category, quantity: s.quantity });
    }
  }
  return out;
}

/** A page of contact history, newest first; `before` continues after the last contact of the previous page. */
export function contactsForPerson(
  db: Db,
  personId: number,
  canReadNotes: boolean,
  page: { limit: number; before?: { occurredAt: string; id: number } | null },
): Contact[] {
  const rows = (
    page.before
      ? db
          .prepare(`${SELECT} WHERE c.person_id = ? AND (c.occurred_at, c.id) < (?, ?) ORDER BY c.occurred_at DESC, c.id DESC LIMIT ?`)
          .all(personId, page.before.occurredAt, page.before.id, page.limit)
      : db.prepare(`${SELECT} WHERE c.person_id = ? ORDER BY c.occurred_at DESC, c.id DESC LIMIT ?`).all(personId, page.limit)
  ) as ContactRow[];
  return attachItems(db, rows, canReadNotes);
}

export function countContacts(db: Db, personId: number): { live: number; removed: number } {
  const r = db
    .prepare('SELECT count(*) FILTER (WHERE deleted_at IS NULL) AS live, count(*) FILTER (WHERE deleted_at IS NOT NULL) AS removed FROM contacts WHERE person_id = ?')
    .get(personId) as { live: number; removed: number };
  return r;
}

export function getContact(db: Db, id: number, canReadNotes: boolean): Contact {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ContactRow | undefined;
  if (!row) throw new DoorwayError('NOT_FOUND', 'That contact could not be found.');
  return attachItems(db, [row], canReadNotes)[0]!;
}

function assertStaffMember(db: Db, staffId: number): void {
  const ok = db.prepare('SELECT 1 FROM staff_users WHERE id = ? AND disabled_at IS NULL').get(staffId);
  if (!ok) throw new DoorwayError('INVALID_INPUT', 'That staff member could not be found.', { fields: { staffId: 'Unknown staff member.' } });
}

function writeItems(db: Db, contactId: number, f: Pick<ContactFields, 'services' | 'supplies'>): void {
  db.prepare('DELETE FROM contact_services WHERE contact_id = ?').run(contactId);
  db.prepare('DELETE FROM contact_supplies WHERE contact_id = ?').run(contactId);
  const svc = db.prepare('INSERT INTO contact_services (contact_id, item_id) VALUES (?, ?)');
  for (const id of f.services) svc.run(contactId, id);
  const sup = db.prepare('INSERT INTO contact_supplies (contact_id, item_id, quantity) VALUES (?, ?, ?)');
  for (const s of f.supplies) sup.run(contactId, s.itemId, s.quantity);
}

function assertNotFuture(occurredAt: string, now: string): void {
  // A few minutes of clock difference are fine; a contact in the future is a typo.
  if (Date.parse(occurredAt) - Date.parse(now) > 5 * 60_000) {
    throw new DoorwayError('INVALID_INPUT', 'A contact cannot be in the future. Please check the date and time.', {
      fields: { occurredAt: 'This is in the future.' },
    });
  }
}

export function recordContact(db: Db, personId: number, f: ContactFields, actor: Actor, timeZone: string): number {
  requireLivePerson(db, personId);
  const occurredAt = new Date(f.occurredAt ?? actor.at).toISOString();
  assertNotFuture(occurredAt, actor.at);
  const staffId = f.staffId ?? actor.id;
  assertStaffMember(db, staffId);
  assertItems(db, 'service', f.services, 'services');
  assertItems(db, 'supply', f.supplies.map((s) => s.itemId), 'supplies');
  const info = db
    .prepare(
      `INSERT INTO contacts (person_id, occurred_at, entered_at, setting, staff_id, what_mattered, note, created_by, updated_at, updated_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(personId, occurredAt, actor.at, f.setting, staffId, f.whatMattered.trim(), f.note, actor.id, actor.at, actor.id);
  const id = Number(info.lastInsertRowid);
  writeItems(db, id, f);
  refreshContactSummary(db, personId);
  recomputePersonContactDays(db, timeZone, personId, occurredAt);
  return id;
}

export function updateContact(db: Db, id: number, changes: Partial<ContactFields>, actor: Actor, timeZone: string): number {
  const before = getContact(db, id, true);
  if (before.deleted) throw new DoorwayError('CONFLICT', 'This contact was removed. Restore it first to edit it.');
  const occurredAt = changes.occurredAt ? new Date(changes.occurredAt).toISOString() : before.occurredAt;
  if (changes.occurredAt) assertNotFuture(occurredAt, actor.at);
  const staffId = changes.staffId ?? before.staffId;
  if (changes.staffId) assertStaffMember(db, staffId);
  const services = changes.services ?? before.services.map((s) => s.id);
  const supplies = changes.supplies ?? before.supplies.map((s) => ({ itemId: s.id, quantity: s.quantity }));
  if (changes.services) assertItems(db, 'service', services, 'services');
  if (changes.supplies) assertItems(db, 'supply', supplies.map((s) => s.itemId), 'supplies');
  const previous = {
    occurredAt: before.occurredAt,
    setting: before.setting,
    staffId: before.staffId,
    services: before.services.map((s) => s.id),
    supplies: before.supplies.map((s) => ({ itemId: s.id, quantity: s.quantity })),
    whatMattered: before.whatMattered,
    note: before.note,
  };
  db.prepare('UPDATE contacts SET occurred_at = ?, setting = ?, staff_id = ?, what_mattered = ?, note = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(
    occurredAt,
    changes.setting ?? before.setting,
    staffId,
    changes.whatMattered ?? before.whatMattered,
    changes.note ?? before.note,
    actor.at,
    actor.id,
    id,
  );
  writeItems(db, id, { services, supplies });
  keepHistory(db, { type: 'contact', id, change: 'edit', previous, by: actor.id, at: actor.at });
  refreshContactSummary(db, before.personId);
  recomputePersonContactDays(db, timeZone, before.personId, occurredAt < before.occurredAt ? occurredAt : before.occurredAt);
  return before.personId;
}

export function deleteContact(db: Db, id: number, reason: string, actor: Actor, timeZone: string): number {
  const c = getContact(db, id, true);
  if (c.deleted) throw new DoorwayError('CONFLICT', 'This contact is already removed.');
  db.prepare('UPDATE contacts SET deleted_at = ?, deleted_by = ?, delete_reason = ? WHERE id = ?').run(actor.at, actor.id, reason, id);
  keepHistory(db, { type: 'contact', id, change: 'delete', previous: { deleted: false }, by: actor.id, at: actor.at, reason });
  refreshContactSummary(db, c.personId);
  recomputePersonContactDays(db, timeZone, c.personId, c.occurredAt);
  return c.personId;
}

export function restoreContact(db: Db, id: number, actor: Actor, timeZone: string): number {
  const c = getContact(db, id, true);
  if (!c.deleted) throw new DoorwayError('CONFLICT', 'This contact is not removed, so there is nothing to restore.');
  requireLivePerson(db, c.personId);
  db.prepare('UPDATE contacts SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL WHERE id = ?').run(id);
  keepHistory(db, { type: 'contact', id, change: 'restore', previous: { deleted: true, deleteReason: c.deleteReason }, by: actor.id, at: actor.at });
  refreshContactSummary(db, c.personId);
  recomputePersonContactDays(db, timeZone, c.personId, c.occurredAt);
  return c.personId;
}
