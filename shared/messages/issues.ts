import type { z } from 'zod';
import type { Language } from '../languages';
import { isMessageKey, messageText, msg, type Message } from './index';

/**
 * A zod issue as a message. Our schemas give their own keys (`says('input.…')`); an issue without one
 * gets a plain message from its kind, so zod's own English ("Too small: expected string to have >=1
 * characters") never reaches staff.
 */
export function issueMessage(issue: z.core.$ZodIssue): Message {
  // A schema's own key may name the limit it was given: "Keep at most {{max}} daily backups."
  if (isMessageKey(issue.message)) {
    if (issue.code === 'too_big') return msg(issue.message, { max: Number(issue.maximum) });
    if (issue.code === 'too_small') return msg(issue.message, { min: Number(issue.minimum) });
    return msg(issue.message);
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return msg('input.notExpected');
    case 'too_big':
      if (issue.origin === 'string') return msg('input.tooLong', { count: Number(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return msg('input.tooMany', { count: Number(issue.maximum) });
      return msg('input.atMost', { max: Number(issue.maximum) });
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? msg('input.needed') : msg('input.tooShort', { count: Number(issue.minimum) });
      if (issue.origin === 'array' || issue.origin === 'set') return msg('input.tooFew', { count: Number(issue.minimum) });
      return msg('input.atLeast', { min: Number(issue.minimum) });
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return msg('input.needed');
      if (issue.expected === 'int') return msg('input.wholeNumber');
      return issue.expected === 'number' ? msg('input.number') : msg('input.form');
    case 'invalid_value':
      return msg('input.choose');
    case 'not_multiple_of':
      return msg('input.wholeNumber');
    default:
      return msg('input.form');
  }
}

/** A zod issue's words in a language (the command line: English). */
export function issueText(issue: z.core.$ZodIssue | undefined, language: Language = 'en'): string | undefined {
  return issue ? messageText(issueMessage(issue), language) : undefined;
}

/**
 * Each field's first issue, by dotted path (`admin.password`), as the forms place them. `prefix` puts a
 * nested schema's paths under its field (`data.`); `whole` names an issue about the value as a whole.
 */
export function issueFields(issues: readonly z.core.$ZodIssue[], { prefix = [], whole = '_' }: { prefix?: readonly string[]; whole?: string } = {}): Record<string, Message> {
  const fields: Record<string, Message> = {};
  for (const issue of issues) fields[[...prefix, ...issue.path.map(String)].join('.') || whole] ??= issueMessage(issue);
  return fields;
}
