import { channelNames, channels, type ChannelName } from '../../../shared/contract';
import { FRONT_DESK_HIDDEN_KINDS } from '../../../shared/contract/record-schemas';
import { ROLES, type Role } from '../../../shared/roles';

/**
 * docs/PERMISSIONS.md is generated from the contract's access lists (the permission matrix itself),
 * so the document cannot say something the router does not do: a unit test fails when they differ,
 * and `npm run docs:permissions` rewrites the file.
 */
const ROLE_LABEL: Record<Role, string> = { administrator: 'Administrator', clinician: 'Clinician', front_desk: 'Front desk' };

const GROUP_LABEL: Record<string, string> = {
  setup: 'First run',
  session: 'Signing in and out',
  settings: 'Clinic settings',
  people: 'People',
  contacts: 'Contacts',
  entries: 'Goals, moments and other entries',
  history: 'Edit history',
  catalog: 'Services and supplies',
  staff: 'Staff names',
  drafts: 'Unsaved work (each person sees only their own)',
  continuity: 'Continuity',
  home: 'Continuity',
  doors: 'Continuity',
  outreach: 'Continuity',
  overview: 'Continuity',
  users: 'Staff accounts and the vault key',
  vault: 'Staff accounts and the vault key',
  audit: 'Audit trail',
  backup: 'Backups',
  hub: 'Clinic hub',
};

const DESCRIPTION: Partial<Record<ChannelName, string>> = {
  'setup.status': 'Whether Doorway is set up on this computer',
  'setup.recoveryCode': 'First run: make the recovery code',
  'setup.create': 'First run: create the vault and the first administrator',
  'session.state': 'Who is signed in, if anyone',
  'session.signIn': 'Sign in with username and password',
  'session.recover': 'Forgot password: a new password with the recovery code',
  'session.breakGlass': 'Emergency access with the recovery code (an administrator session marked as emergency)',
  'session.signOut': 'Sign out',
  'session.lock': 'Lock the screen',
  'session.switchUser': 'Switch user: lock for the next person',
  'session.touch': 'Keep the idle lock from closing the screen while someone works',
  'session.changePassword': 'Change your own password',
  'session.setLanguage': 'Choose your own language for the screens',
  'settings.get': 'Read the clinic settings',
  'settings.update': 'Change the clinic settings',
  'people.search': 'Find a person',
  'people.list': 'List people',
  'people.get': "Open a person's page (clinical parts only for clinical roles)",
  'people.create': 'Add a person',
  'people.update': "Edit a person's details and contact preferences",
  'people.delete': 'Remove a person (kept, with the reason)',
  'people.restore': 'Bring back a removed person',
  'records.personSummary': 'A plain summary to print or save for the person (clinical notes only for clinical roles, when chosen)',
  'records.personExport': 'Everything held about one person, as a zip of JSON and CSV with a README (right of access)',
  'contacts.record': 'Record a contact with services and supplies',
  'contacts.list': 'Older contacts of a person (notes only for clinical roles)',
  'contacts.update': 'Edit a contact',
  'contacts.delete': 'Remove a contact (kept, with the reason)',
  'contacts.restore': 'Bring back a removed contact',
  'entries.add': 'Add a goal, moment, phase change, referral or consent (clinical kinds: clinical roles)',
  'entries.update': 'Edit an entry',
  'entries.delete': 'Remove an entry (kept, with the reason)',
  'entries.restore': 'Bring back a removed entry',
  'history.get': 'Earlier versions of a record',
  'catalog.list': 'The services and supplies to choose from',
  'catalog.create': 'Add a service or supply',
  'catalog.update': 'Rename, sort or retire a service or supply',
  'staff.list': 'Staff names to choose from on a contact',
  'drafts.save': 'Keep what is typed in a form, as it is typed (a note only for clinical roles)',
  'drafts.get': 'Offer back what one left unsaved in a form',
  'drafts.list': 'What one left unsaved, in every form',
  'drafts.discard': 'Throw away what one left unsaved',
  'continuity.timeline': "A person's timeline",
  'continuity.welcomeBack': 'Whether a contact is a welcome back',
  'home.dashboard': 'The home screen',
  'doors.list': "Door's open: people on time away",
  'outreach.record': 'Note an outreach attempt',
  'outreach.list': "A person's outreach attempts",
  'overview.period': 'The clinic overview for a period',
  'overview.exportCsv': 'Export the clinic overview (figures only, no names)',
  'users.list': 'List staff accounts',
  'users.create': 'Add a staff account (with a temporary password)',
  'users.update': "Change a staff member's name or role",
  'users.setDisabled': 'Turn a staff account off or back on',
  'users.resetPassword': 'Reset a staff password (temporary password)',
  'vault.rotateKey': 'Change the vault key (after someone leaves)',
  'audit.list': 'Read the audit trail',
  'audit.verify': 'Verify the audit chain',
  'backup.status': 'Backup status and warnings',
  'backup.updateSettings': 'Choose the backup folder, schedule and retention',
  'backup.list': 'List backups',
  'backup.create': 'Back up now',
  'backup.verify': 'Check a backup',
  'backup.preview': 'See what a restore would bring back',
  'backup.restore': 'Restore a backup (the current vault is set aside)',
  'backup.undoRestore': 'Undo the last restore',
  'backup.drill': 'Restore drill into a temporary folder',
  'backup.prune': 'Apply the retention policy',
  'hub.state': 'Whether this computer works on the clinic hub, and which one',
  'hub.join': 'First run on another computer of the clinic: join the hub with its pairing code',
  'hub.moveHere': "Move this computer's records to the clinic hub, which this computer becomes",
  'hub.pairingCode': 'On the hub computer: a one-time pairing code for another computer',
};

