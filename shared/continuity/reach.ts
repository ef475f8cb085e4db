import { msg, type Message } from '../messages';

/**
 * Which outreach methods a person agreed to, from their contact preferences. Used by core (which
 * refuses the rest) and by the outreach dialog (which offers only these), so both say the same.
 *
 * - do-not-contact: no method at all.
 * - nothing said yet (no way ticked, no trusted contact noted): every method, as before; staff are
 *   asked to check with the person first.
 * - otherwise only what they agreed to: text, call, message and email by their own tick; a trusted
 *   contact only when one is noted. In person and "another way" are not something they agreed to,
 *   so they are not offered once the person has said how they want to be reached.
 */

export const OUTREACH_METHODS = ['text', 'call', 'message', 'email', 'in_person', 'trusted_contact', 'other'] as const;
export type OutreachMethod = (typeof OUTREACH_METHODS)[number];

export interface ReachConsent {
  okToText: boolean;
  okToCall: boolean;
  okToLeaveMessage: boolean;
  okToEmail: boolean;
  doNotContact: boolean;
  trustedContact: string | null;
}

export type ConsentState = 'do_not_contact' | 'not_said' | 'agreed';

export function consentState(c: ReachConsent): ConsentState {
  if (c.doNotContact) return 'do_not_contact';
  const said = c.okToText || c.okToCall || c.okToLeaveMessage || c.okToEmail || Boolean(c.trustedContact?.trim());
  return said ? 'agreed' : 'not_said';
}

/** The methods they agreed to, in the order of OUTREACH_METHODS. */
export function agreedMethods(c: ReachConsent): OutreachMethod[] {
  const state = consentState(c);
  if (state === 'do_not_contact') return [];
  if (state === 'not_said') return [...OUTREACH_METHODS];
  const ok: Record<OutreachMethod, boolean> = {
    text: c.okToText,
    call: c.okToCall,
    message: c.okToLeaveMessage,
    email: c.okToEmail,
    in_person: false,
    trusted_contact: Boolean(c.trustedContact?.trim()),
    other: false,
  };
  return OUTREACH_METHODS.filter((m) => ok[m]);
}

/**
 * The message core gives when a method was not agreed: a key per number of ways, each way named by
 * its own key (continuity.ways.*), so the sentence reads right in every language ("They agreed to
 * texts and calls only.", "Solo aceptó mensajes de texto y llamadas."). In the "agreed" state at most
 * five ways can be ticked (text, call, message, email, trusted contact).
 */
export function notAgreedMessage(c: ReachConsent): Message {
  if (c.doNotContact) return msg('continuity.doNotContact');
  const ways = agreedMethods(c);
  const params = Object.fromEntries(ways.map((m, i) => ['abcde'[i]!, m]));
  const key = (['continuity.agreedOnly1', 'continuity.agreedOnly2', 'continuity.agreedOnly3', 'continuity.agreedOnly4', 'continuity.agreedOnly5'] as const)[ways.length - 1];
  return msg(key ?? 'continuity.agreedOnly5', params);
}
