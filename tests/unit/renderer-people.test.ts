import { describe, expect, it } from 'vitest';
import { entryDataSchemas, personFieldsSchema, type Contact, type Person } from '../../shared/contract';
import { codeMatchesRecipe, exampleCode, recipeParts } from '../../shared/client-code';
import { contactChanges, orderSupplies, recordInput, suppliesGiven, type ContactDraft } from '../../renderer/src/screens/people/contact/contact-draft';
import { parsePeopleRoute } from '../../renderer/src/screens/people/people-route';
import { enterChoice, exactCodeMatch } from '../../renderer/src/screens/people/search-enter';
import { emergencyNumber, EMERGENCY_NUMBERS_TOGETHER } from '../../renderer/src/screens/people/sections/kinds/emergency-number';
import { isSaveShortcut } from '../../renderer/src/components/SaveShortcut';
import { createInput, draftFromPerson, emptyPersonDraft, personChanges } from '../../renderer/src/screens/people/person-draft';
import { recordSettingsChanges } from '../../renderer/src/screens/people/settings/record-settings-changes';
import { leadingName, secondaryName } from '../../renderer/src/screens/people/person-name';
import { issueText } from '../../shared/messages/issues';

describe('client-code recipe', () => {
  it('accepts what core accepts: A a letter, 9 a digit, anything else itself, any code when empty', () => {
    const cases: [string, string, boolean][] = [
      ['AB12', 'AA99', true],
      ['ab12', 'AA99', true],
      [' ab12 ', 'AA99', true],
      ['AB1', 'AA99', false],
      ['AB123', 'AA99', false],
      ['1B12', 'AA99', false],
      ['AB12-C', 'AA99-A', true],
      ['AB12C', 'AA99-A', false],
      ['AB12_C', 'AA99-A', false],
      ['ANYTHING-7', '', true],
    ];
    for (const [code, mask, fits] of cases) expect(codeMatchesRecipe(code, mask), `${code} / ${mask}`).toBe(fits);
  });

  it('describes the recipe in runs, with an example that fits it', () => {
    expect(recipeParts('AA99-A')).toEqual([
      { kind: 'letters', count: 2 },
      { kind: 'digits', count: 2 },
      { kind: 'literal', text: '-' },
      { kind: 'letters', count: 1 },
    ]);
    for (const mask of ['AA99-A', 'A9A9', '999-AAA', 'A']) expect(codeMatchesRecipe(exampleCode(mask), mask)).toBe(true);
    expect(exampleCode('AA99-A')).toBe('AB12-C');
  });
});

describe('names', () => {
  it('leads with the preferred name, then the name, then the client code', () => {
    expect(leadingName({ preferredName: 'Bobby', name: 'Robert Banks', clientCode: 'RB17' })).toBe('Bobby');
    expect(leadingName({ preferredName: null, name: 'Robert Banks', clientCode: 'RB17' })).toBe('Robert Banks');
    expect(leadingName({ preferredName: null, name: null, clientCode: 'RB17' })).toBe('RB17');
    expect(secondaryName({ preferredName: 'Bobby', name: 'Robert Banks' })).toBe('Robert Banks');
    expect(secondaryName({ preferredName: 'Bobby', name: 'Bobby' })).toBeNull();
    expect(secondaryName({ preferredName: null, name: 'Robert Banks' })).toBeNull();
  });
});

describe('person form', () => {
  const person: Person = {
    id: 4,
    clientCode: 'RB17',
    name: 'Robert Banks',
    preferredName: null,
    pronouns: null,
    phase: 'engagement',
    lastContactAt: null,
    contactCount: 0,
    deleted: false,
    birthYear: null,
    contactPrefs: { ...emptyPersonDraft().contactPrefs, okToText: true, phone: '555 0100' },
    usualStaffId: null,
    firstContactAt: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    deleteReason: null,
  };

  it('sends empty fields as "not given", in a shape the contract accepts', () => {
    const input = createInput({ ...emptyPersonDraft(), clientCode: ' qx42 ', name: '  ', contactPrefs: { ...emptyPersonDraft().contactPrefs, safeTimes: '' } });
    expect(input).toMatchObject({ clientCode: 'qx42', name: null, preferredName: null, birthYear: null });
    expect(input.contactPrefs?.safeTimes).toBeNull();
    expect(personFieldsSchema.safeParse(input).success).toBe(true);
  });

  it('edits send only what changed (a code in other letter case is the same code)', () => {
    const draft = draftFromPerson(person);
    expect(personChanges(person, draft)).toEqual({});
    expect(personChanges(person, { ...draft, clientCode: 'rb17' })).toEqual({});
    expect(personChanges(person, { ...draft, preferredName: 'Bobby', pronouns: 'he/him' })).toEqual({ preferredName: 'Bobby', pronouns: 'he/him' });
    const prefs = personChanges(person, { ...draft, contactPrefs: { ...draft.contactPrefs, doNotContact: true } });
    expect(Object.keys(prefs)).toEqual(['contactPrefs']);
    expect(prefs.contactPrefs).toMatchObject({ doNotContact: true, okToText: true, phone: '555 0100' });
  });
});

