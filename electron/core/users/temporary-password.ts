import { randomInt } from 'node:crypto';

/**
 * A temporary password the administrator reads out or writes down for a new colleague: lowercase
 * letters and digits without look-alikes (no i, l, o, 0, 1), three groups of five, about 74 bits.
 * It opens the account once; the person chooses their own password right after signing in.
 */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 5;

export function temporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
