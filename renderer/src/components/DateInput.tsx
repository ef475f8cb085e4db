import type { CalendarDate } from '@internationalized/date';
import { useContext } from 'react';
import { DateField, DateInput as AriaDateInput, DateSegment, FieldError, Label, Text } from 'react-aria-components';
import { FieldErrorContext } from './use-field-errors';
import { fromCalendarDate, toCalendarDate } from './dates';

interface DateInputProps {
  label: string;
  name: string;
  /** YYYY-MM-DD, or null when empty (only where the date is optional). */
  value: string | null;
  onChange(value: string | null): void;
  description?: string;
  /** YYYY-MM-DD: later dates are marked as invalid while typing. */
  max?: string;
}

/** A date typed by segments (day, month, year); arrow keys step each one. */
export function DateInput({ label, name, value, onChange, description, max }: DateInputProps) {
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  return (
    <DateField
      name={name}
      value={value ? toCalendarDate(value) : null}
      onChange={(d: CalendarDate | null) => {
        scope?.clear(name);
        onChange(d ? fromCalendarDate(d) : null);
      }}
      maxValue={max ? toCalendarDate(max) : undefined}
      isInvalid={Boolean(error)}
      granularity="day"
      className="field"
    >
      <Label className="field-label">{label}</Label>
      <AriaDateInput className="field-input date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</AriaDateInput>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </DateField>
  );
}
