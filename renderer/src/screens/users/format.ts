import { format } from 'date-fns';

/** "Mar 2, 2026, 9:41 AM": when, in the computer's own time zone, without seconds. */
export const shortDateTime = (iso: string): string => format(new Date(iso), 'PP, p');

/** "Mar 2, 2026, 9:41:07 AM": for the audit trail, where the order within a minute matters. */
export const longDateTime = (iso: string): string => format(new Date(iso), 'PP, pp');
