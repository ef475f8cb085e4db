import { contactPrefsSchema } from '../../../shared/contract/record-schemas';
import { recomputeContactDaysFrom } from '../continuity/contact-days';
import { engineOf, type Data, type Engine } from '../data/engine';
import { insertNotes } from '../records/clinical';
import { insertContactServices, insertContacts, insertContactSupplies } from '../records/contacts';
import { insertPeople, refreshContactSummary, type Actor, type NewPerson } from '../records/people';
import type { ContactsPlan, PeoplePlan } from './plan';

/**
 * Writes a checked plan through the records feature's bulk inserts (multi-row statements), a batch at
 * a time so a large file never holds all its statements' values at once. The caller runs it inside
 * one transaction with the import's audit event: all of it lands, or none.
 */
const BATCH = 5_000;

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

export async function writePeople(trx: Data, engine: Engine, plan: PeoplePlan, actor: Actor): Promise<number> {
  for (let i = 0; i < plan.people.length; i += BATCH) {
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

export async function writeContacts(trx: Data, engine: Engine, plan: ContactsPlan, actor: Actor, timeZone: string): Promise<{ peopleAdded: number; contactsAdded: number }> {
  const personByCode = new Map<string, number>(plan.matched.map((m) => [m.clientCode, m.personId]));
  // People already in Doorway get contacts only here: on a clinic hub, their row is locked first, as recording one contact does.
  for (const m of plan.matched) await engineOf(trx).locks.person(trx, m.personId);
  for (let i = 0; i < plan.newCodes.length; i += BATCH) {
    const codes = plan.newCodes.slice(i, i + BATCH);
    const ids = await insertPeople(trx, engine.peopleSearch, codes.map((c) => codeOnly(c, actor)));
    codes.forEach((c, j) => personByCode.set(c, ids[j]!));
  }
  /** Per person, their earliest imported contact: their days and gaps are recomputed from there. */
  const earliest = new Map<number, string>();
  for (let i = 0; i < plan.contacts.length; i += BATCH) {
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
  for (const personId of earliest.keys()) await refreshContactSummary(trx, personId);
  await recomputeContactDaysFrom(trx, timeZone, earliest);
  return { peopleAdded: plan.newCodes.length, contactsAdded: plan.contacts.length };
}
