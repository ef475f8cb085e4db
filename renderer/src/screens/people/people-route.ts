/** The relationship record's screens, from the hash route. */
export type PeopleRoute =
  | { screen: 'list' }
  | { screen: 'add' }
  | { screen: 'person'; id: number }
  | { screen: 'edit'; id: number }
  | { screen: 'contact'; id: number; contactId?: number };

const ID = '([1-9][0-9]{0,15})';

export function parsePeopleRoute(route: string): PeopleRoute | null {
  if (route === '/people' || route === '/people/') return { screen: 'list' };
  if (route === '/people/new') return { screen: 'add' };
  let m = new RegExp(`^/people/${ID}$`).exec(route);
  if (m) return { screen: 'person', id: Number(m[1]) };
  m = new RegExp(`^/people/${ID}/edit$`).exec(route);
  if (m) return { screen: 'edit', id: Number(m[1]) };
  m = new RegExp(`^/people/${ID}/contact(?:/${ID})?$`).exec(route);
  if (m) return { screen: 'contact', id: Number(m[1]), ...(m[2] ? { contactId: Number(m[2]) } : {}) };
  return null;
}

export const isPeopleRoute = (route: string): boolean => route === '/people' || route.startsWith('/people/');
