import { existsSync, readFileSync, rmSync } from 'node:fs';
import { z } from 'zod';
import { DoorwayError } from '../errors';
import { msg } from '../../../shared/messages';
import { writeFileAtomic } from '../fs-atomic';

/**
 * Sign-in throttling: after 5 failures in a row for a typed username, each further attempt must wait
 * longer (5 s, 10 s, 20 s ... up to 5 minutes). Keyed by what was typed, so unknown and known
 * usernames behave the same and one person's typos do not lock out a colleague.
 *
 * An attempt is reserved (counted as a failure) before the ~0.3 s key derivation, and only a success
 * gives it back: checking first and counting after let 12 wrong passwords sent at once all be tried.
 * For the same reason one sign-in per username runs at a time. The counters are kept in a file, so
 * closing Doorway does not reset them.
 */
export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 5 * 60_000;
/** Counters nobody has touched for a day are forgotten (the file stays small). */
const FORGET_AFTER_MS = 24 * 60 * 60_000;

const entrySchema = z.object({ failures: z.number().int().min(0), nextAllowedAt: z.number(), lastAt: z.number() });
type Entry = z.infer<typeof entrySchema>;
const fileSchema = z.object({ format: z.literal('doorway-sign-in-throttle'), entries: z.record(z.string(), entrySchema) });

/** Where the counters live between runs. */
export interface ThrottleStore {
  load(): Map<string, Entry>;
  save(entries: Map<string, Entry>): void;
}

export const memoryThrottleStore = (): ThrottleStore => {
  let kept = new Map<string, Entry>();
  return { load: () => new Map(kept), save: (e) => void (kept = new Map(e)) };
};

/**
 * A file beside the key slots. Its keys are what `keyOf` makes of a username (a hash), never the
 * username itself. A damaged or missing file starts from zero: it can only ever make sign-in slower.
 */
export function fileThrottleStore(path: string): ThrottleStore {
  return {
    load() {
      if (!existsSync(path)) return new Map();
      try {
        const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
        return parsed.success ? new Map(Object.entries(parsed.data.entries)) : new Map();
      } catch {
        return new Map();
      }
    },
    save(entries) {
      // Nothing to remember: no file, so a data folder where nobody mistyped holds only the vault.
      if (entries.size === 0) rmSync(path, { force: true });
      else writeFileAtomic(path, `${JSON.stringify({ format: 'doorway-sign-in-throttle', entries: Object.fromEntries(entries) })}\n`);
    },
  };
}

/** A reserved attempt: exactly one of these ends it. */
export interface Attempt {
  /** The secret was right: the counter for this username starts again from zero. */
  succeeded(): void;
  /** The secret was wrong: the reserved failure stays counted. */
  failed(): void;
  /** Something else went wrong (a damaged file, for example): the attempt is given back. */
  cancelled(): void;
}

export class SignInThrottle {
  private entries: Map<string, Entry> | null = null;
  /** Attempts being checked now, with the counter each had before it was reserved. */
  private readonly inFlight = new Map<string, Entry | undefined>();
  /** What the store holds now, so an unchanged table is not written again. */
  private saved = '';

  constructor(
    private readonly store: ThrottleStore = memoryThrottleStore(),
    /** Turns a typed username into the stored key (the file never holds usernames). */
    private readonly keyOf: (username: string) => string = (u) => u.trim().toLowerCase(),
  ) {}

  private table(now: number): Map<string, Entry> {
    if (!this.entries) {
      this.entries = this.store.load();
      this.saved = JSON.stringify([...this.entries]);
      for (const [k, e] of this.entries) if (now - e.lastAt > FORGET_AFTER_MS && e.nextAllowedAt <= now) this.entries.delete(k);
    }
    return this.entries;
  }

  /** Persists the counters, leaving out attempts still being checked (they count once they fail). */
  private save(): void {
    if (!this.entries) return;
    const settled = new Map(this.entries);
    for (const [k, before] of this.inFlight) {
      if (before) settled.set(k, before);
      else settled.delete(k);
    }
    const text = JSON.stringify([...settled]);
    if (text === this.saved) return;
    try {
      this.store.save(settled);
      this.saved = text;
    } catch {
      // A read-only data folder: the counters still hold for as long as Doorway runs.
    }
  }

  /** Milliseconds to wait before this username may try again (0 = may try now). */
  waitMs(username: string, now: number): number {
    const e = this.table(now).get(this.keyOf(username));
    return e ? Math.max(0, e.nextAllowedAt - now) : 0;
  }

  /**
   * Reserves an attempt, or refuses it with the wait. Call before deriving any key from the secret.
   */
  begin(username: string, now: number): Attempt {
    const k = this.keyOf(username);
    if (this.inFlight.has(k)) {
      throw new DoorwayError('THROTTLED', msg('access.throttle.stillChecking'), {
        retryAfterSeconds: 1,
      });
    }
    const wait = this.waitMs(username, now);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new DoorwayError('THROTTLED', msg('access.throttle.wait', { count: seconds }), { retryAfterSeconds: seconds });
    }
    const table = this.table(now);
    const before = table.get(k);
    table.set(k, this.counted(before, now));
    this.inFlight.set(k, before);
    let open = true;
    const end = (apply: () => void) => {
      if (!open) return;
      open = false;
      this.inFlight.delete(k);
      apply();
      this.save();
    };
    return {
      succeeded: () => end(() => table.delete(k)),
      failed: () => end(() => {}),
      cancelled: () =>
        end(() => {
          if (before) table.set(k, before);
          else table.delete(k);
        }),
    };
  }

  /** Counts a failure that was not reserved (an attempt refused before any key was derived). */
  recordFailure(username: string, now: number): void {
    const table = this.table(now);
    const k = this.keyOf(username);
    table.set(k, this.counted(table.get(k), now));
    this.save();
  }

  recordSuccess(username: string): void {
    if (this.entries?.delete(this.keyOf(username))) this.save();
  }

  private counted(before: Entry | undefined, now: number): Entry {
    const failures = (before?.failures ?? 0) + 1;
    const over = failures - FREE_ATTEMPTS;
    return { failures, nextAllowedAt: over >= 0 ? now + Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** over) : 0, lastAt: now };
  }
}
