import type { PersonSummary } from '../../../../shared/contract';

/**
 * The name that leads: the preferred name where set (DESIGN.md), then the name, then the client
 * code, which is a first-class identity when nobody's name is kept.
 */
export function leadingName(p: Pick<PersonSummary, 'preferredName' | 'name' | 'clientCode'>): string {
  return p.preferredName ?? p.name ?? p.clientCode;
}

/** The legal or other name, when it differs from the one that leads. */
export function secondaryName(p: Pick<PersonSummary, 'preferredName' | 'name'>): string | null {
  return p.preferredName && p.name && p.name !== p.preferredName ? p.name : null;
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
