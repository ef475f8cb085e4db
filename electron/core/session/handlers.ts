import type { Handlers } from '../router';
import { setStaffLanguageIn, staffLanguageIn } from '../users/staff';

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
  // Only the signed-in person's own row: the id comes from the session, never from the input.
  'session.setLanguage': async (input, ctx) => {
    await ctx.transact(async (trx) => {
      const before = await staffLanguageIn(trx, ctx.user.id);
      await setStaffLanguageIn(trx, ctx.user.id, input.language);
      await ctx.audit({ action: 'session.setLanguage', subjectType: 'staff', subjectId: ctx.user.id, details: { from: before, to: input.language } });
    });
    return ctx.services.signIn.sessionInfo();
  },
} satisfies Partial<Handlers>;
