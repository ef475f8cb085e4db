import type { ChannelName, InputOf, OutputOf } from '../../../shared/contract';
import type { AppError, Result } from '../../../shared/result';
import i18n from '../i18n/i18n';
import { inOwnLanguage } from '../i18n/say';
import { getBridge } from './bridge';
import { reportHubAnswer } from './hub-connection';

/** An API refusal carried through TanStack Query, which expects a thrown error. */
export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
    this.name = 'ApiError';
  }
}

let notSignedInHandler: (() => void) | null = null;

/**
 * Whoever owns the lock screen registers here. Any NOT_SIGNED_IN answer means main has no session
 * any more (idle lock, restart), so the renderer must drop its records at once.
 */
export function onNotSignedIn(handler: () => void): () => void {
  notSignedInHandler = handler;
  return () => {
    if (notSignedInHandler === handler) notSignedInHandler = null;
  };
}

export function reportNotSignedIn(): void {
  notSignedInHandler?.();
}

export async function invoke<K extends ChannelName>(name: K, input: InputOf<K>): Promise<Result<OutputOf<K>>> {
  let result: Result<OutputOf<K>>;
  try {
    result = await getBridge().invoke(name, input);
  } catch {
    result = { ok: false, error: { code: 'INTERNAL', message: i18n.t('errors.unexpected') } };
  }
  // Core says why in keys; the staff member reads it in their own language.
  if (!result.ok) result = { ok: false, error: inOwnLanguage(result.error) };
  if (!result.ok && result.error.code === 'NOT_SIGNED_IN') reportNotSignedIn();
  // On a clinic hub: whether the hub answered, for the banner and its checks (api/hub-connection.ts).
  reportHubAnswer(name, result);
  return result;
}

/** The value, or an ApiError thrown: the form TanStack Query's queryFn and mutationFn want. */
export async function call<K extends ChannelName>(name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const result = await invoke(name, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Refusals that came back to a screen asking for something to show, not to a save (QueryCache's onError, main.tsx). */
const readRefusals = new WeakSet<ApiError>();

export function noteReadRefused(error: unknown): void {
  if (error instanceof ApiError) readRefusals.add(error);
}

/** The AppError behind any error TanStack Query hands back. */
export function appErrorOf(error: unknown): AppError {
  if (error instanceof ApiError) {
    // Core's words for the hub out of reach are a save's ("this wasn't saved"); a screen that could not be shown says so.
    if (error.error.code === 'HUB_UNREACHABLE' && readRefusals.has(error)) return { ...error.error, message: i18n.t('hub.readAway') };
    return error.error;
  }
  return { code: 'INTERNAL', message: i18n.t('errors.unexpected') };
}
