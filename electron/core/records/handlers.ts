import { CLINICAL_ENTRY_KINDS, ENTRY_KINDS, type EntryKind } from '../../../shared/contract/record-schemas';
import { PERSON_PAGE_CONTACTS } from '../../../shared/contract/records';
import { canReadClinical } from '../../../shared/roles';
import type { SignedInContext } from '../context';
import type { Db } from '../db/database';
import { DoorwayError } from '../errors';
import type { Handlers } from '../router';
import { readSettings } from '../settings/settings';
import { listStaffNames } from '../users/staff';
import { createCatalogItem, listCatalog, updateCatalogItem } from './catalog';
import { contactsForPerson, countContacts, deleteContact, getContact, recordContact, restoreContact, updateContact } from './contacts';
import { addEntry, deleteEntry, entriesForPerson, getEntry, restoreEntry, updateEntry } from './entries';
import { readHistory } from './history';
import { createPerson, deletePerson, getPerson, listPeople, restorePerson, searchPeople, updatePerson, type Actor } from './people';

/** Who made a change to the record, and when: kept on the row itself (edit history, "entered by"). */
const changedBy = (ctx: SignedInContext): Actor => ({ id: ctx.user.id, at: ctx.clock.nowIso() });

function assertKindAllowed(ctx: SignedInContext, kind: EntryKind): void {
  if (!canReadClinical(ctx.user.role) && CLINICAL_ENTRY_KINDS.includes(kind)) {
    throw new DoorwayError('FORBIDDEN', 'Your role does not include this part of the record.');
  }
}

function recipe(db: Db) {
  const s = readSettings(db);
  return { mask: s.clientCodeMask, hint: s.clientCodeHint };
}

