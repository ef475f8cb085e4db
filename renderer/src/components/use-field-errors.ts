import { createContext, useCallback, useEffect, useMemo, useRef, useState } from 'react';

export type FieldErrors = Record<string, string>;

export interface FieldErrorScope {
  errors: FieldErrors;
  /** Called by a field as it is edited. */
  clear(name: string): void;
}

/** Lets TextInput and PeopleWordField find their message by name inside a ValidatedForm. */
export const FieldErrorContext = createContext<FieldErrorScope | null>(null);

/**
 * Field messages for a form: from our own checks before sending, or the server's `error.fields`.
 * After each check the first field with a message gets focus, so a keyboard user lands where the fix
 * is needed. A message goes as soon as its field is edited; left until blur, the form would jump up
 * under the pointer just as someone clicks the submit button after a fix, and swallow the click.
 */
export function useFieldErrors(initial: FieldErrors = {}) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrorsState] = useState<FieldErrors>(initial);
  const [focusTick, setFocusTick] = useState(0);

  const setErrors = useCallback((next: FieldErrors) => {
    setErrorsState(next);
    if (Object.keys(next).length > 0) setFocusTick((n) => n + 1);
  }, []);

  const clear = useCallback((name: string) => {
    setErrorsState((current) => {
      if (!(name in current)) return current;
      const rest = { ...current };
      delete rest[name];
      return rest;
    });
  }, []);

  useEffect(() => {
    if (focusTick === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusTick]);

  const scope = useMemo<FieldErrorScope>(() => ({ errors, clear }), [errors, clear]);
  return { formRef, errors, setErrors, scope };
}
