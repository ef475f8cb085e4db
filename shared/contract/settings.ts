import { z } from 'zod';
import { says } from '../messages';
import { isValidTimeZone } from '../continuity/days';
import { ADMIN_ONLY, ALL_ROLES } from '../roles';
import { channel } from './channel';
import { clientCodeMaskSchema, clinicNameSchema, clinicSettingsSchema, languageSchema, peopleWordSchema } from './schemas';

export const settingsChannels = {
  'settings.get': channel({
    input: z.strictObject({}),
    output: clinicSettingsSchema,
    access: ALL_ROLES,
  }),
  'settings.update': channel({
    input: z
      .strictObject({
        clinicName: clinicNameSchema.optional(),
        peopleWord: peopleWordSchema.optional(),
        language: languageSchema.optional(),
        idleLockMinutes: z
          .number()
          .int(says('input.minutesWhole'))
          .min(1, says('input.lockMin'))
          .max(60, says('input.lockMax'))
          .optional(),
        clientCodeMask: clientCodeMaskSchema.optional(),
        clientCodeHint: z.string().trim().max(300, says('input.hintLong')).optional(),
        languageAssistant: z.boolean().optional(),
        absenceThresholdDays: z
          .number()
          .int(says('input.daysWhole'))
          .min(7, says('input.awayMin'))
          .max(730, says('input.awayMax'))
          .optional(),
        timeZone: z.string().max(64).refine(isValidTimeZone, says('input.timeZone')).optional(),
        draftExpiryDays: z
          .number()
          .int(says('input.daysWhole'))
          .min(1, says('input.draftDaysMin'))
          .max(90, says('input.draftDaysMax'))
          .optional(),
      })
      .refine((v) => Object.keys(v).length > 0, says('input.nothingToChange')),
    output: clinicSettingsSchema,
    access: ADMIN_ONLY,
  }),
};
