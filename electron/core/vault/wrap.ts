import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM key wrapping. The associated data binds a wrapped key to its vault and slot. */
export interface Wrapped {
  iv: string;
  tag: string;
  wrappedKey: string;
}

export function wrapKey(dataKey: Buffer, kek: Buffer, aad: string): Wrapped {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), wrappedKey: wrapped.toString('base64') };
}

/** Returns the data key, or null when the key-encryption key or the associated data is wrong. */
export function unwrapKey(w: Wrapped, kek: Buffer, aad: string): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(w.iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(w.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(w.wrappedKey, 'base64')), decipher.final()]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
}
