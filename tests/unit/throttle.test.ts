import { describe, expect, it } from 'vitest';
import { FREE_ATTEMPTS, SignInThrottle } from '../../electron/core/session/throttle';

describe('sign-in throttle', () => {
  it('lets the first five failures through, then waits 5, 10, 20 s ... capped at 5 minutes', () => {
    const t = new SignInThrottle();
    let now = 1_000_000;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      t.recordFailure('River', now);
      waits.push(t.waitMs('river', now));
      now += t.waitMs('river', now);
    }
    expect(waits.slice(0, FREE_ATTEMPTS - 1)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(FREE_ATTEMPTS - 1, FREE_ATTEMPTS + 4)).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(Math.max(...waits)).toBe(300_000);
  });

  it('is per typed username (case-insensitive) and clears on success', () => {
    const t = new SignInThrottle();
    for (let i = 0; i < 6; i++) t.recordFailure('alex', 0);
    expect(t.waitMs('ALEX ', 0)).toBeGreaterThan(0);
    expect(t.waitMs('sam', 0)).toBe(0);
    t.recordSuccess('alex');
    expect(t.waitMs('alex', 0)).toBe(0);
  });
});
