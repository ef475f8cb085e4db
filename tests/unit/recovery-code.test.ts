import { describe, expect, it } from 'vitest';
import { formatRecoveryCode, isGroupValid, parseRecoveryCode, RECOVERY_CODE_BYTES } from '../../shared/recovery-code';

const bytes = (fill: (i: number) => number) => Uint8Array.from({ length: RECOVERY_CODE_BYTES }, (_, i) => fill(i) & 0xff);

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 8;
const VALUES = 32;

/** Seeded so a failure names a code that can be reproduced. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomValues = (random: () => number) => Array.from({ length: VALUES }, () => Math.floor(random() * 32));

/** The 32 five-bit values as the 20 bytes formatRecoveryCode reads them from. */
function pack(values: readonly number[]): Uint8Array {
  const bits = values.map((v) => v.toString(2).padStart(5, '0')).join('');
  return Uint8Array.from({ length: RECOVERY_CODE_BYTES }, (_, i) => parseInt(bits.slice(i * 8, i * 8 + 8), 2));
}

function unpack(raw: Uint8Array): number[] {
  const bits = [...raw].map((b) => b.toString(2).padStart(8, '0')).join('');
  return Array.from({ length: VALUES }, (_, i) => parseInt(bits.slice(i * 5, i * 5 + 5), 2));
}

const newCode = (values: readonly number[]) => formatRecoveryCode(pack(values));

/** The formatter as it was before the GF(2^5) check, written out again so old kits can be made here. */
function legacyCode(values: readonly number[]): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const vals = values.slice(g * 4, g * 4 + 4);
    let sum = 7 * (g + 1);
    vals.forEach((v, j) => (sum += (j + 1) * (v + 1)));
    groups.push(vals.map((v) => ALPHABET[v]).join('') + ALPHABET[sum % 32]);
  }
  return groups.join('-');
}

/** GF(2^5) multiplication modulo x^5 + x^2 + 1, written independently of the module's shift-and-reduce. */
function gfMul(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 5; i++) if ((b >> i) & 1) product ^= a << i;
  for (let i = 8; i >= 5; i--) if ((product >> i) & 1) product ^= 0b100101 << (i - 5);
  return product;
}

const compact = (code: string) => code.replace(/-/g, '');
const withDashes = (chars: string) => chars.match(/.{5}/g)!.join('-');

/**
 * Every code in `codes` with every single character (or only the one at `onlyAt`) replaced by every other
 * character: returns how many it tried and the mutations parseRecoveryCode accepted or blamed on the
 * wrong group.
 */
function trySubstitutions(codes: readonly string[], onlyAt?: number) {
  let tried = 0;
  const accepted: string[] = [];
  const misplaced: string[] = [];
  for (const code of codes) {
    const chars = compact(code);
    for (let i = 0; i < chars.length; i++) {
      if (onlyAt !== undefined && i !== onlyAt) continue;
      for (const ch of ALPHABET) {
        if (ch === chars[i]) continue;
        tried++;
        const mutated = withDashes(chars.slice(0, i) + ch + chars.slice(i + 1));
        const parsed = parseRecoveryCode(mutated);
        if (parsed.ok) accepted.push(`${code} -> ${mutated}`);
        else if (parsed.badGroups.join() !== String(Math.floor(i / 5) + 1)) misplaced.push(`${code} -> ${mutated}: ${parsed.badGroups.join()}`);
      }
    }
  }
  return { tried, accepted, misplaced };
}

