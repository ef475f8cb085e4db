import { entryKindsFor, type Entry, type EntryKind } from '../../../shared/contract/record-schemas';
import { PERSON_PAGE_CONTACTS } from '../../../shared/contract/records';
import { canReadClinical } from '../../../shared/roles';
import type { SignedInContext } from '../context';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import type { Handlers } from '../router';
import type { Data } from '../data/engine';
import { readSettingsIn } from '../settings/settings';
import { listStaffNames } from '../users/staff';
import { createCatalogItem, listCatalog, updateCatalogItem } from './catalog';
import { contactsForPerson, countContacts, deleteContact, getContact, recordContact, restoreContact, updateContact } from './contacts';
import { addEntry, deleteEntry, entriesForPerson, entryKind, getEntry, restoreEntry, updateEntry } from './entries';
import { readHistory } from './history';
import { createPerson, deletePerson, getPerson, listPeople, restorePerson, searchPeople, updatePerson, type Actor } from './people';

/** Who made a change to the record, and when: kept on the row itself (edit history, "entered by"). */
const changedBy = (ctx: SignedInContext): Actor => ({ id: ctx.user.id, at: ctx.clock.nowIso() });

function assertKindAllowed(ctx: SignedInContext, kind: EntryKind): void {
  if (!entryKindsFor(canReadClinical(ctx.user.role)).includes(kind)) {
    throw new DoorwayError('FORBIDDEN', msg('records.roleLacksPart'));
  }
}

/** A phase change's reason can say why care changed; for roles without clinical content, only the phase and date. */
function visibleData(kind: EntryKind, data: Record<string, unknown>): Record<string, unknown> {
  if (kind !== 'phase_change' || !('reason' in data)) return data;
  const { reason: _hidden, ...rest } = data;
  return rest;
}

const withoutHiddenFields = (entry: Entry, clinical: boolean): Entry => (clinical ? entry : { ...entry, data: visibleData(entry.kind, entry.data) });

async function recipe(data: Data) {
  const s = await readSettingsIn(data);
  return { mask: s.clientCodeMask, hint: s.clientCodeHint };
}