describe('contact form', () => {
  const before: Contact = {
    id: 9,
    personId: 4,
    occurredAt: '2025-03-20T17:05:00.000Z',
    enteredAt: '2025-03-20T17:05:00.000Z',
    enteredLater: false,
    setting: 'drop_in',
    staffId: 1,
    staffName: 'River Stone',
    services: [{ id: 2, label: 'Wound care' }],
    supplies: [{ id: 10, label: 'Naloxone (nasal)', category: 'naloxone', quantity: 2 }],
    whatMattered: 'A warm drink',
    note: 'Foot wound healing well',
    deleted: false,
    deleteReason: null,
  };
  const draft: ContactDraft = {
    earlier: true,
    occurredAt: new Date(before.occurredAt),
    setting: 'drop_in',
    staffId: 1,
    services: [2],
    supplies: { 10: 2, 11: null, 12: 0 },
    whatMattered: 'A warm drink',
    note: 'Foot wound healing well',
  };

  it('keeps only supplies actually given', () => {
    expect(suppliesGiven(draft)).toEqual([{ itemId: 10, quantity: 2 }]);
  });

  it('puts naloxone first among supplies and leaves services out', () => {
    const items = [
      { id: 1, kind: 'service' as const, label: 'Wound care', category: null, active: true },
      { id: 11, kind: 'supply' as const, label: 'Syringes', category: 'syringes', active: true },
      { id: 10, kind: 'supply' as const, label: 'Naloxone (nasal)', category: 'naloxone', active: true },
    ];
    expect(orderSupplies(items).map((i) => i.id)).toEqual([10, 11]);
  });

  it('sends "now" by leaving the time out, and a note only for roles that may write one', () => {
    const input = recordInput(4, { ...draft, setting: 'van' }, undefined, false);
    expect(input).not.toHaveProperty('occurredAt');
    expect(input).not.toHaveProperty('note');
    expect(input).toMatchObject({ personId: 4, setting: 'van', supplies: [{ itemId: 10, quantity: 2 }] });
    expect(recordInput(4, { ...draft, setting: 'van' }, '2025-03-19T10:00:00.000Z', true)).toMatchObject({ occurredAt: '2025-03-19T10:00:00.000Z', note: draft.note });
  });

  it('edits send only what changed', () => {
    expect(contactChanges(before, draft, before.occurredAt, true)).toEqual({});
    expect(contactChanges(before, { ...draft, supplies: { 10: 3 }, services: [] }, before.occurredAt, true)).toEqual({
      supplies: [{ itemId: 10, quantity: 3 }],
      services: [],
    });
    expect(contactChanges(before, { ...draft, note: 'changed' }, before.occurredAt, false)).toEqual({});
    expect(contactChanges(before, draft, '2025-03-20T16:00:00.000Z', true)).toEqual({ occurredAt: '2025-03-20T16:00:00.000Z' });
  });
});

describe('record settings', () => {
  const saved = { clientCodeMask: 'AA99', clientCodeHint: 'First two letters of your mother’s name', languageAssistant: true };
  it('sends only changes, with the recipe in capitals and trimmed', () => {
    expect(recordSettingsChanges(saved, { ...saved, clientCodeMask: ' aa99 ' })).toEqual({});
    expect(recordSettingsChanges(saved, { ...saved, clientCodeMask: 'aa99-a', languageAssistant: false })).toEqual({ clientCodeMask: 'AA99-A', languageAssistant: false });
    expect(recordSettingsChanges(saved, { ...saved, clientCodeHint: '  ' })).toEqual({ clientCodeHint: '' });
  });
});

