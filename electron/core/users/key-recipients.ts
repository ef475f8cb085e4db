import type { VaultKey } from '../../../shared/contract/users';
import { CLINICAL_ROLES } from '../../../shared/roles';
import type { Data } from '../data/engine';
import type { KeyslotFile } from '../vault/keyslots';
import type { RotationRecipient } from '../vault/rotation';
import { readSlotKeysIn } from '../vault/slot-keys';
import { EMERGENCY_SLOT_ID } from './emergency';

/**
 * Who keeps access through a change of a key: for `main`, every active account; for `clinical`, the
 * active accounts whose role may read clinical content; and the recovery slot for both. With the public
 * keys the records hold (a key the records lack makes the rotation stop and say whose slot to renew).
 */
export async function rotationRecipients(data: Data, file: KeyslotFile, which: VaultKey = 'main'): Promise<RotationRecipient[]> {
  const keys = await readSlotKeysIn(data);
  let query = data
    .selectFrom('staff_users')
    .select(['display_name', 'slot_id'])
    .where('disabled_at', 'is', null)
    .where('slot_id', '<>', EMERGENCY_SLOT_ID);
  // The clinical key goes only to the roles that may read clinical content (shared/roles.ts).
  if (which === 'clinical') query = query.where('role', 'in', CLINICAL_ROLES);
  const active = await query.orderBy('id').execute();
  const recipients: RotationRecipient[] = active.map((s) => ({ slotId: s.slot_id, publicKey: keys[s.slot_id]?.publicKey ?? '', label: s.display_name }));
  const recoveryId = file.slots.find((s) => s.kind === 'recovery')!.id;
  recipients.push({ slotId: recoveryId, publicKey: keys[recoveryId]?.publicKey ?? '', label: 'the recovery code', recovery: true });
  return recipients;
}
