import { z } from 'zod';
import { says } from '../messages';
import { isValidTimeZone } from '../continuity/days';
import { channel } from './channel';
import {
  clinicNameSchema,
  displayNameSchema,
  languageSchema,
  newPasswordSchema,
  peopleWordSchema,
  sessionInfoSchema,
  usernameSchema,
} from './schemas';

/** First run: the only writes allowed before any staff user exists. */
/** An IANA time zone this runtime knows. */
const timeZoneSchema = z.string().max(64).refine(isValidTimeZone, says('input.timeZone'));

export const setupChannels = {
  /** Is there a vault in the data folder yet? Decides between the first-run wizard and sign-in. */
  'setup.status': channel({
    input: z.strictObject({}),
    output: z.object({ vaultExists: z.boolean() }),
    access: 'public',
  }),
  /**
   * Makes a recovery code and keeps it in main's memory until `setup.create` confirms it. Nothing is
   * written yet, so leaving the wizard part-way leaves no half-made vault behind.
   */
  'setup.recoveryCode': channel({
    input: z.strictObject({}),
    output: z.object({
      recoveryCode: z.string(),
      /** 1-based group positions the person retypes to show they kept the code. */
      confirmGroups: z.array(z.number().int().min(1).max(8)).length(2),
    }),
    access: 'public',
  }),
  'setup.create': channel({
    input: z.strictObject({
      clinicName: clinicNameSchema,
      peopleWord: peopleWordSchema,
      admin: z.strictObject({
        username: usernameSchema,
        displayName: displayNameSchema,
        password: newPasswordSchema,
      }),
      /** The retyped groups, in the order of `confirmGroups`. */
      confirmation: z.array(z.string().max(20)).length(2),
      /** The clinic's time zone (IANA): continuity counts calendar days there. This computer's, if not given. */
      timeZone: timeZoneSchema.optional(),
      /**
       * "Make this computer the clinic's hub": the records go on a PostgreSQL server Doorway starts
       * and looks after on this computer, which the clinic's other computers join. Otherwise this computer only.
       */
      asHub: z.boolean().optional(),
      /** The clinic's language (the first-run wizard asks it first). English if not given. */
      language: languageSchema.optional(),
    }),
    output: sessionInfoSchema,
    access: 'public',
  }),
};
