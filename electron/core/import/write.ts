import { contactPrefsSchema } from '../../../shared/contract/record-schemas';
import { recomputeContactDaysFrom } from '../continuity/contact-days';
import { engineOf, type Data, type Engine } from '../data/engine';
import { insertNotes } from '../records/clinical';
import { insertContactServices, insertContacts, insertContactSupplies } from '../records/contacts';
import { insertPeople, refreshContactSummary, type Actor, type NewPerson } from '../records/people';
import type { Pace } from './pace';
import type { ContactsPlan, PeoplePlan } from './plan';

/**
 * Writes a checked plan through the records feature's bulk inserts (multi-row statements), a batch at
 * a time so a large file never holds all its statements' values at once, and so the pace can give the
 * event loop a turn between batches (pace.ts). The caller runs it inside one transaction with the
 * import's audit event: all of it lands, or none.
 */
const BATCH = 1_000;

const newPerson = (fields: PeoplePlan['people'][number]['fields'], actor: Actor): NewPerson => ({
  clientCode: fields.clientCode,
  name: fields.name,
  preferredName: fields.preferredName,
  pronouns: fields.pronouns,
  birthYear: fields.birthYear,
  contactPrefs: fields.contactPrefs,
  usualStaffId: fields.usualStaffId,
  createdAt: actor.at,
  createdBy: actor.id,
});

export async function writePeople(trx: Data, engine: Engine, plan: PeoplePlan, actor: Actor, pace?: Pace): Promise<number> {
  for (let i = 0; i < plan.people.length; i += BATCH) {
    await pace?.step('writing', i, plan.people.length);
    await insertPeople(trx, engine.peopleSearch, plan.people.slice(i, i + BATCH).map((p) => newPerson(p.fields, actor)));
  }
  return plan.people.length;
}

const NO_PREFERENCES = contactPrefsSchema.parse({});

/** A person a contact file names who is not in Doorway yet: just the code, as a person can be. */
const codeOnly = (code: string, actor: Actor): NewPerson => ({
  clientCode: code,
  name: null,
  preferredName: null,
  pronouns: null,
  birthYear: null,
  contactPrefs: NO_PREFERENCES,
  usualStaffId: null,
  createdAt: actor.at,
  createdBy: actor.id,
});

export async function writeContacts(
  trx: Data,
  engine: Engine,
  plan: ContactsPlan,
  actor: Actor,
  timeZone: string,
  pace?: Pace,
): Promise<{ peopleAdded: number; contactsAdded: number }> {
  // The bar counts new people, contacts, then the people whose days are worked out again (at most one per contact).
  const people = plan.matched.length + plan.newCodes.length;
  const total = plan.newCodes.length + plan.contacts.length + people;
  const personByCode = new Map<string, number>(plan.matched.map((m) => [m.clientCode, m.personId]));
  // People already in Doorway get contacts only here: on a clinic hub, their row is locked first, as recording one contact does.
  for (const m of plan.matched) await engineOf(trx).locks.person(trx, m.personId);
  for (let i = 0; i < plan.newCodes.length; i += BATCH) {
    await pace?.step('writing', i, total);
    const codes = plan.newCodes.slice(i, i + BATCH);
    const ids = await insertPeople(trx, engine.peopleSearch, codes.map((c) => codeOnly(c, actor)));
    codes.forEach((c, j) => personByCode.set(c, ids[j]!));
  }
  /** Per person, their earliest imported contact: their days and gaps are recomputed from there. */
  const earliest = new Map<number, string>();
  for (let i = 0; i < plan.contacts.length; i += BATCH) {
    await pace?.step('writing', plan.newCodes.length + i, total);
    const part = plan.contacts.slice(i, i + BATCH);
    const ids = await insertContacts(
      trx,
      part.map((c) => {
        const personId = personByCode.get(c.code)!;
        const seen = earliest.get(personId);
        if (seen === undefined || c.occurredAt < seen) earliest.set(personId, c.occurredAt);
        return {
          personId,
          occurredAt: c.occurredAt,
          enteredAt: actor.at,
          setting: c.setting,
          staffId: c.staffId,
          whatMattered: c.whatMattered,
          createdBy: actor.id,
          updatedAt: actor.at,
          updatedBy: actor.id,
        };
      }),
    );
    await insertContactServices(trx, part.flatMap((c, j) => c.services.map((itemId) => ({ contactId: ids[j]!, itemId }))));
    await insertContactSupplies(trx, part.flatMap((c, j) => c.supplies.map((s) => ({ contactId: ids[j]!, itemId: s.itemId, quantity: s.quantity }))));
    await insertNotes(trx, part.map((c, j) => ({ contactId: ids[j]!, note: c.note })));
  }
  // One person at a time: someone with hundreds of contacts in the file takes a while on their own.
  let i = 0;
  for (const [personId, from] of earliest) {
    await pace?.step('writing', plan.newCodes.length + plan.contacts.length + i++, total);
    await refreshContactSummary(trx, personId);
    await recomputeContactDaysFrom(trx, timeZone, new Map([[personId, from]]));
  }
  return { peopleAdded: plan.newCodes.length, contactsAdded: plan.contacts.length };
}
