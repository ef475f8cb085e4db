import { userChannels } from '../../../shared/contract/users';
import type { Role } from '../../../shared/roles';
import { invoke } from '../../core';
import { defineCommand } from '../command';
import { UsageError } from '../errors';
import { issueText } from '../../../shared/messages/issues';
import { readSecret } from '../secrets';
import { EXIT, line } from '../io';
import { ADMIN_USER_FLAG, answer, asAdministrator, WHERE_FLAGS, SECRET_NOTE } from './users-shared';

const NAME = 'users add';

/** The role words people type; `admin` is short for the role the app calls administrator. */
const ROLE_WORDS: Record<string, Role> = { front_desk: 'front_desk', clinician: 'clinician', admin: 'administrator', administrator: 'administrator' };

export const usersAddCommand = defineCommand({
  name: NAME,
  summary: 'Add a staff account with a temporary password, as on the Staff screen (administrators).',
  flags: {
    username: { type: 'string', placeholder: 'USERNAME', required: true, description: "The new person's username (letters, digits, dots, dashes or underscores)." },
    role: { type: 'string', placeholder: 'ROLE', required: true, description: 'What they can open: front_desk, clinician or admin (an administrator).' },
    'display-name': { type: 'string', placeholder: 'NAME', description: 'Their name as Doorway shows it (put it in quotes). The username if left out.' },
    ...WHERE_FLAGS,
    user: ADMIN_USER_FLAG,
  },
  notes: [
    SECRET_NOTE,
    "The new person's temporary password comes from DOORWAY_NEW_PASSWORD, or is asked for (hidden) in a terminal.",
    'Give it to the person in person; Doorway asks them to choose their own password when they first sign in.',
  ],
  async run(values, ctx) {
    const role = ROLE_WORDS[values.role.trim().toLowerCase()];
    if (!role) throw new UsageError(`"${values.role}" is not a role. Use front_desk, clinician or admin.`, NAME);
    // Checked with the app's own rules before a password is asked for; the router checks again.
    const input = userChannels['users.create'].input.safeParse({ username: values.username, displayName: values['display-name'] ?? values.username, role });
    if (!input.success) throw new UsageError(`${issueText(input.error.issues[0]) ?? 'That account is not in the expected form.'} Nothing was changed.`, NAME);
    const temporaryPassword = await readSecret(ctx.io, {
      env: 'DOORWAY_NEW_PASSWORD',
      what: 'temporary password for the new account',
      prompt: `Temporary password for ${input.data.username}: `,
      confirm: 'The same temporary password again: ',
      command: NAME,
    });
    const checked = userChannels['users.create'].input.safeParse({ ...input.data, temporaryPassword });
    if (!checked.success) throw new UsageError(`${issueText(checked.error.issues[0]) ?? 'That password is not in the expected form.'} Nothing was changed.`, NAME);

    const made = await asAdministrator(values, ctx, NAME, async (router) => answer(await invoke(router, 'users.create', checked.data), NAME));
    const out = ctx.io.stdout;
    line(out, `Added ${made.user.displayName} (${made.user.username}) as ${made.user.role}.`);
    line(out, 'Give them the temporary password in person. When they sign in with it, Doorway asks them to choose their own password.');
    return EXIT.ok;
  },
});
