import { CLINICAL_ENTRY_KINDS, ENTRY_KINDS, type EntryKind } from '../../../shared/contract/record-schemas';
import type { Role } from '../../../shared/roles';
import type { DoorwayCore, Session } from '../app';
import { DoorwayError } from '../errors';
import { createCatalogItem, listCatalog, updateCatalogItem } from '../records/catalog';
import { PERSON_PAGE_CONTACTS } from '../../../shared/contract/records';
import { contactsForPerson, countContacts, deleteContact, getContact, recordContact, restoreContact, updateContact } from '../records/contacts';
import { addEntry, deleteEntry, entriesForPerson, getEntry, restoreEntry, updateEntry } from '../records/entries';
import { readHistory } from '../records/history';
import { createPerson, deletePerson, getPerson, listPeople, restorePerson, searchPeople, updatePerson, type Actor } from '../records/people';
import { readSettings } from '../settings';
import type { HandlerContext, Handlers } from '../router';

/** Clinical notes, substance use, treatment interest and overdose responses are not for the front desk. */
export const canReadClinical = (role: Role) => role !== 'front_desk';

function actorOf(ctx: HandlerContext): Actor {
  return { id: ctx.session!.user.id, at: ctx.core.nowIso() };
}

function assertKindAllowed(session: Session, kind: EntryKind): void {
  if (!canReadClinical(session.user.role) && CLINICAL_ENTRY_KINDS.includes(kind)) {
    throw new DoorwayError('FORBIDDEN', 'Your role does not include this part of the record.');
  }
}

/** A write and its audit event commit together or not at all. */
function write<T>(core: DoorwayCore, fn: () => T): T {
  return core.db.transaction(fn)();
}

function recipe(core: DoorwayCore) {
  const s = readSettings(core.db);
  return { mask: s.clientCodeMask, hint: s.clientCodeHint };
}

