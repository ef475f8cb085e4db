import { msg, type Message, type MessageKey, type MessageParams } from '../../../shared/messages';

/**
 * A message that carries another inside it ("…did not come out right: <what the check found>"), so each
 * part is said in the staff member's language: the outer sentence names the inner one as `$t({{because}})`
 * (i18next nesting) and the inner message's own parameters travel beside it. The key is a name, not words.
 * One level only, since every level would read the same parameters: when the inner message carries a
 * reason of its own, that deeper reason (the one that says what happened) is the one said.
 */
export function because(key: MessageKey, inner: Message, params: MessageParams = {}): Message {
  const reason = typeof inner.params?.because === 'string' ? inner.params.because : inner.key;
  return msg(key, { ...inner.params, ...params, because: reason });
}
