import type { Handlers } from '../router';
import { createAccount, listAccounts, resetAccountPassword, setAccountDisabled, updateAccount } from './accounts';
import { rotationRecipients } from './key-recipients';

/** Staff accounts, the vault key, and who is at the keyboard (switching, emergency access). */
export const userHandlers = {
  'users.list': (_input, ctx) => listAccounts(ctx),
  'users.create': (input, ctx) => createAccount(ctx, input),
  'users.update': (input, ctx) => updateAccount(ctx, input),
  'users.setDisabled': ({ id, disabled }, ctx) => setAccountDisabled(ctx, id, disabled),
  'users.resetPassword': ({ id }, ctx) => resetAccountPassword(ctx, id),
  'vault.rotateKey': ({ keys }, { services }) => {
    const { vault } = services;
    return vault.rotateKey(keys ?? 'both', async (data, key) => rotationRecipients(data, await vault.keyslots().read(), key));
  },
  'session.switchUser': (_input, { services }) => {
    services.vault.lock('switchUser');
    return { locked: true as const };
  },
  'session.breakGlass': ({ recoveryCode, name }, { services }) => services.signIn.breakGlass(recoveryCode, name),
} satisfies Partial<Handlers>;