export const recordHandlers = {
  'people.search': ({ query, limit }, { data, engine }) => searchPeople(data, engine.peopleSearch, query, limit),
  'people.list': (q, { data }) => listPeople(data, q),
  'people.get': async ({ id }, { data, user, services }) => {
    const clinical = canReadClinical(user.role);
    const person = await getPerson(data, id);
    await services.vault.noteRecordOpened(id);
    const contacts = await contactsForPerson(data, id, clinical, { limit: PERSON_PAGE_CONTACTS });
    const { live, removed } = await countContacts(data, id);
    const entries = (await entriesForPerson(data, id, entryKindsFor(clinical))).map((e) => withoutHiddenFields(e, clinical));
    return { person, contacts, contactsTotal: live + removed, entries, canReadClinical: clinical };
  },
  'people.create': (fields, ctx) =>
    ctx.transact(async (trx) => {
      const p = await createPerson(trx, ctx.engine.peopleSearch, fields, changedBy(ctx), await recipe(trx));
      await ctx.audit({ action: 'person.create', subjectType: 'person', subjectId: p.id });
      return p;
    }),
  'people.update': ({ id, changes }, ctx) =>
    ctx.transact(async (trx) => {
      const p = await updatePerson(trx, ctx.engine.peopleSearch, id, changes, changedBy(ctx), await recipe(trx));
      await ctx.audit({ action: 'person.update', subjectType: 'person', subjectId: id, details: { fields: Object.keys(changes) } });
      return p;
    }),
  'people.delete': ({ id, reason }, ctx) =>
    ctx.transact(async (trx) => {
      await deletePerson(trx, ctx.engine.peopleSearch, id, reason, changedBy(ctx));
      await ctx.audit({ action: 'person.delete', subjectType: 'person', subjectId: id, details: { reason } });
      return { id };
    }),
  'people.restore': ({ id }, ctx) =>
    ctx.transact(async (trx) => {
      await restorePerson(trx, ctx.engine.peopleSearch, id, changedBy(ctx));
      await ctx.audit({ action: 'person.restore', subjectType: 'person', subjectId: id });
      return { id };
    }),

  'contacts.record': ({ personId, ...fields }, ctx) =>
    ctx.transact(async (trx) => {
      // The note is clinical: a role that cannot read notes does not write one it could never see again.
      if (fields.note.trim() !== '' && !canReadClinical(ctx.user.role)) {
        throw new DoorwayError('FORBIDDEN', msg('records.noClinicalNotesSaved'));
      }
      const id = await recordContact(trx, personId, fields, changedBy(ctx), (await readSettingsIn(trx)).timeZone);
      await ctx.audit({ action: 'contact.create', subjectType: 'contact', subjectId: id, details: { personId } });
      return getContact(trx, id, canReadClinical(ctx.user.role));
    }),
  'contacts.list': async ({ personId, before, limit }, { data, user }) => {
    await getPerson(data, personId);
    return contactsForPerson(data, personId, canReadClinical(user.role), { limit, before });
  },
  'contacts.update': ({ id, changes }, ctx) =>
    ctx.transact(async (trx) => {
      if (changes.note !== undefined && !canReadClinical(ctx.user.role)) {
        throw new DoorwayError('FORBIDDEN', msg('records.noClinicalNotes'));
      }
      await updateContact(trx, id, changes, changedBy(ctx), (await readSettingsIn(trx)).timeZone, canReadClinical(ctx.user.role));
      await ctx.audit({ action: 'contact.update', subjectType: 'contact', subjectId: id, details: { fields: Object.keys(changes) } });
      return getContact(trx, id, canReadClinical(ctx.user.role));
    }),
  'contacts.delete': ({ id, reason }, ctx) =>
    ctx.transact(async (trx) => {
      await deleteContact(trx, id, reason, changedBy(ctx), (await readSettingsIn(trx)).timeZone);
      await ctx.audit({ action: 'contact.delete', subjectType: 'contact', subjectId: id, details: { reason } });
      return getContact(trx, id, canReadClinical(ctx.user.role));
    }),
  'contacts.restore': ({ id }, ctx) =>
    ctx.transact(async (trx) => {
      await restoreContact(trx, id, changedBy(ctx), (await readSettingsIn(trx)).timeZone);
      await ctx.audit({ action: 'contact.restore', subjectType: 'contact', subjectId: id });
      return getContact(trx, id, canReadClinical(ctx.user.role));
    }),

  'entries.add': ({ personId, kind, occurredOn, data }, ctx) =>
    ctx.transact(async (trx) => {
      assertKindAllowed(ctx, kind);
      const id = await addEntry(trx, personId, kind, occurredOn, data, changedBy(ctx));
      await ctx.audit({ action: 'entry.create', subjectType: 'entry', subjectId: id, details: { personId, kind } });
      return getEntry(trx, id);
    }),
  'entries.update': ({ id, occurredOn, data }, ctx) =>
    ctx.transact(async (trx) => {
      assertKindAllowed(ctx, await entryKind(trx, id));
      const e = await updateEntry(trx, id, { occurredOn, data }, changedBy(ctx));
      await ctx.audit({ action: 'entry.update', subjectType: 'entry', subjectId: id, details: { kind: e.kind } });
      return e;
    }),
  'entries.delete': ({ id, reason }, ctx) =>
    ctx.transact(async (trx) => {
      assertKindAllowed(ctx, await entryKind(trx, id));
      await deleteEntry(trx, id, reason, changedBy(ctx));
      await ctx.audit({ action: 'entry.delete', subjectType: 'entry', subjectId: id, details: { reason } });
      return getEntry(trx, id);
    }),
  'entries.restore': ({ id }, ctx) =>
    ctx.transact(async (trx) => {
      assertKindAllowed(ctx, await entryKind(trx, id));
      await restoreEntry(trx, id, changedBy(ctx));
      await ctx.audit({ action: 'entry.restore', subjectType: 'entry', subjectId: id });
      return getEntry(trx, id);
    }),

  'history.get': async ({ recordType, id }, ctx) => {
    const clinical = canReadClinical(ctx.user.role);
    const kind = recordType === 'entry' ? await entryKind(ctx.data, id) : null;
    if (kind) assertKindAllowed(ctx, kind);
    const rows = await readHistory(ctx.data, recordType, id, clinical);
    if (clinical) return rows;
    // Earlier versions hide what the current one hides: a note (a vault not yet split into two stores
    // still has it in the main one), a phase change's reason.
    return rows.map((r) => {
      const { note: _note, ...previous } = r.previous;
      if (kind && typeof previous.data === 'object' && previous.data !== null) previous.data = visibleData(kind, previous.data as Record<string, unknown>);
      return { ...r, previous };
    });
  },

  'catalog.list': ({ includeInactive }, { data }) => listCatalog(data, includeInactive),
  'catalog.create': (item, ctx) =>
    ctx.transact(async (trx) => {
      const created = await createCatalogItem(trx, item, ctx.clock.nowIso());
      await ctx.audit({ action: 'catalog.create', subjectType: 'catalog_item', subjectId: created.id, details: { label: created.label } });
      return created;
    }),
  'catalog.update': ({ id, ...changes }, ctx) =>
    ctx.transact(async (trx) => {
      const updated = await updateCatalogItem(trx, id, changes);
      await ctx.audit({ action: 'catalog.update', subjectType: 'catalog_item', subjectId: id, details: changes });
      return updated;
    }),

  'staff.list': (_input, { data }) => listStaffNames(data),
} satisfies Partial<Handlers>;
