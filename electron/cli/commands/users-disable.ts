import { invoke } from '../../core';
import { defineCommand } from '../command';
import { CliFailure } from '../errors';
import { EXIT, line } from '../io';
import { ADMIN_USER_FLAG, answer, asAdministrator, WHERE_FLAGS, SECRET_NOTE } from './users-shared';

const NAME = 'users disable';

export const usersDisableCommand = defineCommand({
  name: NAME,
  summary: "Turn a staff account off: their password no longer opens Doorway, as on the Staff screen (administrators).",
  flags: { ...WHERE_FLAGS, user: ADMIN_USER_FLAG },
  operands: [{ placeholder: 'USERNAME', description: 'The username of the account to turn off.' }],
  notes: [
    SECRET_NOTE,
    'Everything they recorded stays, under their name. Their key slot is removed; when someone leaves, an',
    'administrator can also change the vault key in the app (Staff, "Change the vault key").',
  ],
  async run(values, ctx) {
    const username = ctx.operands[0]!.trim();
    const result = await asAdministrator(values, ctx, NAME, async (router) => {
      // Usernames are matched without regard to case, as the records hold them.
      const accounts = answer(await invoke(router, 'users.list', {}), NAME);
      const account = accounts.find((a) => a.username.toLowerCase() === username.toLowerCase());
      if (!account) throw new CliFailure(`There is no staff account with the username "${username}". Nothing was changed. "users list" shows the accounts.`);
      if (account.disabled) return { account, changed: false };
      const turnedOff = answer(await invoke(router, 'users.setDisabled', { id: account.id, disabled: true }), NAME);
      return { account: turnedOff.user, changed: true };
    });
    const out = ctx.io.stdout;
    const who = `${result.account.displayName} (${result.account.username})`;
    if (!result.changed) {
      line(out, `${who}'s account is already turned off. Nothing was changed.`);
      return EXIT.ok;
    }
    line(out, `${who}'s account is turned off. Their password no longer opens Doorway; everything they recorded stays, under their name.`);
    line(
      out,
      'Their key slot was removed. Recommended when someone leaves: an administrator can also change the vault key in the app ' +
        '(Staff, "Change the vault key"), so that only the active accounts and the recovery code can open the records.',
    );
    return EXIT.ok;
  },
});
