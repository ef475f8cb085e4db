import { z } from 'zod';
import { says } from '../messages';
import { ADMIN_ONLY } from '../roles';
import { channel } from './channel';
import { isoDateTimeSchema } from './schemas';

/** Where this computer's records are: its own encrypted file, or the clinic hub (and whether the hub's server runs here). */
export const hubStateSchema = z.object({
  mode: z.enum(['thisComputer', 'joined']),
  /** The hub this computer works on, when joined. */
  hub: z.object({ host: z.string(), port: z.number(), database: z.string() }).nullable(),
  /** This computer runs the clinic hub's server (it was made the hub here). */
  serverHere: z.boolean(),
  /** On the hub computer: what protects the hub's data at rest (DESIGN.md, Clinic hub). */
  atRest: z.object({ state: z.enum(['encrypted', 'notEncrypted', 'unknown']), detail: z.string() }).nullable(),
});
export type HubState = z.infer<typeof hubStateSchema>;

/** A pairing code as the hub shows it: typed or pasted on the computer joining. */
const pairingCodeSchema = z
  .string()
  .trim()
  .min(10, says('input.pairingCodeShort'))
  .max(200, says('input.pairingCodeLong'));

export const hubChannels = {
  /** Before signing in too: the sign-in screen says which hub this computer works on. */
  'hub.state': channel({ input: z.strictObject({}), output: hubStateSchema, access: 'public' }),
  /**
   * First run on a computer of a clinic that already has a hub: the pairing code the hub shows pairs
   * this computer with it (hub/pairing.ts). Only on a computer that holds no records of its own.
   */
  'hub.join': channel({ input: z.strictObject({ code: pairingCodeSchema }), output: hubStateSchema, access: 'public' }),
  /**
   * "Move this computer's records to the hub": on a computer that keeps the clinic's records itself,
   * Doorway starts the clinic hub's server here and moves the records onto it (counted on both
   * sides; this computer's files kept as they are until an administrator removes them). Everyone then
   * signs in again, now to the hub.
   */
  'hub.moveHere': channel({
    input: z.strictObject({ confirm: z.literal(true, says('input.confirmMove')) }),
    output: z.object({ people: z.number(), contacts: z.number(), auditEntries: z.number() }),
    access: ADMIN_ONLY,
  }),
  /** On the hub computer: a one-time code for another computer of the clinic to join, good for a while. */
  'hub.pairingCode': channel({
    input: z.strictObject({}),
    output: z.object({ code: z.string(), expiresAt: isoDateTimeSchema }),
    access: ADMIN_ONLY,
  }),
};
