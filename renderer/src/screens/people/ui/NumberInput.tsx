import { useContext } from 'react';
import { Button, FieldError, Group, Input, Label, NumberField, Text } from 'react-aria-components';
import { FieldErrorContext } from '../../../components/use-field-errors';

interface NumberInputProps {
  label: string;
  name: string;
  value: number | null;
  onChange(value: number | null): void;
  min?: number;
  max?: number;
  description?: string;
  /** Years are not written 1,987. */
  grouping?: boolean;
  /** Compact: a quantity beside a supply, with no step buttons. */
  compact?: boolean;
  className?: string;
}

/** A whole number, typed or stepped with the arrow keys; empty means "not given". */
export function NumberInput({ label, name, value, onChange, min = 0, max, description, grouping = false, compact = false, className }: NumberInputProps) {
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  return (
    <NumberField
      name={name}
      value={value ?? Number.NaN}
      onChange={(v) => {
        scope?.clear(name);
        onChange(Number.isNaN(v) ? null : v);
      }}
      minValue={min}
      maxValue={max}
      step={1}
      isInvalid={Boolean(error)}
      formatOptions={{ maximumFractionDigits: 0, useGrouping: grouping }}
      className={['field', compact ? 'number-compact' : null, className].filter(Boolean).join(' ')}
    >
      <Label className="field-label">{label}</Label>
      <Group className="number-group">
        {compact ? null : (
          <Button slot="decrement" className="number-step">
            −
          </Button>
        )}
        <Input className="field-input number-input" />
        {compact ? null : (
          <Button slot="increment" className="number-step">
            +
          </Button>
        )}
      </Group>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </NumberField>
  );
}
