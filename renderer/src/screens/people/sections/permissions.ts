import type { Role } from '../../../../../shared/roles';

/** What the signed-in role may do on this person's page; core checks the same on every call. */
export interface RecordPermissions {
  /** The person is not removed: their record can be added to and edited. */
  canWrite: boolean;
  /** Administrators and clinicians may remove (softly, with a reason). */
  canRemove: boolean;
  /** Only administrators restore what was removed. */
  canRestore: boolean;
}

export function permissionsFor(role: Role, personRemoved: boolean): RecordPermissions {
  return {
    canWrite: !personRemoved,
    canRemove: !personRemoved && role !== 'front_desk',
    canRestore: role === 'administrator',
  };
}
