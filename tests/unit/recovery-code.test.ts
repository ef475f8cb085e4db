import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, isGroupValid, parseRecoveryCode, RECOVERY_CODE_BYTES } from '../../shared/recovery-code';

const bytes = (fill: (i: number) => number) => Uint8Array.from({ length: RECOVERY_CODE_BYTES }, (_, i) => fill(i) & 0xff);

describe('recovery code', () => {
  it('carries at least 128 bits in 8 checksummed groups of 5', () => {
    expect(RECOVERY_CODE_BYTES * 8).toBeGreaterThanOrEqual(128);
    const code = formatRecoveryCode(bytes((i) => i * 37 + 11));
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){7}[0-9A-HJKMNP-TV-Z]{5}$/);
    code.split('-').forEach((g, i) => expect(isGroupValid(g, i)).toBe(true));
  });

  it('round-trips what people actually type: lowercase, spaces, O for 0, I/L for 1', () => {
    const code = formatRecoveryCode(bytes((i) => i * 91 + 3));
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    const parsed = parseRecoveryCode(typed);
    expect(parsed).toEqual({ ok: true, canonical: code });
  });

  it.each([
    ['a changed character', (c: string) => c.slice(0, 7) + (c[7] === 'A' ? 'B' : 'A') + c.slice(8), [2]],
    ['two neighbours swapped', (c: string) => c.slice(0, 12) + c[13] + c[12] + c.slice(14), [3]],
    ['two groups swapped', (c: string) => { const g = c.split('-'); [g[0], g[1]] = [g[1]!, g[0]!]; return g.join('-'); }, [1, 2]],
  ])('names the group to check for %s', (_label, mutate, groups) => {
    const code = formatRecoveryCode(bytes((i) => (i * 53 + 7) ^ 0x5a));
    const mutated = mutate(code);
    if (mutated === code) return; // The mutation happened to be a no-op for these bytes.
    const parsed = parseRecoveryCode(mutated);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.badGroups).toEqual(groups);
      expect(parsed.message).toMatch(/check group/);
    }
  });

  it('asks for all groups when some are missing', () => {
    const parsed = parseRecoveryCode('ABCDE-FGHJK');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/8 groups of 5/);
  });

  it('refuses the wrong number of bytes', () => {
    expect(() => formatRecoveryCode(new Uint8Array(16))).toThrow(/20 bytes/);
  });
});
