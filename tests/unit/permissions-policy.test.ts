import { describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../shared/contract';
import type { Role } from '../../shared/roles';

/** The rules of issue 5 ("Roles and permissions"), stated against the contract's access lists. */
const may = (role: Role, name: ChannelName) => {
  const access = channels[name].access;
  return access === 'public' || access.includes(role);
};

describe('the permission matrix in the contract', () => {
  it('only first run (joining a hub too), signing in, recovery and emergency access work without a session', () => {
    expect(channelNames.filter((n) => channels[n].access === 'public').sort()).toEqual([
      'hub.join',
      'hub.state',
      'session.breakGlass',
      'session.recover',
      'session.signIn',
      'session.state',
      'setup.create',
      'setup.recoveryCode',
      'setup.status',
    ]);
  });

  it('an administrator may call every channel', () => {
    expect(channelNames.filter((n) => !may('administrator', n))).toEqual([]);
  });

  it('accounts, the vault key, the audit trail, backups, settings, the catalog and restoring are for administrators only', () => {
    const adminOnly = channelNames.filter(
      (n) => /^(users|vault|audit|backup)\./.test(n) || n.endsWith('.restore') || ['settings.update', 'catalog.create', 'catalog.update'].includes(n),
    );
    expect(adminOnly.length).toBeGreaterThan(15);
    for (const n of adminOnly) expect(channels[n].access, n).toEqual(['administrator']);
  });

  it('the front desk finds people, sees and edits contact preferences, records contacts with services and supplies', () => {
    for (const n of ['people.search', 'people.list', 'people.get', 'people.create', 'people.update', 'contacts.record', 'contacts.list', 'catalog.list', 'staff.list'] as const) {
      expect(may('front_desk', n), n).toBe(true);
    }
  });

  it('removing records is for clinical roles; the front desk removes nothing', () => {
    for (const n of channelNames.filter((x) => x.endsWith('.delete'))) {
      expect(may('front_desk', n), n).toBe(false);
      expect(may('clinician', n), n).toBe(true);
    }
  });

  it('everyone may lock, switch user, sign out and change their own password, even with a temporary password', () => {
    for (const n of ['session.lock', 'session.switchUser', 'session.signOut', 'session.changePassword'] as const) {
      const def = channels[n];
      expect(def.access, n).toEqual(['administrator', 'clinician', 'front_desk']);
      expect('allowedWhilePasswordChangeRequired' in def && def.allowedWhilePasswordChangeRequired, n).toBe(true);
    }
  });
});
