/**
 * Recovery codes: 160 random bits written as 8 groups of 5 Crockford base32 characters. Each group is
 * 4 data characters and 1 check character, so a typo is caught in the group where it happened and the
 * person is told which group to look at again, instead of "wrong code".
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_GROUPS = 8;
const DATA_PER_GROUP = 4;
/** Bytes of randomness a recovery code carries: 8 groups x 4 chars x 5 bits = 160 bits. */
export const RECOVERY_CODE_BYTES = (RECOVERY_GROUPS * DATA_PER_GROUP * 5) / 8;

function checkChar(values: readonly number[], groupIndex: number): string {
  // Position weights catch swapped neighbours; the group index stops a whole group being pasted in
  // the wrong place without notice.
  let sum = 7 * (groupIndex + 1);
  values.forEach((v, j) => {
    sum += (j + 1) * (v + 1);
  });
  return ALPHABET[sum % 32]!;
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
  | { ok: false; message: string; badGroups: number[] };

/** Checks a typed code; on success returns the canonical form used to derive the recovery key. */
export function parseRecoveryCode(raw: string): RecoveryParse {
  const compact = normalizeGroup(raw);
  const expectedLength = RECOVERY_GROUPS * (DATA_PER_GROUP + 1);
  if (compact.length !== expectedLength) {
    return {
      ok: false,
      message: `A recovery code has ${RECOVERY_GROUPS} groups of 5 characters. Please check you have all of them.`,
      badGroups: [],
    };
  }
  const badGroups: number[] = [];
  const groups: string[] = [];
  for (let g = 0; g < RECOVERY_GROUPS; g++) {
    const group = compact.slice(g * 5, g * 5 + 5);
    groups.push(group);
    if (!isGroupValid(group, g)) badGroups.push(g + 1);
  }
  if (badGroups.length > 0) {
    const which = badGroups.length === 1 ? `group ${badGroups[0]}` : `groups ${badGroups.join(', ')}`;
    return { ok: false, message: `Please check ${which} against your recovery kit.`, badGroups };
  }
  return { ok: true, canonical: groups.join('-') };
}

/** True when a single typed group (1-based position `groupNumber`) is self-consistent. */
export function isGroupValid(group: string, groupIndex: number): boolean {
  const g = normalizeGroup(group);
  if (g.length !== DATA_PER_GROUP + 1) return false;
  const values: number[] = [];
  for (const ch of g.slice(0, DATA_PER_GROUP)) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return false;
    values.push(v);
  }
  return checkChar(values, groupIndex) === g[DATA_PER_GROUP];
}
