import { z } from 'zod';
import { ADMIN_ONLY, ALL_ROLES } from '../roles';
import { channel } from './channel';
import { idSchema } from './record-schemas';
import { displayNameSchema, newPasswordSchema, recoveryCodeSchema, roleSchema, sessionInfoSchema, usernameSchema } from './schemas';

/** A staff account as the administrator sees it. */
export const staffAccountSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  disabled: z.boolean(),
  /** Signed in with a temporary password and has not chosen their own yet. */
  mustChangePassword: z.boolean(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
  /** The account of whoever is signed in. */
  you: z.boolean(),
});
export type StaffAccount = z.infer<typeof staffAccountSchema>;

/** Shown once to the administrator, who hands it over; the person chooses their own at first sign-in. */
const withTemporaryPassword = z.object({ user: staffAccountSchema, temporaryPassword: z.string() });

/** Stages of a key change, in order; the `vault.rotation` event reports them while it runs. */
export const ROTATION_STAGES = ['preparing', 'copying', 'reencrypting', 'checking', 'switching', 'saving', 'done'] as const;
export type RotationStage = (typeof ROTATION_STAGES)[number];

export const userChannels = {
  'users.list': channel({
    input: z.strictObject({}),
    output: z.array(staffAccountSchema),
    access: ADMIN_ONLY,
  }),
  'users.create': channel({
    input: z.strictObject({
      username: usernameSchema,
      displayName: displayNameSchema,
      role: roleSchema,
      /** The command line's administrator may choose the temporary password; the Staff screen lets Doorway make one. */
      temporaryPassword: newPasswordSchema.optional(),
    }),
    output: withTemporaryPassword,
    access: ADMIN_ONLY,
  }),
  'users.update': channel({
    input: z
      .strictObject({ id: idSchema, displayName: displayNameSchema.optional(), role: roleSchema.optional() })
      .refine((v) => v.displayName !== undefined || v.role !== undefined, 'Nothing to change.'),
    output: staffAccountSchema,
    access: ADMIN_ONLY,
  }),
  /**
   * Turning an account off removes its key slot, so its password opens nothing any more. Turning it
   * back on issues a temporary password (there is no slot to bring back).
   */
  'users.setDisabled': channel({
    input: z.strictObject({ id: idSchema, disabled: z.boolean() }),
    output: z.object({ user: staffAccountSchema, temporaryPassword: z.string().nullable() }),
    access: ADMIN_ONLY,
  }),
  'users.resetPassword': channel({
    input: z.strictObject({ id: idSchema }),
    output: withTemporaryPassword,
    access: ADMIN_ONLY,
  }),
  /**
   * A new data key for the records, sealed to every remaining slot and the recovery slot. Offered after
   * an account is turned off; progress arrives as `vault.rotation` events.
   */
  'vault.rotateKey': channel({
    input: z.strictObject({}),
    output: z.object({ rotatedAt: z.string(), slots: z.number(), removedSlots: z.number() }),
    access: ADMIN_ONLY,
  }),
  /** Lock for the next person: the sign-in screen comes up empty. */
  'session.switchUser': channel({
    input: z.strictObject({}),
    output: z.object({ locked: z.literal(true) }),
    access: ALL_ROLES,
    allowedWhilePasswordChangeRequired: true,
  }),
  /**
   * Emergency access: the recovery code opens an administrator session that is marked, and audited,
   * as emergency access. `name` is who is using it, for the record.
   */
  'session.breakGlass': channel({
    input: z.strictObject({
      recoveryCode: recoveryCodeSchema,
      name: z.string().trim().min(1, 'Please write your name, for the record.').max(120, 'Names have at most 120 characters.'),
    }),
    output: sessionInfoSchema,
    access: 'public',
  }),
};
