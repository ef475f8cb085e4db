import type { CalendarDateTime } from '@internationalized/date';
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, DateInput, DateSegment, FieldError, Label, Text } from 'react-aria-components';
import { FieldErrorContext } from '../../../components/use-field-errors';
import { fromCalendarDateTime, toCalendarDateTime } from '../../../components/dates';

/**
 * The date and time a contact happened, typed segment by segment, in the clock this computer's locale
 * keeps (AM/PM in the US), the same as every time shown elsewhere (components/dates.ts).
 */
export function WhenField({ value, onChange, description }: { value: Date; onChange(value: Date): void; description?: string }) {
  const { t } = useTranslation();
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors.occurredAt;
  return (
    <DateField
      name="occurredAt"
      value={toCalendarDateTime(value)}
      onChange={(v: CalendarDateTime | null) => {
        if (!v) return;
        scope?.clear('occurredAt');
        onChange(new Date(fromCalendarDateTime(v)));
      }}
      granularity="minute"
      isInvalid={Boolean(error)}
      className="field"
    >
      <Label className="field-label">{t('contactForm.when')}</Label>
      <DateInput className="field-input date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
    </DateField>
  );
}