const groupOf = (name: string) => GROUP_LABEL[name.split('.')[0]!] ?? 'Other';

function cells(name: ChannelName): string[] {
  const access = channels[name].access;
  if (access === 'public') return ROLES.map(() => 'anyone');
  return ROLES.map((r) => (access.includes(r) ? 'yes' : '—'));
}

export function permissionsMarkdown(): string {
  const out: string[] = [
    '# Who may do what',
    '',
    '<!-- Generated from shared/contract by `npm run docs:permissions`; tests/unit/permissions-doc.test.ts fails when it is out of date. Do not edit by hand. -->',
    '',
    'Doorway has three roles. Every call from the window goes through one router, which checks the',
    "caller's session and role against the channel's access list on every call; the screens only hide",
    'what a role cannot open. "anyone" means the call works without signing in (first run and signing',
    'in itself). Someone signed in with a temporary password can only use',
    `${channelNames.filter((n) => 'allowedWhilePasswordChangeRequired' in channels[n] && channels[n].allowedWhilePasswordChangeRequired).map((n) => `\`${n}\``).join(', ')}`,
    'until they have chosen their own password.',
    '',
    '**Inside** the calls a role may make, clinical content is kept from the front desk:',
    '',
    '- contact notes are blank for the front desk (in the person page, in older contacts, and in the',
    '  edit history), and the front desk cannot write or change a note;',
    `- entries of the kinds ${FRONT_DESK_HIDDEN_KINDS.map((k) => k.replace(/_/g, ' ')).join(', ')} are not returned`,
    '  to the front desk, and the front desk cannot add, edit or read the history of one. Goals are among',
    "  them because they are in the person's own words, which often name use, treatment or health;",
    "- phase changes reach the front desk without their reason, which can say why care changed;",
    '- the timeline shows the front desk no goals and no overdose responses;',
    '- "what mattered to them" on a contact stays shared: every role writes it, and it is the thread of',
    '  the relationship across visits.',
    '',
    'Notes and the clinical kinds are also stored apart, in the clinical store under its own key: a',
    'front-desk password does not decrypt them, whatever asks (DESIGN.md, Vault).',
    '',
    'Emergency access (the recovery code) is an administrator session; each of its actions is marked as',
    'emergency access in the audit trail.',
    '',
  ];
  const groups = new Map<string, ChannelName[]>();
  for (const name of channelNames) {
    const g = groupOf(name);
    groups.set(g, [...(groups.get(g) ?? []), name]);
  }
  for (const [group, names] of groups) {
    out.push(`## ${group}`, '', `| Channel | What it does | ${ROLES.map((r) => ROLE_LABEL[r]).join(' | ')} |`, `|---|---|${ROLES.map(() => ':-:').join('|')}|`);
    for (const name of names) out.push(`| \`${name}\` | ${DESCRIPTION[name] ?? ''} | ${cells(name).join(' | ')} |`);
    out.push('');
  }
  return `${out.join('\n')}`;
}
