import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/**
 * Password-based key derivation. scrypt N=2^17, r=8, p=1 costs about 300 ms and 128 MiB here: slow
 * enough against guessing a stolen key-slot file, quick enough for a front desk sign-in. Parameters
 * live in each slot, so they can be raised later without breaking old slots.
 */
export const kdfParamsSchema = z.strictObject({
  name: z.literal('scrypt'),
  N: z.number().int().min(1024).max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().regex(/^[A-Za-z0-9+/=]{16,}$/),
});
export type KdfParams = z.infer<typeof kdfParamsSchema>;

export const DEFAULT_KDF = { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 } as const;

export function newKdfParams(cost: Partial<Pick<KdfParams, 'N' | 'r' | 'p'>> = {}): KdfParams {
  return { ...DEFAULT_KDF, ...cost, salt: randomBytes(16).toString('base64') };
}

export function deriveKey(secret: string, params: KdfParams): Promise<Buffer> {
  const maxmem = 256 * params.N * params.r + 16 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret.normalize('NFKC'), Buffer.from(params.salt, 'base64'), 32, { N: params.N, r: params.r, p: params.p, maxmem }, (e, key) =>
      e ? reject(e) : resolve(key),
    );
  });
}
