import { z } from 'zod';
import { ALL_ROLES } from '../roles';
import { channel } from './channel';
import {
  languageSchema,
  newPasswordSchema,
  recoveryCodeSchema,
  sessionInfoSchema,
  typedPasswordSchema,
  typedUsernameSchema,
} from './schemas';

export const sessionChannels = {
  /** The current session, or none. Part of signing in: the renderer asks it on start and after a lock. */
  'session.state': channel({
    input: z.strictObject({}),
    output: z.object({ vaultExists: z.boolean(), session: sessionInfoSchema.nullable() }),
    access: 'public',
  }),
  'session.signIn': channel({
    input: z.strictObject({ username: typedUsernameSchema, password: typedPasswordSchema }),
    output: sessionInfoSchema,
    access: 'public',
  }),
  /** Forgot password: the recovery code opens the vault and sets a new password for a staff user. */
  'session.recover': channel({
    input: z.strictObject({
      username: typedUsernameSchema,
      recoveryCode: recoveryCodeSchema,
      newPassword: newPasswordSchema,
    }),
    output: sessionInfoSchema,
    access: 'public',
  }),
  'session.signOut': channel({
    input: z.strictObject({}),
    output: z.object({ signedOut: z.literal(true) }),
    access: ALL_ROLES,
    allowedWhilePasswordChangeRequired: true,
  }),
  /** Lock: main closes the database and zeroes the key. Unlocking is signing in again. */
  'session.lock': channel({
    input: z.strictObject({}),
    output: z.object({ locked: z.literal(true) }),
    access: ALL_ROLES,
    allowedWhilePasswordChangeRequired: true,
  }),
  /** Keyboard or pointer activity in the window, so main's idle timer knows someone is there. */
  'session.touch': channel({
    input: z.strictObject({}),
    output: z.object({ idleLockMinutes: z.number().int() }),
    access: ALL_ROLES,
    allowedWhilePasswordChangeRequired: true,
  }),
  /**
   * The signed-in person's own language for the screens, or null for the clinic's. Every role, for
   * themselves only; audited like any change to a staff account.
   */
  'session.setLanguage': channel({
    input: z.strictObject({ language: languageSchema.nullable() }),
    output: sessionInfoSchema,
    access: ALL_ROLES,
    allowedWhilePasswordChangeRequired: true,
  }),
  'session.changePassword': channel({
    input: z.strictObject({ currentPassword: typedPasswordSchema, newPassword: newPasswordSchema }),
    output: sessionInfoSchema,
    access: ALL_ROLES,
    allowedWhilePasswordChangeRequired: true,
  }),
};