describe('people routes', () => {
  it('maps each screen and refuses anything else', () => {
    expect(parsePeopleRoute('/people')).toEqual({ screen: 'list' });
    expect(parsePeopleRoute('/people/new')).toEqual({ screen: 'add' });
    expect(parsePeopleRoute('/people/12')).toEqual({ screen: 'person', id: 12 });
    expect(parsePeopleRoute('/people/12/edit')).toEqual({ screen: 'edit', id: 12 });
    expect(parsePeopleRoute('/people/12/contact')).toEqual({ screen: 'contact', id: 12 });
    expect(parsePeopleRoute('/people/12/contact/40')).toEqual({ screen: 'contact', id: 12, contactId: 40 });
    for (const bad of ['/people/0', '/people/abc', '/people/12/other', '/people/-1', '/people/12/contact/0', '/peoples']) {
      expect(parsePeopleRoute(bad), bad).toBeNull();
    }
  });
});

describe('search: Enter with a client code', () => {
  const people = [
    { id: 1, clientCode: 'AB12' },
    { id: 2, clientCode: 'AB123' },
  ];
  it('waits for the answer to what was typed: results for less of the code never decide', () => {
    expect(enterChoice('AB123', null, false)).toEqual({ kind: 'wait' });
    expect(enterChoice('AB123', { query: 'AB12', people }, false)).toEqual({ kind: 'wait' });
    expect(enterChoice('  ', null, false)).toEqual({ kind: 'stay' });
  });

  it('opens the exact client code, in any letter case, wherever it is in the list', () => {
    expect(exactCodeMatch(' ab123 ', people)).toBe(2);
    expect(enterChoice('ab123', { query: 'ab123', people }, true)).toEqual({ kind: 'open', id: 2 });
    expect(enterChoice('AB12', { query: 'AB12', people }, true)).toEqual({ kind: 'open', id: 1 });
  });

  it('after waiting, opens nobody but the exact code; with the list on screen, Enter opens the first', () => {
    expect(enterChoice('AB1', { query: 'AB1', people }, true)).toEqual({ kind: 'stay' });
    expect(enterChoice('AB1', { query: 'AB1', people }, false)).toEqual({ kind: 'open', id: 1 });
    expect(enterChoice('ZZ9', { query: 'ZZ9', people: [] }, false)).toEqual({ kind: 'stay' });
  });
});

describe('entry forms', () => {
  it('saves with Ctrl+Enter or Cmd+Enter, not with Enter alone or other chords', () => {
    const key = (k: Partial<KeyboardEvent>) => ({ ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, key: 'Enter', ...k });
    expect(isSaveShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isSaveShortcut(key({ metaKey: true }))).toBe(true);
    expect(isSaveShortcut(key({}))).toBe(false);
    expect(isSaveShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isSaveShortcut(key({ ctrlKey: true, key: 'k' }))).toBe(false);
  });

  it('names the emergency number where the workstation is, or the common ones together', () => {
    expect(emergencyNumber('en-US')).toBe('911');
    expect(emergencyNumber('es-MX')).toBe('911');
    expect(emergencyNumber('en-GB')).toBe('999');
    expect(emergencyNumber('es-ES')).toBe('112');
    expect(emergencyNumber('en-AU')).toBe('000');
    expect(emergencyNumber('en')).toBe(EMERGENCY_NUMBERS_TOGETHER);
    expect(emergencyNumber(undefined)).toBe(EMERGENCY_NUMBERS_TOGETHER);
    expect(emergencyNumber('not a locale!')).toBe(EMERGENCY_NUMBERS_TOGETHER);
    expect(EMERGENCY_NUMBERS_TOGETHER).toContain('911');
  });

  it('overdose reports: who overdosed is optional, so reports from before it was asked still read', () => {
    const schema = entryDataSchemas.overdose_response;
    const old = { reportedBy: 'A friend', naloxoneDoses: 1, called911: 'no', someoneStayed: 'yes', outcome: 'alive_stayed' };
    expect(schema.safeParse(old).success).toBe(true);
    expect(schema.parse({ ...old, whoOverdosed: 'someone_with_them' }).whoOverdosed).toBe('someone_with_them');
    expect(schema.safeParse({ ...old, whoOverdosed: 'a stranger' }).success).toBe(false);
  });

  it('treatment interest assumes no medication: saving without one asks which', () => {
    const parsed = entryDataSchemas.treatment_interest.safeParse({ option: null, stance: 'not_right_now' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['option']);
    expect(issueText(parsed.error?.issues[0])).toBe('Please choose the option you talked about.');
  });
});
