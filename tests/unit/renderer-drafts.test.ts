import { describe, expect, it } from 'vitest';
import { draftRoute, draftSentence, mergeKept, parseDraftKey, stableJson } from '../../renderer/src/app/drafts/draft-logic';
import { draftKey } from '../../renderer/src/api/draft-queries';
import { formatTimeOrDateTime } from '../../renderer/src/components/dates';
import { contactDraftFields, contactDraftFromFields, type ContactDraft } from '../../renderer/src/screens/people/contact/contact-draft';
import { emptyPersonDraft, personDraftFromFields } from '../../renderer/src/screens/people/person-draft';
import { draftKeySchema } from '../../shared/contract/drafts';

const contact: ContactDraft = {
  earlier: false,
  occurredAt: new Date('2026-03-02T17:42:00Z'),
  setting: 'drop_in',
  staffId: 3,
  services: [2, 5],
  supplies: { 7: 2, 9: null },
  whatMattered: 'Wanted to talk about housing.',
  note: 'Seemed tired; offered wound care.',
};

describe('unsaved work: keys and where they lead', () => {
  it('makes keys core accepts, and reads them back', () => {
    const keys = [draftKey.contactNew(12), draftKey.contactEdit(40), draftKey.entryNew('overdose_response', 12), draftKey.entryEdit(9), draftKey.personNew(), draftKey.personEdit(12), draftKey.outreach(12)];
    for (const k of keys) expect(draftKeySchema.safeParse(k).success, k).toBe(true);
    expect(keys.map((k) => parseDraftKey(k)?.kind)).toEqual(['contactNew', 'contactEdit', 'entryNew', 'entryEdit', 'personNew', 'personEdit', 'outreach']);
    expect(parseDraftKey('entry:overdose_response:12')).toEqual({ kind: 'entryNew', entryKind: 'overdose_response', personId: 12 });
    expect(parseDraftKey('something:else')).toBeNull();
  });

  it('Continue goes to the form, or to the page that holds it', () => {
    expect(draftRoute({ key: 'contact:new:12', personId: 12 })).toBe('/people/12/contact');
    expect(draftRoute({ key: 'contact:edit:40', personId: 12 })).toBe('/people/12/contact/40');
    expect(draftRoute({ key: 'entry:goal:12', personId: 12 })).toBe('/people/12');
    expect(draftRoute({ key: 'entry:edit:9', personId: 12 })).toBe('/people/12');
    expect(draftRoute({ key: 'person:new', personId: null })).toBe('/people/new');
    expect(draftRoute({ key: 'person:edit:12', personId: 12 })).toBe('/people/12/edit');
    expect(draftRoute({ key: 'outreach:12', personId: 12 })).toBe('/doors/outreach/12');
    expect(draftRoute({ key: 'odd', personId: null })).toBe('/');
    expect(draftSentence({ key: 'odd', form: 'person' })).toBe('personNew');
  });
});

describe('unsaved work: comparing and restoring forms', () => {
  it('compares values regardless of key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, 2], c: null } })).toBe(stableJson({ a: { c: null, d: [1, 2] }, b: 1 }));
    expect(stableJson({ a: 1 })).not.toBe(stableJson({ a: 2 }));
  });

  it('a contact goes to the vault and back as it was typed; "now" is not kept, the note only for roles that write notes', () => {
    const fields = contactDraftFields(contact, { editing: false, withNote: true });
    expect(fields.occurredAt).toBeNull();
    const back = JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
    const base = { ...contact, setting: null, services: [], supplies: {}, whatMattered: '', note: '' };
    expect(contactDraftFromFields(back, base)).toEqual(contact);

    const frontDesk = contactDraftFields(contact, { editing: false, withNote: false });
    expect('note' in frontDesk).toBe(false);

    const earlier = { ...contact, earlier: true };
    const kept = JSON.parse(JSON.stringify(contactDraftFields(earlier, { editing: false, withNote: true }))) as Record<string, unknown>;
    expect(contactDraftFromFields(kept, { ...contact, occurredAt: new Date() }).occurredAt.toISOString()).toBe('2026-03-02T17:42:00.000Z');
  });

  it('what does not fit a form keeps the form\'s own value', () => {
    const base = { ...contact, note: '' };
    const odd = contactDraftFromFields({ setting: 'spaceship', services: 'x', supplies: { 7: -1, abc: 2, 8: 3 }, note: 4 }, base);
    expect(odd.setting).toBe('drop_in');
    expect(odd.services).toEqual([2, 5]);
    expect(odd.supplies).toEqual({ 8: 3 });
    expect(odd.note).toBe('');

    expect(mergeKept({ text: '', status: 'working_on_it', until: null as string | null, rows: [{ a: '' }] }, { text: 'Get ID back', status: 7, until: '2026-04-01', rows: 'no', extra: 1 })).toEqual({
      text: 'Get ID back',
      status: 'working_on_it',
      until: '2026-04-01',
      rows: [{ a: '' }],
    });
    expect(mergeKept({ text: '' }, null)).toBeNull();

    const person = personDraftFromFields({ clientCode: 'SA09', birthYear: 1987, contactPrefs: { okToText: true, phone: '555 0100', doNotContact: 'yes' } }, emptyPersonDraft());
    expect(person?.clientCode).toBe('SA09');
    expect(person?.birthYear).toBe(1987);
    expect(person?.contactPrefs.okToText).toBe(true);
    expect(person?.contactPrefs.phone).toBe('555 0100');
    expect(person?.contactPrefs.doNotContact).toBe(false);
  });

  it('says the time for today, and the day as well before that', () => {
    const now = new Date(2026, 2, 2, 18, 0);
    expect(formatTimeOrDateTime(new Date(2026, 2, 2, 17, 42).toISOString(), { now, locale: 'en-US' })).toBe('5:42 PM');
    expect(formatTimeOrDateTime(new Date(2026, 2, 1, 17, 42).toISOString(), { now, locale: 'en-US' })).toBe('Mar 1, 2026, 5:42 PM');
  });
});
