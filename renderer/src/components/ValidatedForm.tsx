import type { ReactNode, RefObject } from 'react';
import { Form, type FormProps } from 'react-aria-components';
import { FieldErrorContext, type FieldErrorScope } from './use-field-errors';

interface ValidatedFormProps extends Omit<FormProps, 'children' | 'validationBehavior' | 'validationErrors'> {
  /** From useFieldErrors. */
  formRef: RefObject<HTMLFormElement | null>;
  scope: FieldErrorScope;
  children: ReactNode;
}

/**
 * A form whose fields show the messages from useFieldErrors. Validation is ours (shared zod schemas,
 * then the server), so react-aria only marks fields with ARIA and never blocks submitting.
 */
export function ValidatedForm({ formRef, scope, children, className = 'form', ...props }: ValidatedFormProps) {
  return (
    <Form {...props} ref={formRef} className={className} validationBehavior="aria">
      <FieldErrorContext.Provider value={scope}>{children}</FieldErrorContext.Provider>
    </Form>
  );
}
