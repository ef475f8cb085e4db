import type { Data } from '../data/engine';
import { staffBySlot, type StaffRecord } from './staff';

/**
 * Emergency access (break-glass) acts as one built-in staff record, so everything done in that session
 * is attributed to it in the records and the audit trail (marked as emergency access), and the person
 * who used the recovery code writes their name into the sign-in event.
 *
 * The record can never be signed into with a password: its username has a space (real usernames
 * cannot), its slot id is not a key slot id (those are UUIDs), and it is kept turned off.
 */
export const EMERGENCY_USERNAME = 'emergency access';
export const EMERGENCY_SLOT_ID = 'emergency-access';
export const EMERGENCY_DISPLAY_NAME = 'Emergency access';

export const isEmergencyAccount = (s: { slotId: string }): boolean => s.slotId === EMERGENCY_SLOT_ID;

/** The emergency record, created the first time it is needed (call inside a transaction). */
export async function ensureEmergencyStaff(data: Data, now: string): Promise<StaffRecord> {
  const existing = await staffBySlot(data, EMERGENCY_SLOT_ID);
  if (existing) return existing;
  await data
    .insertInto('staff_users')
    .values({
      username: EMERGENCY_USERNAME,
      display_name: EMERGENCY_DISPLAY_NAME,
      role: 'administrator',
      slot_id: EMERGENCY_SLOT_ID,
      must_change_password: 0,
      disabled_at: now,
      created_at: now,
      created_by: null,
    })
    .execute();
  return (await staffBySlot(data, EMERGENCY_SLOT_ID))!;
}

/**
 * Each event of an emergency session carries, as its username, the record's username and the name its
 * user gave: "emergency access (Morgan Lee)". The audit screen shows the name on its own.
 */
export const emergencyActorUsername = (name: string): string => `${EMERGENCY_USERNAME} (${name})`;

export function emergencyNameOf(actorUsername: string | null): string | null {
  const prefix = `${EMERGENCY_USERNAME} (`;
  return actorUsername?.startsWith(prefix) && actorUsername.endsWith(')') ? actorUsername.slice(prefix.length, -1) : null;
}
