import { z } from 'zod';
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
          .int('Minutes are whole numbers.')
          .min(1, 'The screen locks after at least 1 minute.')
          .max(60, 'The screen locks after at most 60 minutes.')
          .optional(),
        clientCodeMask: clientCodeMaskSchema.optional(),
        clientCodeHint: z.string().trim().max(300, 'Please keep the explanation under 300 characters.').optional(),
        languageAssistant: z.boolean().optional(),
        absenceThresholdDays: z
          .number()
          .int('Days are whole numbers.')
          .min(7, 'Time away starts after at least 7 days.')
          .max(730, 'Time away starts after at most 730 days.')
          .optional(),
        timeZone: z.string().max(64).refine(isValidTimeZone, 'Please choose a time zone from the list.').optional(),
        draftExpiryDays: z
          .number()
          .int('Days are whole numbers.')
          .min(1, 'Unsaved work is kept for at least 1 day.')
          .max(90, 'Unsaved work is kept for at most 90 days.')
          .optional(),
      })
      .refine((v) => Object.keys(v).length > 0, 'Nothing to change.'),
    output: clinicSettingsSchema,
    access: ADMIN_ONLY,
  }),
};
