import { routeHref } from '../../app/hash-route';

/** Routes this feature links to or owns. */
export const personHref = (personId: number): string => routeHref(`/people/${personId}`);
export const timelineHref = (personId: number): string => routeHref(`/timeline/${personId}`);
export const doorsHref = routeHref('/doors');
export const overviewHref = routeHref('/overview');

/** `/timeline/12` → 12; anything else → null. */
export function timelineRouteId(route: string): number | null {
  const m = /^\/timeline\/([1-9]\d{0,15})$/.exec(route);
  return m ? Number(m[1]) : null;
}

/** Door's open with the outreach dialog open for one person (where an outreach note is typed). */
export const doorsOutreachRoute = (personId: number): string => `/doors/outreach/${personId}`;

/** `/doors/outreach/12` → 12; anything else → null. */
export function doorsOutreachRouteId(route: string): number | null {
  const m = /^\/doors\/outreach\/([1-9]\d{0,15})$/.exec(route);
  return m ? Number(m[1]) : null;
}
