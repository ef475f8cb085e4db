/**
 * Sign-in throttling: after 5 failures in a row for a typed username, each further attempt must wait
 * longer (5 s, 10 s, 20 s ... up to 5 minutes). Keyed by what was typed, so unknown and known
 * usernames behave the same and one person's typos do not lock out a colleague.
 */
export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;

interface Entry {
  failures: number;
  nextAllowedAt: number;
}

export class SignInThrottle {
  private entries = new Map<string, Entry>();

  private key(username: string): string {
    return username.trim().toLowerCase();
  }

  /** Milliseconds to wait before this username may try again (0 = may try now). */
  waitMs(username: string, now: number): number {
    const e = this.entries.get(this.key(username));
    return e ? Math.max(0, e.nextAllowedAt - now) : 0;
  }

  recordFailure(username: string, now: number): void {
    const k = this.key(username);
    const e = this.entries.get(k) ?? { failures: 0, nextAllowedAt: 0 };
    e.failures += 1;
    const over = e.failures - FREE_ATTEMPTS;
    e.nextAllowedAt = over >= 0 ? now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** over) : 0;
    this.entries.set(k, e);
  }

  recordSuccess(username: string): void {
    this.entries.delete(this.key(username));
  }
}
