import { useSyncExternalStore } from 'react';

/**
 * A hash router small enough to read at a glance: routes are `#/path`, which works the same under
 * app://doorway/ and the preview, and needs no server support.
 *
 * It can also be asked to hold still: a form with unsaved typing registers a leave guard, and then a
 * link, a side-menu entry, Back, or `navigate()` first asks whoever listens (the shell's "Leave this
 * form?" dialog) before the route changes. A lock never asks: `clearRoute()` always goes through.
 */
export function currentRoute(): string {
  const hash = window.location.hash;
  return hash.startsWith('#/') ? hash.slice(1) : '/';
}

type Guard = () => boolean;
type AskLeave = (proceed: () => void) => void;

const listeners = new Set<() => void>();
const guards = new Set<Guard>();
let askLeave: AskLeave | null = null;
/** The route the screens show; the address bar may differ for a moment while a leave is being asked. */
let committed: string | null = null;
/** A route change already agreed to (by the guard, or because nothing was at stake). */
let allowed: string | null = null;
let installed = false;

function emit(): void {
  for (const l of listeners) l();
}

/** True when some form on screen holds unsaved typing and someone is there to ask. */
function mustAsk(): boolean {
  return askLeave !== null && [...guards].some((g) => g());
}

function go(route: string): void {
  allowed = route;
  if (currentRoute() === route) {
    // Already in the address bar (a Back that was held): commit it without a new history entry.
    onHashChange();
    return;
  }
  window.location.hash = route;
}

function onHashChange(): void {
  const next = currentRoute();
  if (next === committed) {
    allowed = null;
    return;
  }
  if (allowed === next || !mustAsk()) {
    allowed = null;
    committed = next;
    emit();
    return;
  }
  // Back, or a typed address, while a form holds unsaved typing: stay where we are, and ask.
  const stay = committed ?? '/';
  window.history.replaceState(null, '', window.location.pathname + window.location.search + routeHref(stay));
  askLeave?.(() => go(next));
}

/** A click on an in-app link is held before the browser moves, so Back stays as it was. */
function onClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
  const link = e.target instanceof Element ? e.target.closest('a[href^="#/"]') : null;
  if (!link) return;
  const route = (link.getAttribute('href') ?? '').slice(1);
  if (route === committed || !mustAsk()) return;
  e.preventDefault();
  askLeave?.(() => go(route));
}

function install(): void {
  if (installed) return;
  installed = true;
  committed = currentRoute();
  window.addEventListener('hashchange', onHashChange);
  document.addEventListener('click', onClick, true);
}

function subscribe(onChange: () => void): () => void {
  install();
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

function snapshot(): string {
  return committed ?? currentRoute();
}

export function useRoute(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

/** Goes to `route`, first asking if a form on screen would be left with unsaved typing (unless `force`). */
export function navigate(route: string, { force = false }: { force?: boolean } = {}): void {
  install();
  if (currentRoute() === route && committed === route) return;
  if (!force && route !== committed && mustAsk()) {
    askLeave?.(() => go(route));
    return;
  }
  go(route);
}

/** Removes the route from the address bar without a history entry (used while locked); never asks. */
export function clearRoute(): void {
  install();
  if (window.location.hash === '' && committed === '/') return;
  allowed = '/';
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}

/**
 * Shows `route` in the address bar instead of the current one, without a history entry and without
 * asking: for a screen that has already done what its address asked (Door's open, once the outreach
 * dialog it opened for someone is closed), so Back and a reload do not do it again.
 */
export function replaceRoute(route: string): void {
  install();
  if (currentRoute() === route && committed === route) return;
  allowed = route;
  window.history.replaceState(null, '', window.location.pathname + window.location.search + routeHref(route));
  onHashChange();
}

/**
 * While `isDirty()` is true, leaving the current screen asks first. Returns the function that removes
 * the guard (call it on unmount, and before moving on after a save).
 */
export function guardLeaving(isDirty: Guard): () => void {
  install();
  guards.add(isDirty);
  return () => {
    guards.delete(isDirty);
  };
}

/** The one place that asks "Leave this form?"; `proceed` carries on with the move that was held. */
export function onLeaveRequest(handler: AskLeave): () => void {
  askLeave = handler;
  return () => {
    if (askLeave === handler) askLeave = null;
  };
}

/** Asks (if needed) before doing something that leaves the form without a route change, e.g. Cancel. */
export function confirmLeave(proceed: () => void): void {
  if (mustAsk()) askLeave?.(proceed);
  else proceed();
}

export const routeHref = (route: string): string => `#${route}`;