export const recordHandlers = {
  'people.search': ({ query, limit }, { db }) => searchPeople(db, query, limit),
  'people.list': (q, { db }) => listPeople(db, q),
  'people.get': ({ id }, { db, user, services }) => {
    const clinical = canReadClinical(user.role);
    const person = getPerson(db, id);
    services.vault.noteRecordOpened(id);
    return {
      person,
      contacts: contactsForPerson(db, id, clinical, { limit: PERSON_PAGE_CONTACTS }),
      contactsTotal: (({ live, removed }) => live + removed)(countContacts(db, id)),
      entries: entriesForPerson(db, id, clinical ? ENTRY_KINDS : ENTRY_KINDS.filter((k) => !CLINICAL_ENTRY_KINDS.includes(k))),
      canReadClinical: clinical,
    };
  },
  'people.create': (fields, ctx) =>
    ctx.write(() => {
      const p = createPerson(ctx.db, fields, changedBy(ctx), recipe(ctx.db));
      ctx.audit({ action: 'person.create', subjectType: 'person', subjectId: p.id });
      return p;
    }),
  'people.update': ({ id, changes }, ctx) =>
    ctx.write(() => {
      const p = updatePerson(ctx.db, id, changes, changedBy(ctx), recipe(ctx.db));
      ctx.audit({ action: 'person.update', subjectType: 'person', subjectId: id, details: { fields: Object.keys(changes) } });
      return p;
    }),
  'people.delete': ({ id, reason }, ctx) =>
    ctx.write(() => {
      deletePerson(ctx.db, id, reason, changedBy(ctx));
      ctx.audit({ action: 'person.delete', subjectType: 'person', subjectId: id, details: { reason } });
      return { id };
    }),
  'people.restore': ({ id }, ctx) =>
    ctx.write(() => {
      restorePerson(ctx.db, id, changedBy(ctx));
      ctx.audit({ action: 'person.restore', subjectType: 'person', subjectId: id });
      return { id };
    }),

  'contacts.record': ({ personId, ...fields }, ctx) =>
    ctx.write(() => {
      // The note is clinical: a role that cannot read notes does not write one it could never see again.
      if (fields.note.trim() !== '' && !canReadClinical(ctx.user.role)) {
        throw new DoorwayError('FORBIDDEN', 'Your role does not include clinical notes. Nothing was saved; "What mattered to them" is there for everyone.');
      }
      const id = recordContact(ctx.db, personId, fields, changedBy(ctx), readSettings(ctx.db).timeZone);
      ctx.audit({ action: 'contact.create', subjectType: 'contact', subjectId: id, details: { personId } });
      return getContact(ctx.db, id, canReadClinical(ctx.user.role));
    }),
  'contacts.list': ({ personId, before, limit }, { db, user }) => {
    getPerson(db, personId);
    return contactsForPerson(db, personId, canReadClinical(user.role), { limit, before });
  },
  'contacts.update': ({ id, changes }, ctx) =>
    ctx.write(() => {
      if (changes.note !== undefined && !canReadClinical(ctx.user.role)) {
        throw new DoorwayError('FORBIDDEN', 'Your role does not include clinical notes.');
      }
      updateContact(ctx.db, id, changes, changedBy(ctx), readSettings(ctx.db).timeZone);
      ctx.audit({ action: 'contact.update', subjectType: 'contact', subjectId: id, details: { fields: Object.keys(changes) } });
      return getContact(ctx.db, id, canReadClinical(ctx.user.role));
    }),
  'contacts.delete': ({ id, reason }, ctx) =>
    ctx.write(() => {
      deleteContact(ctx.db, id, reason, changedBy(ctx), readSettings(ctx.db).timeZone);
      ctx.audit({ action: 'contact.delete', subjectType: 'contact', subjectId: id, details: { reason } });
      return getContact(ctx.db, id, true);
    }),
  'contacts.restore': ({ id }, ctx) =>
    ctx.write(() => {
      restoreContact(ctx.db, id, changedBy(ctx), readSettings(ctx.db).timeZone);
      ctx.audit({ action: 'contact.restore', subjectType: 'contact', subjectId: id });
      return getContact(ctx.db, id, true);
    }),

  'entries.add': ({ personId, kind, occurredOn, data }, ctx) =>
    ctx.write(() => {
      assertKindAllowed(ctx, kind);
      const id = addEntry(ctx.db, personId, kind, occurredOn, data, changedBy(ctx));
      ctx.audit({ action: 'entry.create', subjectType: 'entry', subjectId: id, details: { personId, kind } });
      return getEntry(ctx.db, id);
    }),
  'entries.update': ({ id, occurredOn, data }, ctx) =>
    ctx.write(() => {
      assertKindAllowed(ctx, getEntry(ctx.db, id).kind);
      const e = updateEntry(ctx.db, id, { occurredOn, data }, changedBy(ctx));
      ctx.audit({ action: 'entry.update', subjectType: 'entry', subjectId: id, details: { kind: e.kind } });
      return e;
    }),
  'entries.delete': ({ id, reason }, ctx) =>
    ctx.write(() => {
      deleteEntry(ctx.db, id, reason, changedBy(ctx));
      ctx.audit({ action: 'entry.delete', subjectType: 'entry', subjectId: id, details: { reason } });
      return getEntry(ctx.db, id);
    }),
  'entries.restore': ({ id }, ctx) =>
    ctx.write(() => {
      restoreEntry(ctx.db, id, changedBy(ctx));
      ctx.audit({ action: 'entry.restore', subjectType: 'entry', subjectId: id });
      return getEntry(ctx.db, id);
    }),

  'history.get': ({ recordType, id }, ctx) => {
    const clinical = canReadClinical(ctx.user.role);
    if (recordType === 'entry') assertKindAllowed(ctx, getEntry(ctx.db, id).kind);
    const rows = readHistory(ctx.db, recordType, id);
    // Previous note text stays with the roles that may read notes.
    return clinical ? rows : rows.map((r) => ({ ...r, previous: Object.fromEntries(Object.entries(r.previous).filter(([k]) => k !== 'note')) }));
  },

  'catalog.list': ({ includeInactive }, { data }) => listCatalog(data, includeInactive),
  'catalog.create': (item, ctx) =>
    ctx.transact(async (trx) => {
      const created = await createCatalogItem(trx, item, ctx.clock.nowIso());
      ctx.audit({ action: 'catalog.create', subjectType: 'catalog_item', subjectId: created.id, details: { label: created.label } });
      return created;
    }),
  'catalog.update': ({ id, ...changes }, ctx) =>
    ctx.transact(async (trx) => {
      const updated = await updateCatalogItem(trx, id, changes);
      ctx.audit({ action: 'catalog.update', subjectType: 'catalog_item', subjectId: id, details: changes });
      return updated;
    }),

  'staff.list': (_input, { db }) => listStaffNames(db),
} satisfies Partial<Handlers>;
