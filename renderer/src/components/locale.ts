/**
 * The locale dates and numbers are written in. Doorway has no clinic locale setting: the clinic's
 * computers are set up for where it is, so the workstation's own locale is the clinic's. en-US where
 * none is known (a test runner, say).
 */
export function appLocale(): string {
  return (typeof navigator !== 'undefined' && navigator.language) || 'en-US';
}
