import type { ChannelName, InputOf } from '../../shared/contract';

/**
 * One valid input per channel. Typed over every channel name, so adding a channel without a sample
 * is a type error and the router tests cover it automatically.
 */
export const sampleInputs: { [K in ChannelName]: InputOf<K> } = {
  'setup.status': {},
  'setup.recoveryCode': {},
  'setup.create': {
    clinicName: 'Harbour Street Clinic',
    peopleWord: 'participant',
    admin: { username: 'river', displayName: 'River Stone', password: 'calm harbour light 42' },
    confirmation: ['AAAAA', 'BBBBB'],
  },
  'session.state': {},
  'session.signIn': { username: 'river', password: 'calm harbour light 42' },
  'session.recover': { username: 'river', recoveryCode: 'AAAAA-BBBBB', newPassword: 'another long passphrase' },
  'session.signOut': {},
  'session.lock': {},
  'session.touch': {},
  'session.changePassword': { currentPassword: 'calm harbour light 42', newPassword: 'another long passphrase' },
  'settings.get': {},
  'settings.update': { clinicName: 'Harbour Street Clinic' },
  'people.search': { query: 'riv' },
  'people.list': {},
  'people.get': { id: 1 },
  'people.create': { clientCode: 'MA0712' },
  'people.update': { id: 1, changes: { preferredName: 'Mags' } },
  'people.delete': { id: 1, reason: 'Entered twice by mistake' },
  'people.restore': { id: 1 },
  'contacts.record': { personId: 1, setting: 'drop_in' },
  'contacts.list': { personId: 1 },
  'contacts.update': { id: 1, changes: { whatMattered: 'Getting ID back' } },
  'contacts.delete': { id: 1, reason: 'Recorded for the wrong person' },
  'contacts.restore': { id: 1 },
  'entries.add': { personId: 1, kind: 'goal', occurredOn: '2026-11-02', data: { text: 'Get my own place by spring' } },
  'entries.update': { id: 1, data: { status: 'reached' } },
  'entries.delete': { id: 1, reason: 'Duplicate entry' },
  'entries.restore': { id: 1 },
  'history.get': { recordType: 'contact', id: 1 },
  'catalog.list': {},
  'catalog.create': { kind: 'supply', label: 'Hygiene kit' },
  'catalog.update': { id: 1, active: false },
  'staff.list': {},
  'continuity.timeline': { personId: 1 },
  'continuity.welcomeBack': { personId: 1 },
  'home.dashboard': {},
  'doors.list': {},
  'outreach.record': { personId: 1, method: 'text', note: 'Sent the new drop-in hours' },
  'outreach.list': { personId: 1 },
  'overview.period': { from: '2026-01-01', to: '2026-06-30' },
  'overview.exportCsv': { from: '2026-01-01', to: '2026-06-30' },
};

/** Inputs every channel's schema must refuse. */
export const badInputs: unknown[] = [
  undefined,
  null,
  42,
  'text',
  [],
  { unexpectedField: true },
  { __proto__: { polluted: true }, constructor: 'x' },
];