function swap(code: string, i: number, j: number): string {
  const chars = [...compact(code)];
  [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  return withDashes(chars.join(''));
}

/** Swaps characters i and j of `code` (when they differ) and records a result other than "check group g". */
function expectSwapCaught(code: string, i: number, j: number, failures: string[]): boolean {
  const chars = compact(code);
  if (chars[i] === chars[j]) return false;
  const mutated = swap(code, i, j);
  const parsed = parseRecoveryCode(mutated);
  const expected = String(Math.floor(i / 5) + 1);
  if (parsed.ok || parsed.badGroups.join() !== expected) failures.push(`${code} -> ${mutated}: ${parsed.ok ? 'accepted' : parsed.badGroups.join()}`);
  return true;
}

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

  describe('the GF(2^5) check', () => {
    it('makes every group satisfy v1*x^4 + v2*x^3 + v3*x^2 + v4*x + c = g + 1', () => {
      const random = seededRandom(1);
      for (let n = 0; n < 500; n++) {
        const values = randomValues(random);
        expect(unpack(pack(values))).toEqual(values);
        const groups = newCode(values).split('-');
        groups.forEach((group, g) => {
          const [v1, v2, v3, v4, c] = [...group].map((ch) => ALPHABET.indexOf(ch)) as [number, number, number, number, number];
          expect([v1, v2, v3, v4]).toEqual(values.slice(g * 4, g * 4 + 4));
          expect(gfMul(v1, 16) ^ gfMul(v2, 8) ^ gfMul(v3, 4) ^ gfMul(v4, 2) ^ c).toBe(g + 1);
        });
      }
    });

    it('catches every single substitution in random codes and names its group', () => {
      const random = seededRandom(2);
      const codes = Array.from({ length: 500 }, () => newCode(randomValues(random)));
      const result = trySubstitutions(codes);
      expect(result.tried).toBe(500 * 40 * 31); // 4000 groups, every position, every other character.
      expect(result.accepted).toEqual([]);
      expect(result.misplaced).toEqual([]);
    }, 60_000);

    it('catches every swap of two different characters within a group in random codes, neighbours or not', () => {
      const random = seededRandom(3);
      const failures: string[] = [];
      let neighbours = 0;
      let others = 0;
      for (let n = 0; n < 500; n++) {
        const code = newCode(randomValues(random));
        for (let g = 0; g < GROUPS; g++) {
          for (let a = 0; a < 5; a++) {
            for (let b = a + 1; b < 5; b++) {
              if (!expectSwapCaught(code, g * 5 + a, g * 5 + b, failures)) continue;
              if (b === a + 1) neighbours++;
              else others++;
            }
          }
        }
      }
      expect(failures).toEqual([]);
      expect(neighbours).toBeGreaterThan(500 * 8 * 4 * 0.9);
      expect(others).toBeGreaterThan(500 * 8 * 6 * 0.9);
    });

    it('catches a swap of every pair of neighbouring values, in every group, the check character included', () => {
      // Each neighbour pair takes all 32 x 32 values; for the last data character and the check, the
      // third data character is varied instead, as the check is a bijection of it.
      const random = seededRandom(4);
      const failures: string[] = [];
      for (let g = 0; g < GROUPS; g++) {
        for (let p = 0; p < 4; p++) {
          const seen = new Set<string>();
          const values = randomValues(random);
          const first = g * 4 + Math.min(p, 2);
          for (let a = 0; a < 32; a++) {
            for (let b = 0; b < 32; b++) {
              values[first] = a;
              values[first + 1] = b;
              const code = newCode(values);
              const i = g * 5 + p;
              seen.add(compact(code).slice(i, i + 2));
              expectSwapCaught(code, i, i + 1, failures);
            }
          }
          expect(seen.size).toBe(32 * 32);
        }
      }
      expect(failures).toEqual([]);
    });

    it('catches a change from every value to every other value at every position of every group', () => {
      const random = seededRandom(5);
      for (let g = 0; g < GROUPS; g++) {
        for (let p = 0; p < 5; p++) {
          const values = randomValues(random);
          const codes = Array.from({ length: 32 }, (_, v) => {
            values[g * 4 + Math.min(p, 3)] = v;
            return newCode(values);
          });
          expect(new Set(codes.map((code) => compact(code)[g * 5 + p])).size).toBe(32);
          const result = trySubstitutions(codes, g * 5 + p);
          expect(result.tried).toBe(32 * 31);
          expect(result.accepted).toEqual([]);
          expect(result.misplaced).toEqual([]);
        }
      }
    });

    it('refuses a valid group moved or copied to another position', () => {
      const random = seededRandom(6);
      for (let n = 0; n < 200; n++) {
        const groups = newCode(randomValues(random)).split('-');
        for (let from = 0; from < GROUPS; from++) {
          for (let to = 0; to < GROUPS; to++) {
            if (from === to || groups[from] === groups[to]) continue;
            const copied = groups.map((group, g) => (g === to ? groups[from]! : group));
            const parsedCopy = parseRecoveryCode(copied.join('-'));
            expect(parsedCopy).toMatchObject({ ok: false, badGroups: [to + 1] });
            const swapped = groups.map((group, g) => (g === to ? groups[from]! : g === from ? groups[to]! : group));
            const parsedSwap = parseRecoveryCode(swapped.join('-'));
            expect(parsedSwap).toMatchObject({ ok: false, badGroups: [Math.min(from, to) + 1, Math.max(from, to) + 1] });
          }
        }
      }
    });
  });

  describe('codes made before the GF(2^5) check', () => {
    // Made by the formatter as it was before the change; vaults exist whose recovery key came from them.
    const OLD_KITS: [Uint8Array, string][] = [
      [bytes((i) => i * 37 + 11), '1CR56-AYMZP-RKMGS-WCTR8-FPHCB-FV0HX-6SDRT-19EA7'],
      [bytes((i) => i * 13 + 200), 'S3AY6-5VZW0-14B2H-6C1XV-99BP1-8WBYD-HECAM-BCNZ0'],
    ];

    it('are still accepted with the same canonical string, however they are typed', () => {
      for (const [raw, code] of OLD_KITS) {
        expect(legacyCode(unpack(raw))).toBe(code);
        expect(formatRecoveryCode(raw)).not.toBe(code);
        expect(parseRecoveryCode(code)).toEqual({ ok: true, canonical: code });
        expect(parseRecoveryCode(code.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'i'))).toEqual({ ok: true, canonical: code });
        code.split('-').forEach((group, g) => expect(isGroupValid(group, g)).toBe(true));
      }
      const random = seededRandom(7);
      for (let n = 0; n < 2000; n++) {
        const code = legacyCode(randomValues(random));
        expect(parseRecoveryCode(code)).toEqual({ ok: true, canonical: code });
        code.split('-').forEach((group, g) => expect(isGroupValid(group, g)).toBe(true));
      }
    });

    it('name the group with the typo when the legacy check catches it', () => {
      const random = seededRandom(8);
      const codes = Array.from({ length: 300 }, () => legacyCode(randomValues(random)));
      const result = trySubstitutions(codes);
      // The typos the legacy check misses are accepted (next test); every other one points at its group.
      expect(result.misplaced).toEqual([]);
      expect(result.accepted.length).toBeLessThan(result.tried * 0.03);
    }, 60_000);

    it('document why the check changed: the legacy check lets about 2.6% of single typos through', () => {
      const random = seededRandom(9);
      const legacy = trySubstitutions(Array.from({ length: 300 }, () => legacyCode(randomValues(random))));
      const current = trySubstitutions(Array.from({ length: 100 }, () => newCode(randomValues(random))));
      const legacyMissRate = legacy.accepted.length / legacy.tried;
      // Modulo 32 a change of 16 at weight 2, or of 8, 16 or 24 at weight 4, adds nothing: 128 of the
      // 5 x 32 x 31 ways to change one character of a group, 2.58%.
      expect(legacyMissRate).toBeGreaterThan(0);
      expect(legacyMissRate).toBeCloseTo(128 / 4960, 2);
      expect(current.accepted.length / current.tried).toBe(0);
    }, 60_000);
  });
});
