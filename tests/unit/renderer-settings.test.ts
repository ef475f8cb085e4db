import { describe, expect, it } from 'vitest';
import { greetingFor } from '../../renderer/src/screens/shell/greeting';
import { changedSettings, type EditableSettings } from '../../renderer/src/screens/shell/settings-changes';

const saved: EditableSettings = {
  clinicName: 'Harbour Street Clinic',
  peopleWord: 'participant',
  idleLockMinutes: 5,
  absenceThresholdDays: 60,
  timeZone: 'America/Los_Angeles',
};

describe('settings changes', () => {
  it('sends only what changed, so the audit trail records real changes', () => {
    expect(changedSettings(saved, { ...saved })).toEqual({});
    expect(changedSettings(saved, { ...saved, idleLockMinutes: 12 })).toEqual({ idleLockMinutes: 12 });
    expect(changedSettings(saved, { ...saved, absenceThresholdDays: 90, timeZone: 'Europe/Lisbon' })).toEqual({ absenceThresholdDays: 90, timeZone: 'Europe/Lisbon' });
    expect(changedSettings(saved, { ...saved, peopleWord: 'client', clinicName: '  Harbour Street Clinic ' })).toEqual({
      peopleWord: 'client',
    });
    expect(changedSettings(saved, { ...saved, clinicName: ' Harbour Health ' })).toEqual({ clinicName: 'Harbour Health' });
  });
});

describe('greeting', () => {
  it('follows the hour of the day', () => {
    expect([0, 11, 12, 17, 18, 23].map(greetingFor)).toEqual(['morning', 'morning', 'afternoon', 'afternoon', 'evening', 'evening']);
  });
});
