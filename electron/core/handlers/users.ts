import type { Handlers } from '../router';
import { createAccount, listAccounts, resetAccountPassword, setAccountDisabled, updateAccount } from '../users/accounts';

/** Staff accounts, the vault key, and who is at the keyboard (switching, emergency access). */
export const userHandlers = {
  'users.list': (_input, { core }) => listAccounts(core),
  'users.create': (input, { core }) => createAccount(core, input),
  'users.update': (input, { core }) => updateAccount(core, input),
  'users.setDisabled': ({ id, disabled }, { core }) => setAccountDisabled(core, id, disabled),
  'users.resetPassword': ({ id }, { core }) => resetAccountPassword(core, id),
  'vault.rotateKey': (_input, { core }) => core.rotateKey(),
  'session.switchUser': (_input, { core }) => {
    core.lock('switchUser');
    return { locked: true as const };
  },
  'session.breakGlass': ({ recoveryCode, name }, { core }) => core.breakGlass(recoveryCode, name),
} satisfies Partial<Handlers>;
