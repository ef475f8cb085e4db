import type { StaffAccount } from '../../../shared/contract/users';
import { invoke } from '../../core';
import { defineCommand } from '../command';
import { EXIT, line } from '../io';
import { when } from './backup-shared';
import { ADMIN_USER_FLAG, answer, asAdministrator, WHERE_FLAGS, SECRET_NOTE } from './users-shared';

const NAME = 'users list';

const COLUMNS: readonly [string, (a: StaffAccount) => string][] = [
  ['USERNAME', (a) => a.username],
  ['NAME', (a) => a.displayName],
  ['ROLE', (a) => a.role],
  ['ACCOUNT', (a) => (a.disabled ? 'off' : 'on')],
  ['PASSWORD', (a) => (a.mustChangePassword ? 'must choose a new one' : 'their own')],
  ['LAST SIGN-IN', (a) => (a.lastSignInAt ? when(a.lastSignInAt) : 'never')],
];

/** A table with a header, columns padded to their widest cell (two spaces apart), in the Staff screen's order. */
export function staffTable(accounts: readonly StaffAccount[]): string[] {
  const rows = [COLUMNS.map(([title]) => title), ...accounts.map((a) => COLUMNS.map(([, cell]) => cell(a)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

export const usersListCommand = defineCommand({
  name: NAME,
  summary: 'List the staff accounts: role, on or off, and last sign-in, as on the Staff screen (administrators).',
  flags: { ...WHERE_FLAGS, user: ADMIN_USER_FLAG },
  notes: [SECRET_NOTE, 'Accounts that are on come first, by name. Times are in UTC.'],
  async run(values, ctx) {
    const accounts = await asAdministrator(values, ctx, NAME, async (router) => answer(await invoke(router, 'users.list', {}), NAME));
    for (const row of staffTable(accounts)) line(ctx.io.stdout, row);
    return EXIT.ok;
  },
});
