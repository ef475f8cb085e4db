import { useSyncExternalStore } from 'react';

/**
 * A hash router small enough to read at a glance: routes are `#/path`, which works the same under
 * app://doorway/ and the preview, and needs no server support.
 */
export function currentRoute(): string {
  const hash = window.location.hash;
  return hash.startsWith('#/') ? hash.slice(1) : '/';
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, currentRoute);
}

export function navigate(route: string): void {
  if (currentRoute() === route) return;
  window.location.hash = route;
}

/** Removes the route from the address bar without a history entry (used while locked). */
export function clearRoute(): void {
  if (window.location.hash === '') return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

export const routeHref = (route: string): string => `#${route}`;
