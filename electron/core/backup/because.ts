import { msg, type Message, type MessageKey, type MessageParams } from '../../../shared/messages';

/**
 * A message that carries another inside it ("…did not come out right: <what the check found>"), so each
 * part is said in the staff member's language: the outer sentence names the inner one as `$t({{because}})`
 * (i18next nesting) and the inner message's own parameters travel beside it. The key is a name, not words.
 */
export function because(key: MessageKey, inner: Message, params: MessageParams = {}): Message {
  return msg(key, { ...inner.params, ...params, because: inner.key });
}