export const recordHandlers = {
  'people.search': ({ query, limit }, { core }) => searchPeople(core.db, query, limit),
  'people.list': (q, { core }) => listPeople(core.db, q),
  'people.get': ({ id }, ctx) => {
    const { core, session } = ctx;
    const clinical = canReadClinical(session!.user.role);
    const person = getPerson(core.db, id);
    core.noteRecordOpened(id);
    return {
      person,
      contacts: contactsForPerson(core.db, id, clinical, { limit: PERSON_PAGE_CONTACTS }),
      contactsTotal: (({ live, removed }) => live + removed)(countContacts(core.db, id)),
      entries: entriesForPerson(core.db, id, clinical ? ENTRY_KINDS : ENTRY_KINDS.filter((k) => !CLINICAL_ENTRY_KINDS.includes(k))),
      canReadClinical: clinical,
    };
  },
  'people.create': (fields, ctx) =>
    write(ctx.core, () => {
      const p = createPerson(ctx.core.db, fields, actorOf(ctx), recipe(ctx.core));
      ctx.core.audit({ action: 'person.create', subjectType: 'person', subjectId: p.id });
      return p;
    }),
  'people.update': ({ id, changes }, ctx) =>
    write(ctx.core, () => {
      const p = updatePerson(ctx.core.db, id, changes, actorOf(ctx), recipe(ctx.core));
      ctx.core.audit({ action: 'person.update', subjectType: 'person', subjectId: id, details: { fields: Object.keys(changes) } });
      return p;
    }),
  'people.delete': ({ id, reason }, ctx) =>
    write(ctx.core, () => {
      deletePerson(ctx.core.db, id, reason, actorOf(ctx));
      ctx.core.audit({ action: 'person.delete', subjectType: 'person', subjectId: id, details: { reason } });
      return { id };
    }),
  'people.restore': ({ id }, ctx) =>
    write(ctx.core, () => {
      restorePerson(ctx.core.db, id, actorOf(ctx));
      ctx.core.audit({ action: 'person.restore', subjectType: 'person', subjectId: id });
      return { id };
    }),

  'contacts.record': ({ personId, ...fields }, ctx) =>
    write(ctx.core, () => {
      // The note is clinical: a role that cannot read notes does not write one it could never see again.
      if (fields.note.trim() !== '' && !canReadClinical(ctx.session!.user.role)) {
        throw new DoorwayError('FORBIDDEN', 'Your role does not include clinical notes. Nothing was saved; "What mattered to them" is there for everyone.');
      }
      const id = recordContact(ctx.core.db, personId, fields, actorOf(ctx), readSettings(ctx.core.db).timeZone);
      ctx.core.audit({ action: 'contact.create', subjectType: 'contact', subjectId: id, details: { personId } });
      return getContact(ctx.core.db, id, canReadClinical(ctx.session!.user.role));
    }),
  'contacts.list': ({ personId, before, limit }, { core, session }) => {
    getPerson(core.db, personId);
    return contactsForPerson(core.db, personId, canReadClinical(session!.user.role), { limit, before });
  },
  'contacts.update': ({ id, changes }, ctx) =>
    write(ctx.core, () => {
      if (changes.note !== undefined && !canReadClinical(ctx.session!.user.role)) {
        throw new DoorwayError('FORBIDDEN', 'Your role does not include clinical notes.');
      }
      updateContact(ctx.core.db, id, changes, actorOf(ctx), readSettings(ctx.core.db).timeZone);
      ctx.core.audit({ action: 'contact.update', subjectType: 'contact', subjectId: id, details: { fields: Object.keys(changes) } });
      return getContact(ctx.core.db, id, canReadClinical(ctx.session!.user.role));
    }),
  'contacts.delete': ({ id, reason }, ctx) =>
    write(ctx.core, () => {
      deleteContact(ctx.core.db, id, reason, actorOf(ctx), readSettings(ctx.core.db).timeZone);
      ctx.core.audit({ action: 'contact.delete', subjectType: 'contact', subjectId: id, details: { reason } });
      return getContact(ctx.core.db, id, true);
    }),
  'contacts.restore': ({ id }, ctx) =>
    write(ctx.core, () => {
      restoreContact(ctx.core.db, id, actorOf(ctx), readSettings(ctx.core.db).timeZone);
      ctx.core.audit({ action: 'contact.restore', subjectType: 'contact', subjectId: id });
      return getContact(ctx.core.db, id, true);
    }),

  'entries.add': ({ personId, kind, occurredOn, data }, ctx) =>
    write(ctx.core, () => {
      assertKindAllowed(ctx.session!, kind);
      const id = addEntry(ctx.core.db, personId, kind, occurredOn, data, actorOf(ctx));
      ctx.core.audit({ action: 'entry.create', subjectType: 'entry', subjectId: id, details: { personId, kind } });
      return getEntry(ctx.core.db, id);
    }),
  'entries.update': ({ id, occurredOn, data }, ctx) =>
    write(ctx.core, () => {
      assertKindAllowed(ctx.session!, getEntry(ctx.core.db, id).kind);
      const e = updateEntry(ctx.core.db, id, { occurredOn, data }, actorOf(ctx));
      ctx.core.audit({ action: 'entry.update', subjectType: 'entry', subjectId: id, details: { kind: e.kind } });
      return e;
    }),
  'entries.delete': ({ id, reason }, ctx) =>
    write(ctx.core, () => {
      deleteEntry(ctx.core.db, id, reason, actorOf(ctx));
      ctx.core.audit({ action: 'entry.delete', subjectType: 'entry', subjectId: id, details: { reason } });
      return getEntry(ctx.core.db, id);
    }),
  'entries.restore': ({ id }, ctx) =>
    write(ctx.core, () => {
      restoreEntry(ctx.core.db, id, actorOf(ctx));
      ctx.core.audit({ action: 'entry.restore', subjectType: 'entry', subjectId: id });
      return getEntry(ctx.core.db, id);
    }),

  'history.get': ({ recordType, id }, { core, session }) => {
    const clinical = canReadClinical(session!.user.role);
    if (recordType === 'entry') assertKindAllowed(session!, getEntry(core.db, id).kind);
    const rows = readHistory(core.db, recordType, id);
    // Previous note text stays with the roles that may read notes.
    return clinical ? rows : rows.map((r) => ({ ...r, previous: Object.fromEntries(Object.entries(r.previous).filter(([k]) => k !== 'note')) }));
  },

  'catalog.list': ({ includeInactive }, { core }) => listCatalog(core.db, includeInactive),
  'catalog.create': (item, ctx) =>
    write(ctx.core, () => {
      const created = createCatalogItem(ctx.core.db, item, ctx.core.nowIso());
      ctx.core.audit({ action: 'catalog.create', subjectType: 'catalog_item', subjectId: created.id, details: { label: created.label } });
      return created;
    }),
  'catalog.update': ({ id, ...changes }, ctx) =>
    write(ctx.core, () => {
      const updated = updateCatalogItem(ctx.core.db, id, changes);
      ctx.core.audit({ action: 'catalog.update', subjectType: 'catalog_item', subjectId: id, details: changes });
      return updated;
    }),

  'staff.list': (_input, { core }) =>
    (core.db.prepare('SELECT id, display_name, disabled_at FROM staff_users ORDER BY display_name COLLATE NOCASE').all() as {
      id: number;
      display_name: string;
      disabled_at: string | null;
    }[]).map((s) => ({ id: s.id, displayName: s.display_name, active: s.disabled_at === null })),
} satisfies Partial<Handlers>;
