import { z } from 'zod';
import { says } from '../messages';
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

/**
 * The vault's two keys (DESIGN.md, Vault): `main` opens doorway.db, `clinical` opens clinical.db. A key
 * change names one of them, or `both` (the clinical key first, then the main one).
 */
export const VAULT_KEYS = ['main', 'clinical'] as const;
export type VaultKey = (typeof VAULT_KEYS)[number];
export const rotateKeysSchema = z.enum(['main', 'clinical', 'both']);
export type RotateKeys = z.infer<typeof rotateKeysSchema>;

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
      .refine((v) => v.displayName !== undefined || v.role !== undefined, says('input.nothingToChange')),
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
   * A new key for the records, sealed to every slot that keeps access: the main key to every active
   * account and the recovery slot, the clinical key to clinicians, administrators and the recovery slot.
   * `keys` (default `both`): after a front-desk account is turned off, `main` is enough; after a
   * clinician or administrator leaves, `both`; after a role change away from clinical work, `clinical`.
   * `both` changes the clinical key only if this session holds it. Progress arrives as `vault.rotation`
   * events (with `both`, the steps of the two changes count on from one to the other).
   */
  'vault.rotateKey': channel({
    input: z.strictObject({ keys: rotateKeysSchema.optional() }),
    output: z.object({
      rotatedAt: z.string(),
      /** The keys changed, in order. */
      keys: z.array(z.enum(VAULT_KEYS)),
      /** Slots holding the last key changed, and slots that no longer hold it. */
      slots: z.number(),
      removedSlots: z.number(),
    }),
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
      name: z.string().trim().min(1, says('input.ownName')).max(120, says('input.nameLong')),
    }),
    output: sessionInfoSchema,
    access: 'public',
  }),
};
