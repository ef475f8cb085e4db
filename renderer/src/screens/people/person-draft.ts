import type { ContactPrefs, InputOf, Person } from '../../../../shared/contract';
import { mergeKept } from '../../app/drafts/draft-logic';

/** The add/edit person form's state: text fields as typed, the birth year as a number or empty. */
export interface PersonDraft {
  clientCode: string;
  name: string;
  preferredName: string;
  pronouns: string;
  birthYear: number | null;
  contactPrefs: ContactPrefs;
  usualStaffId: number | null;
}

export const EMPTY_PREFS: ContactPrefs = {
  okToText: false,
  okToCall: false,
  okToLeaveMessage: false,
  okToEmail: false,
  phone: null,
  email: null,
  safeTimes: null,
  trustedContact: null,
  doNotContact: false,
  whatHelps: null,
};

export const emptyPersonDraft = (): PersonDraft => ({
  clientCode: '',
  name: '',
  preferredName: '',
  pronouns: '',
  birthYear: null,
  contactPrefs: EMPTY_PREFS,
  usualStaffId: null,
});

export function draftFromPerson(p: Person): PersonDraft {
  return {
    clientCode: p.clientCode,
    name: p.name ?? '',
    preferredName: p.preferredName ?? '',
    pronouns: p.pronouns ?? '',
    birthYear: p.birthYear,
    contactPrefs: p.contactPrefs,
    usualStaffId: p.usualStaffId,
  };
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());

/** Empty text becomes "not given" (null), as the contract stores it. */
function cleanPrefs(p: ContactPrefs): ContactPrefs {
  return {
    ...p,
    phone: orNull(p.phone ?? ''),
    email: orNull(p.email ?? ''),
    safeTimes: orNull(p.safeTimes ?? ''),
    trustedContact: orNull(p.trustedContact ?? ''),
    whatHelps: orNull(p.whatHelps ?? ''),
  };
}

export function createInput(d: PersonDraft): InputOf<'people.create'> {
  return {
    clientCode: d.clientCode.trim(),
    name: orNull(d.name),
    preferredName: orNull(d.preferredName),
    pronouns: orNull(d.pronouns),
    birthYear: d.birthYear,
    contactPrefs: cleanPrefs(d.contactPrefs),
    usualStaffId: d.usualStaffId,
  };
}

type Changes = InputOf<'people.update'>['changes'];

/** Only the fields that changed, so the record's history lists real changes. */
export function personChanges(before: Person, d: PersonDraft): Changes {
  const after = createInput(d);
  const changes: Changes = {};
  if (after.clientCode.toUpperCase() !== before.clientCode.toUpperCase()) changes.clientCode = after.clientCode;
  if (after.name !== before.name) changes.name = after.name;
  if (after.preferredName !== before.preferredName) changes.preferredName = after.preferredName;
  if (after.pronouns !== before.pronouns) changes.pronouns = after.pronouns;
  if (after.birthYear !== before.birthYear) changes.birthYear = after.birthYear;
  if (after.usualStaffId !== before.usualStaffId) changes.usualStaffId = after.usualStaffId;
  if (JSON.stringify(after.contactPrefs) !== JSON.stringify(cleanPrefs(before.contactPrefs))) changes.contactPrefs = after.contactPrefs;
  return changes;
}

/** Kept unsaved work back onto the form as it opened; what does not fit keeps the form's own value. */
export function personDraftFromFields(f: Record<string, unknown>, base: PersonDraft): PersonDraft | null {
  const top = mergeKept(base, f);
  if (!top) return null;
  return { ...top, contactPrefs: mergeKept(base.contactPrefs, f.contactPrefs) ?? base.contactPrefs };
}
