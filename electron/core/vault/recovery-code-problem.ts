import { msg, type Message } from '../../../shared/messages';
import { RECOVERY_GROUPS, type RecoveryParse } from '../../../shared/recovery-code';

/**
 * Why a typed recovery code was not accepted, as a message staff read in their own language. The
 * parser's own `message` is English for the command line; the groups it names are what matter here.
 */
export function recoveryCodeProblem(parsed: Extract<RecoveryParse, { ok: false }>): Message {
  if (parsed.badGroups.length === 0) return msg('access.recoveryCode.length', { groups: RECOVERY_GROUPS });
  return msg('access.recoveryCode.checkGroups', { count: parsed.badGroups.length, groups: parsed.badGroups.join(', ') });
}
