import type { z } from 'zod';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { messageText, type Message } from '../../../shared/messages';
import { issueFields, issueMessage } from '../../../shared/messages/issues';
import type { AppError } from '../../../shared/result';
import { LANGUAGES, type Language } from '../../../shared/languages';
import i18n from './i18n';
import { pseudoString } from './pseudo';

/** A message from core (shared/messages) in the interface's language now; pseudo for the tests' pseudo-locale. */
export function say(message: Message): string {
  const language = i18n.language;
  if (language === 'pseudo') return pseudoString(messageText(message, 'en'));
  return messageText(message, (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : 'en');
}

/** `say`, for a component that must show its words again when the language changes. */
export function useSay(): (message: Message) => string {
  const { i18n: current } = useTranslation();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the language is what makes `say` answer differently.
  return useCallback((message: Message) => say(message), [current.language]);
}

/**
 * A refusal from core with its words in the staff member's language: the message and each field's. The
 * English that core sends stays only where a refusal has no key (none should).
 */
export function inOwnLanguage(error: AppError): AppError {
  if (!error.key) return error;
  const out: AppError = { ...error, message: say({ key: error.key, ...(error.params ? { params: error.params } : {}) }) };
  if (error.fieldMessages) out.fields = Object.fromEntries(Object.entries(error.fieldMessages).map(([k, m]) => [k, say(m)]));
  return out;
}

/** Our own check before sending (the contract's zod schema), said in the staff member's language. */
export function sayIssue(issue: z.core.$ZodIssue | undefined): string | undefined {
  return issue ? say(issueMessage(issue)) : undefined;
}

/** Our own check's findings by field (the first for each), said in the staff member's language. */
export function sayIssues(issues: readonly z.core.$ZodIssue[], whole: string): Record<string, string> {
  return Object.fromEntries(Object.entries(issueFields(issues, { whole })).map(([field, message]) => [field, say(message)]));
}
