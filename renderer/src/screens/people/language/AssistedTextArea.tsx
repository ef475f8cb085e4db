import { useContext, useId, useLayoutEffect, useRef } from 'react';
import { FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { useSessionInfo } from '../../../api/queries';
import { FieldErrorContext } from '../../../components/use-field-errors';
import { LanguageHints, type FieldWords } from './LanguageHints';

interface AssistedTextAreaProps {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  description?: string;
  rows?: number;
  /** Off for fields that are not free writing about a person (a substance name, say). */
  assistant?: boolean;
  /**
   * Whose words the field holds: staff's own writing (the default), or the person's own words
   * ("their goal, in their words"), which the assistant offers to quote and never to reword.
   */
  words?: FieldWords;
  autoFocus?: boolean;
  maxLength?: number;
}

/**
 * A text area for writing about a person, with the language assistant underneath when the clinic
 * has it on (Settings). The assistant only suggests; whatever is written is saved as written.
 * Taking or dismissing a suggestion hands the keyboard back to the text, just after the change.
 */
export function AssistedTextArea({ label, name, value, onChange, description, rows = 3, assistant = true, words = 'staff', autoFocus, maxLength }: AssistedTextAreaProps) {
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  const session = useSessionInfo();
  const on = assistant && session.data?.settings.languageAssistant !== false;
  const hintsId = useId();
  const areaRef = useRef<HTMLTextAreaElement>(null);
  /** Where the caret goes once the text from a suggestion is on screen. */
  const caretAfter = useRef<number | null>(null);
  const change = (next: string) => {
    scope?.clear(name);
    onChange(next);
  };

  useLayoutEffect(() => {
    const caret = caretAfter.current;
    const area = areaRef.current;
    if (caret === null || !area || area.value !== value) return;
    caretAfter.current = null;
    area.focus();
    area.setSelectionRange(caret, caret);
  }, [value]);

  return (
    <div className="assisted-field">
      <TextField name={name} value={value} onChange={change} isInvalid={Boolean(error)} autoFocus={autoFocus} maxLength={maxLength} className="field">
        <Label className="field-label">{label}</Label>
        <TextArea ref={areaRef} rows={rows} className="field-input field-textarea" />
        {description ? (
          <Text slot="description" className="field-description">
            {description}
          </Text>
        ) : null}
        <FieldError className="field-error">{error}</FieldError>
      </TextField>
      {on ? (
        <LanguageHints
          id={hintsId}
          text={value}
          words={words}
          onReplace={(next, caret) => {
            caretAfter.current = caret;
            change(next);
          }}
          onDismiss={() => areaRef.current?.focus()}
        />
      ) : null}
    </div>
  );
}
