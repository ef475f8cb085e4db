import { useContext, type ReactNode, type Ref } from 'react';
import { FieldError, Input, Label, Text, TextField, type TextFieldProps } from 'react-aria-components';
import { FieldErrorContext } from './use-field-errors';

interface TextInputProps extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  description?: ReactNode;
  /** For codes: a monospaced face where 0/O and 1/I cannot be confused. */
  mono?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  placeholder?: string;
  /** Off for usernames and codes, where a "helpful" capital letter only hinders. */
  autoCapitalize?: 'none' | 'characters';
}

/** A labelled text field with its hint and its error, all tied to the input for screen readers. */
export function TextInput({ label, description, mono = false, inputRef, placeholder, autoCapitalize, ...props }: TextInputProps) {
  // The message for this field, by name, from the surrounding ValidatedForm; editing the field clears it.
  const scope = useContext(FieldErrorContext);
  const error = props.name ? scope?.errors[props.name] : undefined;
  const onChange = (value: string) => {
    if (props.name) scope?.clear(props.name);
    props.onChange?.(value);
  };
  return (
    <TextField {...props} onChange={onChange} isInvalid={Boolean(error)} className="field">
      <Label className="field-label">{label}</Label>
      <Input
        ref={inputRef}
        placeholder={placeholder}
        autoCapitalize={autoCapitalize}
        className={mono ? 'field-input field-input-mono' : 'field-input'}
      />
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </TextField>
  );
}
