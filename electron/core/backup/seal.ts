import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson, countsPartSchema, privatePartSchema, type CountsPart, type Manifest, type PrivatePart, type SealedBox, type VerifiedMark } from './format';

/**
 * Keys for the bundle's seals, derived from the data key with HKDF-SHA256 and a distinct label each,
 * so a seal can never be confused with the database encryption or with another kind of seal.
 */
const LABELS = {
  manifest: 'doorway backup manifest hmac v1',
  verified: 'doorway backup verified-mark hmac v1',
  private: 'doorway backup private part aes-256-gcm v1',
  counts: 'doorway backup verified counts aes-256-gcm v1',
} as const;

function derive(dataKey: Buffer, label: keyof typeof LABELS): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), LABELS[label], 32));
}

function hmacHex(key: Buffer, value: unknown): string {
  return createHmac('sha256', key).update(canonicalJson(value), 'utf8').digest('hex');
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

export function signManifest(dataKey: Buffer, unsigned: Omit<Manifest, 'hmac'>): Manifest {
  const key = derive(dataKey, 'manifest');
  try {
    return { ...unsigned, hmac: hmacHex(key, unsigned) };
  } finally {
    key.fill(0);
  }
}

export function manifestSealHolds(dataKey: Buffer, manifest: Manifest): boolean {
  const { hmac, ...rest } = manifest;
  const key = derive(dataKey, 'manifest');
  try {
    return sameHex(hmacHex(key, rest), hmac);
  } finally {
    key.fill(0);
  }
}

export function signVerifiedMark(dataKey: Buffer, unsigned: Omit<VerifiedMark, 'hmac'>): VerifiedMark {
  const key = derive(dataKey, 'verified');
  try {
    return { ...unsigned, hmac: hmacHex(key, unsigned) };
  } finally {
    key.fill(0);
  }
}

/** The mark holds when its own seal holds and it names exactly this manifest. */
export function verifiedMarkHolds(dataKey: Buffer, mark: VerifiedMark, manifest: Manifest): boolean {
  if (mark.bundleId !== manifest.bundleId || !sameHex(mark.manifestHmac, manifest.hmac)) return false;
  const { hmac, ...rest } = mark;
  const key = derive(dataKey, 'verified');
  try {
    return sameHex(hmacHex(key, rest), hmac);
  } finally {
    key.fill(0);
  }
}

/** AES-256-GCM under a key of its own label; the bundle id is the associated data, so a box cannot be moved into another bundle. */
function seal(dataKey: Buffer, label: 'private' | 'counts', bundleId: string, value: unknown): SealedBox {
  const key = derive(dataKey, label);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(bundleId, 'utf8'));
    const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
    return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  } finally {
    key.fill(0);
  }
}

/** Null when the key is not this vault's, or the box was changed. */
function unseal<T>(dataKey: Buffer, label: 'private' | 'counts', bundleId: string, box: SealedBox, schema: z.ZodType<T>): T | null {
  const tag = Buffer.from(box.tag, 'base64');
  // A short tag would weaken the check; GCM's full 16 bytes are always written.
  if (tag.length !== 16) return null;
  const key = derive(dataKey, label);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
    decipher.setAAD(Buffer.from(bundleId, 'utf8'));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
    const parsed = schema.safeParse(JSON.parse(plain.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

export const sealPrivate = (dataKey: Buffer, bundleId: string, part: PrivatePart): SealedBox => seal(dataKey, 'private', bundleId, part);

export const openPrivate = (dataKey: Buffer, bundleId: string, box: SealedBox): PrivatePart | null => unseal(dataKey, 'private', bundleId, box, privatePartSchema);

export const sealCounts = (dataKey: Buffer, bundleId: string, counts: CountsPart): SealedBox => seal(dataKey, 'counts', bundleId, counts);

export const openCounts = (dataKey: Buffer, bundleId: string, box: SealedBox): CountsPart | null => unseal(dataKey, 'counts', bundleId, box, countsPartSchema);
