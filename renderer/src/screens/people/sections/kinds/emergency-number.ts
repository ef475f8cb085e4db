/**
 * The emergency number people dial where the clinic is, from the workstation's locale ("en-US",
 * "es-MX"), for the overdose report's "emergency services called". Doorway has no clinic country
 * setting, so a locale without a region, or a region not listed, gets the common numbers together.
 */
const BY_REGION: Record<string, string> = {
  US: '911',
  CA: '911',
  MX: '911',
  PR: '911',
  GB: '999',
  IE: '112',
  AU: '000',
  NZ: '111',
};

const EU_112 = new Set('AT BE BG CH CY CZ DE DK EE ES FI FR GR HR HU IS IT LI LT LU LV MT NL NO PL PT RO SE SI SK'.split(' '));

export const EMERGENCY_NUMBERS_TOGETHER = '911 / 112 / 999';

/** "911" for en-US, "112" for es-ES, "999" for en-GB; the common numbers together when unsure. */
export function emergencyNumber(locale: string | undefined): string {
  let region: string | undefined;
  try {
    region = locale ? new Intl.Locale(locale).region : undefined;
  } catch {
    region = undefined;
  }
  if (!region) return EMERGENCY_NUMBERS_TOGETHER;
  return BY_REGION[region] ?? (EU_112.has(region) ? '112' : EMERGENCY_NUMBERS_TOGETHER);
}
