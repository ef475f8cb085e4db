import { isValidTimeZone } from '../../../shared/continuity/days';

/** The computer's own zone: a sensible first value for the clinic's time zone setting. */
export function systemTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return tz && isValidTimeZone(tz) ? tz : 'UTC';
}
