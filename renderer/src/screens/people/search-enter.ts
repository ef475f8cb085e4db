import type { PersonSummary } from '../../../../shared/contract';

/** Results and the query they answer (trimmed), once they have come for it. */
export interface SearchAnswer {
  query: string;
  people: readonly Pick<PersonSummary, 'id' | 'clientCode'>[];
}

export type EnterChoice = { kind: 'open'; id: number } | { kind: 'wait' } | { kind: 'stay' };

/** The one person whose client code is the query, in any letter case. */
export function exactCodeMatch(query: string, people: SearchAnswer['people']): number | null {
  const q = query.trim().toLowerCase();
  if (q === '') return null;
  return people.find((p) => p.clientCode.toLowerCase() === q)?.id ?? null;
}

/**
 * What Enter in the search does when no result has been arrowed to. Fast typists and barcode scanners
 * press Enter before the results for the whole code arrive, so results for less of the code (or none)
 * never decide anything: Enter waits for the answer to what was typed. An exact client code opens
 * that person. Otherwise the first result opens only when it was on screen as Enter was pressed
 * (`waited` false); an Enter that had to wait opens nobody but the exact code, and leaves the list.
 */
export function enterChoice(typed: string, answer: SearchAnswer | null, waited: boolean): EnterChoice {
  const q = typed.trim();
  if (q === '') return { kind: 'stay' };
  if (answer === null || answer.query !== q) return { kind: 'wait' };
  const exact = exactCodeMatch(q, answer.people);
  if (exact !== null) return { kind: 'open', id: exact };
  const first = answer.people[0];
  if (!waited && first) return { kind: 'open', id: first.id };
  return { kind: 'stay' };
}
