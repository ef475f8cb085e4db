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

/** Plural names for a calm sentence: "They agreed to calls only." */
const NAMES: Record<OutreachMethod, string> = {
  text: 'texts',
  call: 'calls',
  message: 'messages',
  email: 'email',
  in_person: 'in person',
  trusted_contact: 'their trusted contact',
  other: 'another way',
};

export function joinWays(ways: string[], and = 'and'): string {
  if (ways.length <= 1) return ways.join('');
  return `${ways.slice(0, -1).join(', ')} ${and} ${ways[ways.length - 1]}`;
}

/** The message core gives when a method was not agreed (English, like core's other messages). */
export function notAgreedMessage(c: ReachConsent): string {
  if (c.doNotContact) return "They asked not to be contacted, so there is no outreach to note. They are welcome whenever they come by.";
  return `They agreed to ${joinWays(agreedMethods(c).map((m) => NAMES[m]))} only. Please use one of those ways.`;
}
