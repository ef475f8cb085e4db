import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp';

/** The same policy Electron main sends with app://doorway/, so the preview catches CSP mistakes too. */
export { CONTENT_SECURITY_POLICY };

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export const SECRET_HEADER = 'x-doorway-secret';

/**
 * Compares digests rather than the strings so the comparison takes the same time whatever the
 * length or content of the guess.
 */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * DNS-rebinding defence: a page on another site that resolves its own name to 127.0.0.1 still sends
 * its own name in Host, so only our loopback names with our port are accepted.
 */
export function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Browsers send Origin on cross-origin and on POST requests; when present it must be ours. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** True when the request may reach the router: our host, our origin (if any) and the per-run secret. */
export function requestAuthorized(req: IncomingMessage, port: number, secret: string): boolean {
  // Evaluate all three so a refusal takes the same path whichever check failed.
  const host = hostAllowed(req.headers.host, port);
  const origin = originAllowed(req.headers.origin, port);
  const key = secretMatches(req.headers[SECRET_HEADER], secret);
  return host && origin && key;
}
