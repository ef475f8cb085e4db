import { useContext } from 'react';
import { FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { FieldErrorContext } from './use-field-errors';

interface RadioChoiceProps<V extends string> {
  label: string;
  name: string;
  value: V | null;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
  description?: string;
  orientation?: 'horizontal' | 'vertical';
  /** Focus the chosen answer (or the first, when none is chosen yet) as the form opens. */
  autoFocus?: boolean;
}

/** A short set of answers, all visible at once; arrow keys move between them. */
export function RadioChoice<V extends string>({ label, name, value, options, onChange, description, orientation = 'horizontal', autoFocus = false }: RadioChoiceProps<V>) {
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  return (
    <RadioGroup
      name={name}
      value={value}
      onChange={(v) => {
        const match = options.find((o) => o.value === v);
        if (!match) return;
        scope?.clear(name);
        onChange(match.value);
      }}
      isInvalid={Boolean(error)}
      orientation={orientation}
      className="field"
    >
      <Label className="field-label">{label}</Label>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <div className={`choice-options choice-options-${orientation}`}>
        {options.map((o, i) => (
          <Radio key={o.value} value={o.value} className="choice" autoFocus={autoFocus && (value === null ? i === 0 : o.value === value)}>
            <span className="choice-dot" aria-hidden="true" />
            {o.label}
          </Radio>
        ))}
      </div>
      <FieldError className="field-error">{error}</FieldError>
    </RadioGroup>
  );
}
