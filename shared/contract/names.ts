import type { ChannelName, EventName } from './index';

/**
 * The channel and event names alone, without their schemas: what the preload needs to refuse an
 * unknown name, and nothing more (the schemas, with the password checker's word lists, stay out of
 * the preload bundle). The two checks below make a name missing here, or one too many, a type error.
 */
export const CHANNEL_NAMES = [
  'setup.status',
  'setup.recoveryCode',
  'setup.create',
  'session.state',
  'session.signIn',
  'session.recover',
  'session.signOut',
  'session.lock',
  'session.touch',
  'session.changePassword',
  'session.setLanguage',
  'settings.get',
  'settings.update',
  'people.search',
  'people.list',
  'people.get',
  'people.create',
  'people.update',
  'people.delete',
  'people.restore',
  'drafts.save',
  'drafts.get',
  'drafts.list',
  'drafts.discard',
  'contacts.record',
  'contacts.list',
  'contacts.update',
  'contacts.delete',
  'contacts.restore',
  'entries.add',
  'entries.update',
  'entries.delete',
  'entries.restore',
  'history.get',
  'catalog.list',
  'catalog.create',
  'catalog.update',
  'staff.list',
  'continuity.timeline',
  'continuity.welcomeBack',
  'home.dashboard',
  'doors.list',
  'outreach.record',
  'outreach.list',
  'overview.period',
  'overview.exportCsv',
  'users.list',
  'users.create',
  'users.update',
  'users.setDisabled',
  'users.resetPassword',
  'vault.rotateKey',
  'session.switchUser',
  'session.breakGlass',
  'audit.list',
  'audit.verify',
  'backup.status',
  'backup.updateSettings',
  'backup.list',
  'backup.create',
  'backup.verify',
  'backup.preview',
  'backup.restore',
  'backup.undoRestore',
  'backup.drill',
  'backup.prune',
  'hub.state',
  'hub.join',
  'hub.moveHere',
  'hub.pairingCode',
  'import.preview',
  'import.run',
  'reports.figures',
  'reports.overdoseResponses',
  'reports.exportTemplate',
  'reports.exportLineList',
  'import.cancel',
  'records.personSummary',
  'records.personExport',
] as const;

export const EVENT_NAMES = ['session.locked', 'vault.rotation', 'backup.progress', 'import.progress'] as const;

type Listed = (typeof CHANNEL_NAMES)[number];
const everyChannelListed: Record<Exclude<ChannelName, Listed>, never> = {};
const nothingExtraListed: Record<Exclude<Listed, ChannelName>, never> = {};
const everyEventListed: Record<Exclude<EventName, (typeof EVENT_NAMES)[number]>, never> = {};
void [everyChannelListed, nothingExtraListed, everyEventListed];

const channelSet: ReadonlySet<string> = new Set(CHANNEL_NAMES);
export const isKnownChannel = (name: unknown): name is ChannelName => typeof name === 'string' && channelSet.has(name);
export const isKnownEvent = (name: unknown): name is EventName => typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
