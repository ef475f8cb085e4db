/**
 * Recovery codes: 160 random bits written as 8 groups of 5 Crockford base32 characters. Each group is
 * 4 data characters and 1 check character, so a typo is caught in the group where it happened and the
 * person is told which group to look at again, instead of "wrong code".
 */

import { messageText, msg, type Message } from './messages';
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_GROUPS = 8;
const DATA_PER_GROUP = 4;
/** Bytes of randomness a recovery code carries: 8 groups x 4 chars x 5 bits = 160 bits. */
export const RECOVERY_CODE_BYTES = (RECOVERY_GROUPS * DATA_PER_GROUP * 5) / 8;

/**
 * Multiplies a GF(2^5) element by x, modulo x^5 + x^2 + 1. The check is computed in this field rather
 * than modulo 32 because 32 is not prime: there, weight 2 times 16 is 0, so some typos vanish from the
 * sum. In a field every nonzero weight times every nonzero error is nonzero.
 */
function timesX(a: number): number {
  const shifted = a << 1;
  return shifted & 0b100000 ? shifted ^ 0b100101 : shifted;
}

/**
 * The check character: chosen so that v1*x^4 + v2*x^3 + v3*x^2 + v4*x + c = k_g in GF(2^5), where
 * k_g = g + 1 differs per group. Because x is primitive, the weights x^4..x^1 and the check's weight 1
 * are five distinct nonzero elements, so any one changed character changes the sum, and swapping any two
 * different characters of a group (neighbours, or the last data character with the check) changes it by
 * (w_i + w_j)(a + b), which is nonzero. k_g makes a valid group invalid in any other position.
 * tests/unit/recovery-code.test.ts checks all of this exhaustively.
 */
function checkChar(values: readonly number[], groupIndex: number): string {
  let sum = 0;
  for (const v of values) sum = timesX(sum ^ v);
  return ALPHABET[sum ^ (groupIndex + 1)]!;
}

/**
 * LEGACY: the check character of codes made before the GF(2^5) check (weighted sum mod 32). Only for
 * accepting those codes, whose recovery slots were derived from them; never for making new codes. It
 * misses about 2.6% of single-character typos (a change of 16 at weight 2, or of 8, 16 or 24 at weight 4).
 */
function legacyCheckChar(values: readonly number[], groupIndex: number): string {
  let sum = 7 * (groupIndex + 1);
  values.forEach((v, j) => {
    sum += (j + 1) * (v + 1);
  });
  return ALPHABET[sum % 32]!;
}

type CheckChar = (values: readonly number[], groupIndex: number) => string;

/** Whether an already normalized group passes `check` at 0-based position `groupIndex`. */
function passes(group: string, groupIndex: number, check: CheckChar): boolean {
  if (group.length !== DATA_PER_GROUP + 1) return false;
  const values: number[] = [];
  for (const ch of group.slice(0, DATA_PER_GROUP)) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return false;
    values.push(v);
  }
  return check(values, groupIndex) === group[DATA_PER_GROUP];
}

/** Turns 20 random bytes into the displayed code, e.g. `K7QX3-...` (8 groups joined by dashes). */
export function formatRecoveryCode(bytes: Uint8Array): string {
  if (bytes.length !== RECOVERY_CODE_BYTES) {
    throw new Error(`A recovery code needs exactly ${RECOVERY_CODE_BYTES} bytes.`);
  }
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  const values: number[] = [];
  for (let i = 0; i < bits.length; i += 5) values.push(parseInt(bits.slice(i, i + 5), 2));
  const groups: string[] = [];
  for (let g = 0; g < RECOVERY_GROUPS; g++) {
    const vals = values.slice(g * DATA_PER_GROUP, (g + 1) * DATA_PER_GROUP);
    groups.push(vals.map((v) => ALPHABET[v]).join('') + checkChar(vals, g));
  }
  return groups.join('-');
}

/** Accepts what people actually type: any case, spaces or dashes, O for 0, I or L for 1. */
export function normalizeGroup(raw: string): string {
  return raw
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
    .replace(/U/g, 'V');
}

export type RecoveryParse =
  | { ok: true; canonical: string }
  | { ok: false; message: string; said: Message; badGroups: number[] };

/** Checks a typed code; on success returns the canonical form used to derive the recovery key. */
export function parseRecoveryCode(raw: string): RecoveryParse {
  const compact = normalizeGroup(raw);
  const expectedLength = RECOVERY_GROUPS * (DATA_PER_GROUP + 1);
  if (compact.length !== expectedLength) {
    const said = msg('recoveryCode.length', { groups: RECOVERY_GROUPS });
    return { ok: false, message: messageText(said), said, badGroups: [] };
  }
  const groups: string[] = [];
  for (let g = 0; g < RECOVERY_GROUPS; g++) groups.push(compact.slice(g * 5, g * 5 + 5));
  const canonical = groups.join('-');
  const badUnder = (check: CheckChar) => groups.flatMap((group, g) => (passes(group, g, check) ? [] : [g + 1]));

  const badGroups = badUnder(checkChar);
  if (badGroups.length === 0) return { ok: true, canonical };
  // Vaults made before the GF(2^5) check derived their recovery key from a legacy code, which must keep
  // opening them. All groups must pass the same check: accepting a mix would let through any typo that
  // happens to pass the other check (about 1 in 32). A typo in a new code now slips through only if all
  // 8 groups also pass the legacy check, each with odds of 1 in 32: about 1 in 2^40.
  const legacyBadGroups = badUnder(legacyCheckChar);
  if (legacyBadGroups.length === 0) return { ok: true, canonical };

  // A typo in a legacy code fails the new check in nearly every group, so naming those would send the
  // person to groups they typed correctly; the check the code is closest to points at the typo.
  const reported = legacyBadGroups.length < badGroups.length ? legacyBadGroups : badGroups;
  const said = msg('recoveryCode.checkGroups', { count: reported.length, groups: reported.join(', ') });
  return { ok: false, message: messageText(said), said, badGroups: reported };
}

/**
 * True when a single typed group (0-based position `groupIndex`) is self-consistent under the current
 * check or the legacy one: a group flagged while typing may come from a kit printed before the change.
 */
export function isGroupValid(group: string, groupIndex: number): boolean {
  const g = normalizeGroup(group);
  return passes(g, groupIndex, checkChar) || passes(g, groupIndex, legacyCheckChar);
}
