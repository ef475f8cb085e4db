import type { Handlers } from '../router';

export const sessionHandlers = {
  'session.state': (_input, { core }) => ({
    vaultExists: core.vaultExists(),
    session: core.session ? core.sessionInfo() : null,
  }),
  'session.signIn': (input, { core }) => core.signIn(input.username, input.password),
  'session.recover': (input, { core }) => core.recover(input.username, input.recoveryCode, input.newPassword),
  'session.signOut': (_input, { core }) => {
    core.lock('signedOut');
    return { signedOut: true as const };
  },
  'session.lock': (_input, { core }) => {
    core.lock('manual');
    return { locked: true as const };
  },
  'session.touch': (_input, { core }) => ({ idleLockMinutes: core.touch() }),
  'session.changePassword': (input, { core }) => core.changePassword(input.currentPassword, input.newPassword),
} satisfies Partial<Handlers>;
