import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, type AuditEvent } from '../../shared/contract/audit';
import { ENTRY_KINDS } from '../../shared/contract';
import i18n from '../../renderer/src/i18n/i18n';
import { actionLabel, detailsLine, fieldLabel } from '../../renderer/src/screens/audit/labels';
import { formatCount } from '../../renderer/src/components/numbers';
import { categoryLabel } from '../../renderer/src/screens/continuity/format';
import { HOME_ROWS, homeRows } from '../../renderer/src/screens/continuity/home-rows';

const t = i18n.t.bind(i18n);

function event(action: string, details: Record<string, unknown>): AuditEvent {
  return { id: 1, at: '2025-01-01T10:00:00.000Z', actorId: 1, actorName: 'Ana', action, subjectType: null, subjectId: null, person: null, details, emergency: false };
}

describe('audit labels', () => {
  it('every action in the contract has words in the strings file', () => {
    const missing = AUDIT_ACTIONS.filter((a) => !i18n.exists(`audit.actions.${a}`));
    expect(missing).toEqual([]);
    for (const a of AUDIT_ACTIONS) expect(actionLabel(t, a)).not.toBe(a);
    expect(actionLabel(t, 'backup.settings')).toBe('Backup settings changed');
  });

  it('every entry kind has words, and an added entry says which kind', () => {
    expect(ENTRY_KINDS.filter((k) => !i18n.exists(`audit.entryKinds.${k}`))).toEqual([]);
    expect(actionLabel(t, 'entry.create', { personId: 3, kind: 'goal' })).toBe('Entry added: goal');
    expect(actionLabel(t, 'entry.update', { kind: 'substance_use' })).toBe('Entry edited: substance use');
    expect(actionLabel(t, 'entry.delete', { reason: 'wrong person' })).toBe('Entry removed');
  });

  it('an action this version has no words for reads as words, not as a key', () => {
    expect(actionLabel(t, 'future.somethingNew')).toBe('Future something new');
  });

  it("a person's summary says whether clinical notes were in it", () => {
    expect(actionLabel(t, 'person.summary')).toBe('Summary printed or saved for them');
    expect(detailsLine(t, event('person.summary', { clinicalNotesIncluded: true }))).toBe('with clinical notes');
    expect(detailsLine(t, event('person.summary', { clinicalNotesIncluded: false }))).toBe('without clinical notes');
  });

  it('changed fields are named in words', () => {
    expect(detailsLine(t, event('contact.update', { fields: ['whatMattered', 'occurredAt'] }))).toBe(
      'Changed: what mattered to them, date and time',
    );
    expect(detailsLine(t, event('person.update', { fields: ['preferredName', 'someNewField'] }))).toBe('Changed: preferred name, some new field');
    expect(fieldLabel(t, 'absenceThresholdDays')).toBe('time away after (days)');
  });

  it('a change from one value to another names the field and reads yes/no and none', () => {
    expect(detailsLine(t, event('settings.update', { absenceThresholdDays: { from: 90, to: 60 } }))).toBe('time away after (days): 90 → 60');
    expect(detailsLine(t, event('backup.settings', { enabled: { from: true, to: false }, destination: { from: null, to: 'E:\\Backups' } }))).toBe(
      'daily backups: yes → no · backup folder: none → E:\\Backups',
    );
    expect(detailsLine(t, event('user.update', { role: { from: 'front_desk', to: 'clinician' } }))).toMatch(/^role: Front desk → Clinician$/i);
  });
});

describe('home cards and overview numbers', () => {
  it('a home card shows at most five rows, with "See all N" when there are more', () => {
    const ten = Array.from({ length: 10 }, (_, i) => i);
    expect(homeRows(ten)).toEqual({ shown: [0, 1, 2, 3, 4], seeAll: 10 });
    expect(homeRows(ten, 10, true)).toEqual({ shown: ten, seeAll: null });
    expect(homeRows([1, 2, 3])).toEqual({ shown: [1, 2, 3], seeAll: null });
    // Door's open loads 8 of 40: the link counts them all.
    expect(homeRows(ten.slice(0, 8), 40)).toEqual({ shown: [0, 1, 2, 3, 4], seeAll: 40 });
    expect(HOME_ROWS).toBe(5);
  });

  it('counts have thousands separators, and categories read as words', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(12)).toBe('12');
    expect(categoryLabel(t, 'naloxone')).toBe('Naloxone');
    expect(categoryLabel(t, 'test_strips')).toBe('Test strips');
    expect(categoryLabel(t, null)).toBe('Other');
    expect(categoryLabel(t, 'new_kind')).toBe('new kind');
  });
});
