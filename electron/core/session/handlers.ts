import type { Handlers } from '../router';

export const sessionHandlers = {
  'session.state': async (_input, { services }) => ({
    vaultExists: services.setup.vaultExists(),
    session: services.vault.session ? await services.signIn.sessionInfo() : null,
  }),
  'session.signIn': (input, { services }) => services.signIn.signIn(input.username, input.password),
  'session.recover': (input, { services }) => services.signIn.recover(input.username, input.recoveryCode, input.newPassword),
  'session.signOut': (_input, { services }) => {
    services.vault.lock('signedOut');
    return { signedOut: true as const };
  },
  'session.lock': (_input, { services }) => {
    services.vault.lock('manual');
    return { locked: true as const };
  },
  'session.touch': async (_input, { services }) => ({ idleLockMinutes: await services.vault.touch() }),
  'session.changePassword': (input, { services }) => services.signIn.changePassword(input.currentPassword, input.newPassword),
} satisfies Partial<Handlers>;
