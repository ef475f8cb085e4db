import { routeHref } from '../../app/hash-route';

/** The printouts' own screens: a layout made for paper, with Print and Save as PDF above it. */
export type PrintRoute = { screen: 'person'; id: number } | { screen: 'doors' };

export function parsePrintRoute(route: string): PrintRoute | null {
  const m = /^\/print\/person\/([1-9][0-9]{0,15})$/.exec(route);
  if (m) return { screen: 'person', id: Number(m[1]) };
  if (route === '/print/doors') return { screen: 'doors' };
  return null;
}

export const personSummaryHref = (personId: number): string => routeHref(`/print/person/${personId}`);
export const doorsPrintHref = routeHref('/print/doors');
