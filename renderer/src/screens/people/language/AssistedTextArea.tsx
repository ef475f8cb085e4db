import { useContext, useId } from 'react';
import { FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useSessionInfo } from '../../../api/queries';
import { FieldErrorContext } from '../../../components/use-field-errors';
import { LanguageHints } from './LanguageHints';

interface AssistedTextAreaProps {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  description?: string;
  rows?: number;
  /** Off for fields that are not free writing about a person (a substance name, say). */
  assistant?: boolean;
  autoFocus?: boolean;
  maxLength?: number;
}

/**
 * A text area for writing about a person, with the language assistant underneath when the clinic
 * has it on (Settings). The assistant only suggests; whatever is written is saved as written.
 */
export function AssistedTextArea({ label, name, value, onChange, description, rows = 3, assistant = true, autoFocus, maxLength }: AssistedTextAreaProps) {
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  const session = useSessionInfo();
  const on = assistant && session.data?.settings.languageAssistant !== false;
  const hintsId = useId();
  const change = (next: string) => {
    scope?.clear(name);
    onChange(next);
  };
  return (
    <div className="assisted-field">
      <TextField name={name} value={value} onChange={change} isInvalid={Boolean(error)} autoFocus={autoFocus} maxLength={maxLength} className="field">
        <Label className="field-label">{label}</Label>
        <TextArea rows={rows} className="field-input field-textarea" />
        {description ? (
          <Text slot="description" className="field-description">
            {description}
          </Text>
        ) : null}
        <FieldError className="field-error">{error}</FieldError>
      </TextField>
      {on ? <LanguageHints id={hintsId} text={value} onReplace={change} /> : null}
    </div>
  );
}
