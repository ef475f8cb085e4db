/**
 * Continuity-of-care measures with the staff member as the provider (DESIGN.md, Continuity). Each is
 * `null` where it is not defined, which screens show as "not enough contacts yet", never as 0.
 * With a single contact there is no continuity to describe, so every measure needs N >= 2.
 */
export interface ContinuityMeasures {
  contacts: number;
  providers: number;
  /** Bice-Boxerman Continuity of Care index: (sum n_i^2 - N) / (N(N-1)). */
  coc: number | null;
  /** Usual Provider of Care: max n_i / N. */
  upc: number | null;
  /** Sequential Continuity: share of consecutive contact pairs with the same staff member. */
  secon: number | null;
  /** Modified Modified Continuity Index: (1 - M/(N+0.1)) / (1 - 1/(N+0.1)). */
  mmci: number | null;
  /** Herfindahl-Hirschman Index: sum (n_i/N)^2. */
  hhi: number | null;
}

export const MIN_CONTACTS_FOR_MEASURES = 2;

/** `providers` is the staff member of each contact in time order. */
export function continuityMeasures(providers: readonly (string | number)[]): ContinuityMeasures {
  const N = providers.length;
  const counts = new Map<string | number, number>();
  for (const p of providers) counts.set(p, (counts.get(p) ?? 0) + 1);
  const M = counts.size;
  if (N < MIN_CONTACTS_FOR_MEASURES) return { contacts: N, providers: M, coc: null, upc: null, secon: null, mmci: null, hhi: null };
  let sumSquares = 0;
  let max = 0;
  for (const n of counts.values()) {
    sumSquares += n * n;
    max = Math.max(max, n);
  }
  let samePairs = 0;
  for (let i = 1; i < N; i++) if (providers[i] === providers[i - 1]) samePairs++;
  return {
    contacts: N,
    providers: M,
    coc: (sumSquares - N) / (N * (N - 1)),
    upc: max / N,
    secon: samePairs / (N - 1),
    mmci: (1 - M / (N + 0.1)) / (1 - 1 / (N + 0.1)),
    hhi: sumSquares / (N * N),
  };
}

export type MeasureKey = 'coc' | 'upc' | 'secon' | 'mmci' | 'hhi';
export const MEASURE_KEYS: readonly MeasureKey[] = ['coc', 'upc', 'secon', 'mmci', 'hhi'];

export interface ClinicMeasure {
  /** Mean over the people for whom the measure is defined; null when nobody has enough contacts yet. */
  mean: number | null;
  /** How many people the mean covers. */
  people: number;
}

/** The clinic's figure for each measure: averaged over people, with how many people it covers. */
export function clinicMeasures(perPerson: readonly ContinuityMeasures[]): Record<MeasureKey, ClinicMeasure> {
  const out = {} as Record<MeasureKey, ClinicMeasure>;
  for (const key of MEASURE_KEYS) {
    const values = perPerson.map((m) => m[key]).filter((v): v is number => v !== null);
    out[key] = { mean: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null, people: values.length };
  }
  return out;
}
