import { useContext, useRef } from 'react';
import { Button, FieldError, Group, Input, Label, NumberField, Text } from 'react-aria-components';
import { FieldErrorContext } from './use-field-errors';

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
  /** Where the first step up from an empty field lands (react-aria starts at `min`), and a
   * first step down lands on `min`: 1 and 0 for "doses used". */
  firstStep?: number;
  /** A word after the box ("minutes", "days"); the label already says it to screen readers. */
  unit?: string;
  className?: string;
}

/**
 * The one number field: a whole number, typed, stepped with the arrow keys, or with the − and +
 * buttons beside it; empty means "not given".
 */
export function NumberInput({ label, name, value, onChange, min = 0, max, description, grouping = false, compact = false, firstStep, unit, className }: NumberInputProps) {
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  const inputRef = useRef<HTMLInputElement>(null);
  const pasting = useRef(false);
  /**
   * A value that comes while the box still shows nothing came from a step (a button or an arrow key),
   * not from typing, which is committed with the typed text on screen. From empty, react-aria steps
   * up to `min` and down to `max`; here up goes to `firstStep` and down to `min`.
   */
  const fromEmptyStep = (v: number): number => {
    if (firstStep === undefined || value !== null || pasting.current || inputRef.current?.value !== '') return v;
    if (v === min) return firstStep;
    if (max !== undefined && v === max) return min;
    return v;
  };
  return (
    <NumberField
      name={name}
      value={value ?? Number.NaN}
      onChange={(v) => {
        scope?.clear(name);
        onChange(Number.isNaN(v) ? null : fromEmptyStep(v));
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
        <Input
          ref={inputRef}
          className="field-input number-input"
          onPasteCapture={() => {
            pasting.current = true;
            setTimeout(() => (pasting.current = false), 0);
          }}
        />
        {compact ? null : (
          <Button slot="increment" className="number-step">
            +
          </Button>
        )}
        {unit ? (
          <span className="number-unit" aria-hidden="true">
            {unit}
          </span>
        ) : null}
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
