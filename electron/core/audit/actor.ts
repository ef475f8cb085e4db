import { emergencyActorUsername } from '../users/emergency';
import type { StaffRecord } from '../users/staff';
import type { AuditActor } from './audit';

/** What the audit trail needs to know of a session (vault/session.ts holds the whole session). */
export interface ActingSession {
  user: Pick<StaffRecord, 'id' | 'username' | 'displayName'>;
  emergency: boolean;
  emergencyName?: string;
}

/**
 * The one place a session becomes an audit actor. Emergency access carries the name its user gave
 * ("emergency access (Morgan Lee)"), on every event of that session, whichever feature writes it.
 */
export function actorOf(s: ActingSession): AuditActor {
  return {
    id: s.user.id,
    username: s.emergencyName ? emergencyActorUsername(s.emergencyName) : s.user.username,
    emergency: s.emergency,
  };
}

/** No one signed in: the recovery code on the command line, or an event before any sign-in. */
export const NOBODY: AuditActor = { id: null, username: null };
