import { z } from 'zod';
import { says } from '../messages';
import { ROLES } from '../roles';
import { PEOPLE_WORDS } from '../people-word';
import { LANGUAGES } from '../languages';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../password-strength';

/** Shared field schemas, with messages written for the person at the keyboard. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, says('input.usernameShort'))
  .max(64, says('input.usernameLong'))
  .regex(/^[A-Za-z0-9._-]+$/, says('input.usernameForm'));

/** For signing in we accept anything typed, so a wrong username gets the same answer as a wrong password. */
export const typedUsernameSchema = z.string().max(256, says('input.typedUsernameLong'));
export const typedPasswordSchema = z.string().max(1024, says('input.typedPasswordLong'));

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, says('input.passwordShort'))
  .max(1024, says('input.passwordLong'))
  .superRefine((password, ctx) => {
    // Strength is judged once the length is right, so each refusal has one reason.
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) return;
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.key });
  });

export const displayNameSchema = z.string().trim().min(1, says('input.nameNeeded')).max(120, says('input.nameLong'));
export const clinicNameSchema = z
  .string()
  .trim()
  .min(1, says('input.clinicNameNeeded'))
  .max(120, says('input.clinicNameLong'));
export const roleSchema = z.enum(ROLES);
export const peopleWordSchema = z.enum(PEOPLE_WORDS);
export const languageSchema = z.enum(LANGUAGES, says('input.language'));
export const recoveryCodeSchema = z.string().max(200, says('input.recoveryCodeLong'));
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

export const staffUserSchema = z.object({
  id: z.number().int().positive(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
});
export type StaffUser = z.infer<typeof staffUserSchema>;

/** A client-code recipe: A = a letter, 9 = a digit, other characters stand for themselves; empty = any code. */
export const clientCodeMaskSchema = z
  .string()
  .trim()
  .toUpperCase()
  .max(32, says('input.recipeLong'))
  .regex(/^[A9-]*$/, says('input.recipeForm'));

export const clinicSettingsSchema = z.object({
  clinicName: z.string(),
  peopleWord: peopleWordSchema,
  idleLockMinutes: z.number().int().min(1).max(60),
  clientCodeMask: z.string(),
  /** How staff explain the recipe to a person, e.g. "first two letters of your mother's first name, then your birth month". */
  clientCodeHint: z.string(),
  /** The language assistant suggests person-first wording in notes, goals and moments. */
  languageAssistant: z.boolean(),
  /** A gap longer than this many days between contacts is time away (DESIGN.md, Continuity). */
  absenceThresholdDays: z.number().int().min(7).max(730),
  /** IANA time zone: continuity is counted in calendar days here. */
  timeZone: z.string(),
  /** Unsaved work left in a form is kept this many days, then removed. */
  draftExpiryDays: z.number().int().min(1).max(90),
  /** The clinic's language: the screens speak it for a staff member who has not chosen their own. */
  language: languageSchema,
});
export type ClinicSettings = z.infer<typeof clinicSettingsSchema>;

export const sessionInfoSchema = z.object({
  user: staffUserSchema,
  mustChangePassword: z.boolean(),
  emergency: z.boolean(),
  /** Emergency access only: the name the person gave when using the recovery code. */
  emergencyName: z.string().nullable(),
  settings: clinicSettingsSchema,
  /** The signed-in person's own language, or null: the clinic's (settings.language) then applies. */
  language: languageSchema.nullable(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;
