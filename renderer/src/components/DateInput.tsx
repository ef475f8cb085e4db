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
  /** YYYY-MM-DD: earlier dates are marked as invalid while typing. */
  min?: string;
  /** Marked wrong by the form itself (a range whose ends are the wrong way round), not by a message of its own. */
  invalid?: boolean;
  /** The id of a note elsewhere in the form that says what is wrong. */
  describedBy?: string;
  /** A message of its own, when the field is not inside a ValidatedForm (a period's dates the wrong way round). */
  error?: string;
}

/**
 * A date typed by segments (day, month, year) in the staff member's order (react-aria follows the app's
 * locale, where a browser's own date box follows the computer's); arrow keys step each one.
 */
export function DateInput({ label, name, value, onChange, description, max, min, invalid, describedBy, error: ownError }: DateInputProps) {
  const scope = useContext(FieldErrorContext);
  const error = ownError ?? scope?.errors[name];
  return (
    <DateField
      name={name}
      value={value ? toCalendarDate(value) : null}
      onChange={(d: CalendarDate | null) => {
        scope?.clear(name);
        onChange(d ? fromCalendarDate(d) : null);
      }}
      maxValue={max ? toCalendarDate(max) : undefined}
      minValue={min ? toCalendarDate(min) : undefined}
      isInvalid={Boolean(error) || Boolean(invalid)}
      aria-describedby={describedBy}
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
