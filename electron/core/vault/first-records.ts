import type { ClinicSettings } from '../../../shared/contract/schemas';
import { recordAuditIn } from '../audit/audit';
import type { Data } from '../data/engine';
import { writeSettingsIn } from '../settings/settings';
import { insertStaffIn } from '../users/staff';
import type { SealedSlot } from './keyslots';
import { recordSlotKeyIn } from './slot-keys';

export interface FirstRecords {
  settings: ClinicSettings;
  vaultId: string;
  admin: { username: string; displayName: string };
  adminSlot: SealedSlot;
  recoverySlot: SealedSlot;
  now: string;
  /** Added to the creation event's details (a hub says so). */
  details?: Record<string, unknown>;
}

/**
 * A new clinic's first records, the same on one computer (vault.ts createVault) and on a hub
 * (hub/init.ts): its settings with the vault's id, the first administrator, the public keys of the two
 * key slots, and the trail's first event, the creation. Call inside the transaction that makes the
 * clinic; returns the administrator's id.
 */
export async function writeFirstRecords(trx: Data, first: FirstRecords): Promise<number> {
  await writeSettingsIn(trx, { ...first.settings, vaultId: first.vaultId } as Partial<ClinicSettings>);
  const adminId = await insertStaffIn(trx, {
    username: first.admin.username,
    displayName: first.admin.displayName,
    role: 'administrator',
    slotId: first.adminSlot.id,
    mustChangePassword: false,
    createdAt: first.now,
    createdBy: null,
  });
  await recordSlotKeyIn(trx, first.adminSlot);
  await recordSlotKeyIn(trx, first.recoverySlot);
  await recordAuditIn(trx, {
    at: first.now,
    actor: { id: adminId, username: first.admin.username },
    action: 'vault.create',
    details: { clinicName: first.settings.clinicName, ...first.details },
  });
  return adminId;
}
