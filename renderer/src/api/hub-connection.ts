import { useSyncExternalStore } from 'react';
import type { ChannelName } from '../../../shared/contract';
import type { ErrorCode, Result } from '../../../shared/result';

/*
 * Whether this workstation can reach the clinic's hub, as the answers say. Every answer passes
 * through `invoke`, which reports it here: HUB_UNREACHABLE means out of reach; an answer the hub gave
 * means reached. While out of reach the signed-in frame's check asks again every few seconds; once
 * the hub answers, every screen asks again (onHubBack) before the banner says it is up to date.
 * On one computer nothing ever answers HUB_UNREACHABLE, so none of this shows.
 */

export type HubStatus =
  /** Reached, nothing to say. */
  | 'reached'
  /** Out of reach: the banner shows. */
  | 'away'
  /** The hub answered again; every screen is asking again. */
  | 'refreshing'
  /** Back and every screen up to date: a short note that goes away by itself. */
  | 'back';

export interface HubConnection {
  status: HubStatus;
  /** When what is on screen was last known good: the last answer from the hub before it went out of reach. */
  lastGoodAt: number | null;
  /** A check is on its way. */
  checking: boolean;
}

export const CHECK_EVERY_MS = 5_000;
export const BACK_SHOWN_MS = 8_000;

/** Refusals the hub itself gave (it read the record to say them), so it was reached. */
const HUB_ANSWERED: ReadonlySet<ErrorCode> = new Set(['SIGN_IN_FAILED', 'ACCOUNT_DISABLED', 'NOT_FOUND', 'CONFLICT']);

let snapshot: HubConnection = { status: 'reached', lastGoodAt: null, checking: false };
/** Kept apart from the snapshot so that ordinary answers do not re-render anything. */
let lastGoodAt: number | null = null;
const listeners = new Set<() => void>();
let check: (() => Promise<unknown>) | null = null;
let checkTimer: ReturnType<typeof setTimeout> | null = null;
let backTimer: ReturnType<typeof setTimeout> | null = null;
let refresh: (() => Promise<unknown>) | null = null;
/** Counts each time the hub goes out of reach, so a refresh that outlived its turn does nothing. */
let turn = 0;

function update(patch: Partial<HubConnection>): void {
  snapshot = { ...snapshot, ...patch };
  for (const l of listeners) l();
}

function clearTimer(timer: ReturnType<typeof setTimeout> | null): null {
  if (timer !== null) clearTimeout(timer);
  return null;
}

function scheduleCheck(): void {
  checkTimer = clearTimer(checkTimer);
  if (check && snapshot.status === 'away') checkTimer = setTimeout(() => void checkHubNow(), CHECK_EVERY_MS);
}

function markAway(): void {
  if (snapshot.status === 'away') return;
  turn += 1;
  backTimer = clearTimer(backTimer);
  update({ status: 'away', lastGoodAt, checking: false });
  scheduleCheck();
}

function markReached(): void {
  lastGoodAt = Date.now();
  if (snapshot.status !== 'away') return;
  checkTimer = clearTimer(checkTimer);
  const mine = turn;
  update({ status: 'refreshing', checking: false });
  void Promise.resolve(refresh?.())
    .catch(() => undefined)
    .then(() => {
      // Out of reach again while the screens asked: the banner says so, not "up to date".
      if (turn !== mine || snapshot.status !== 'refreshing') return;
      update({ status: 'back' });
      backTimer = setTimeout(() => {
        backTimer = null;
        if (snapshot.status === 'back') update({ status: 'reached' });
      }, BACK_SHOWN_MS);
    });
}

/** Does this successful answer mean the hub was asked? Signed-in calls always ask it (the account is confirmed there). */
function askedTheHub(name: ChannelName, value: unknown): boolean {
  // Where this computer's records are is answered from its own data folder, without asking the hub.
  if (name.startsWith('setup.') || name === 'hub.state') return false;
  if (name === 'session.state') return (value as { session: unknown }).session !== null;
  return true;
}

/** Called by `invoke` with every answer. */
export function reportHubAnswer(name: ChannelName, result: Result<unknown>): void {
  if (result.ok) {
    if (askedTheHub(name, result.value)) markReached();
  } else if (result.error.code === 'HUB_UNREACHABLE') {
    markAway();
  } else if (HUB_ANSWERED.has(result.error.code)) {
    markReached();
  }
}

/**
 * The signed-in frame registers a harmless call that asks the hub (it reports through `invoke`).
 * Without one, as on the sign-in screen, nothing is checked by itself: signing in is the check.
 */
export function registerHubCheck(probe: () => Promise<unknown>): () => void {
  check = probe;
  scheduleCheck();
  return () => {
    if (check !== probe) return;
    check = null;
    checkTimer = clearTimer(checkTimer);
  };
}

/** Whoever owns the query cache registers here: called when the hub is back, so every screen asks again. */
export function onHubBack(handler: () => Promise<unknown>): () => void {
  refresh = handler;
  return () => {
    if (refresh === handler) refresh = null;
  };
}

/** "Try now", and each timed check: one at a time, only while out of reach. */
export async function checkHubNow(): Promise<void> {
  checkTimer = clearTimer(checkTimer);
  const probe = check;
  if (!probe || snapshot.status !== 'away' || snapshot.checking) return;
  update({ checking: true });
  try {
    await probe();
  } catch {
    // The answer, whatever it was, has been reported by invoke.
  } finally {
    if (snapshot.status === 'away') {
      update({ checking: false });
      scheduleCheck();
    }
  }
}

export function canCheckHub(): boolean {
  return check !== null;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const current = () => snapshot;

export function useHubConnection(): HubConnection {
  return useSyncExternalStore(subscribe, current, current);
}

/** For tests: back to a fresh start. */
export function resetHubConnection(): void {
  checkTimer = clearTimer(checkTimer);
  backTimer = clearTimer(backTimer);
  check = null;
  refresh = null;
  lastGoodAt = null;
  turn = 0;
  snapshot = { status: 'reached', lastGoodAt: null, checking: false };
  for (const l of listeners) l();
}
