import { z } from 'zod';
import { ROLES } from '../roles';
import { PEOPLE_WORDS } from '../people-word';
import { LANGUAGES } from '../languages';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../password-strength';

/** Shared field schemas, with messages written for the person at the keyboard. */
export const usernameSchema = z
  .string()
  .trim()
  .min(2, 'Usernames have at least 2 characters.')
  .max(64, 'Usernames have at most 64 characters.')
  .regex(/^[A-Za-z0-9._-]+$/, 'Usernames use letters, digits, dots, dashes or underscores.');

/** For signing in we accept anything typed, so a wrong username gets the same answer as a wrong password. */
export const typedUsernameSchema = z.string().max(256, 'That username is too long.');
export const typedPasswordSchema = z.string().max(1024, 'That password is too long.');

export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Passwords have at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(1024, 'Passwords have at most 1024 characters.')
  .superRefine((password, ctx) => {
    // Strength is judged once the length is right, so each refusal has one reason.
    if (password.length < MIN_PASSWORD_LENGTH || password.length > 1024) return;
    const problem = passwordProblem(password);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const displayNameSchema = z.string().trim().min(1, 'Please enter a name.').max(120, 'Names have at most 120 characters.');
export const clinicNameSchema = z
  .string()
  .trim()
  .min(1, 'Please enter the clinic name.')
  .max(120, 'Clinic names have at most 120 characters.');
export const roleSchema = z.enum(ROLES);
export const peopleWordSchema = z.enum(PEOPLE_WORDS);
export const languageSchema = z.enum(LANGUAGES, 'Please choose English or Spanish.');
export const recoveryCodeSchema = z.string().max(200, 'That recovery code is too long.');
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
  .max(32, 'A recipe has at most 32 characters.')
  .regex(/^[A9-]*$/, 'Use A for a letter, 9 for a digit and - as a separator.');

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
