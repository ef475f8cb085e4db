import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';
import { unwrapKey, wrapKey, type Wrapped } from './wrap';

/**
 * Each key slot has its own X25519 key pair. The slot's password (or the recovery code) protects the
 * private key; the data key is sealed to the public key. Key rotation can then seal a new data key to
 * every remaining slot without anyone's password, and nobody who is left out (a removed user who
 * still remembers the old data key) can open the new seal.
 *
 * Sealing: an ephemeral X25519 key pair, a shared secret with the slot's public key, HKDF-SHA256
 * (salt: both public keys, info: the slot's associated data) to an AES-256-GCM key that wraps the data key.
 */
export interface SlotKeyPair {
  /** Raw 32-byte X25519 public key. */
  publicKey: Buffer;
  /** Raw 32-byte X25519 private key; callers zero it when done. */
  privateKey: Buffer;
}

export interface Sealed extends Wrapped {
  /** Raw ephemeral X25519 public key, base64. */
  ephemeralKey: string;
}

const b64url = (b: Buffer) => b.toString('base64url');

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(raw) }, format: 'jwk' });
}

function privateKeyObject(privateKey: Buffer, publicKey: Buffer): KeyObject {
  return createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(publicKey), d: b64url(privateKey) }, format: 'jwk' });
}

function rawPair(pair: { publicKey: KeyObject; privateKey: KeyObject }): SlotKeyPair {
  const jwk = pair.privateKey.export({ format: 'jwk' });
  return { publicKey: Buffer.from(jwk.x!, 'base64url'), privateKey: Buffer.from(jwk.d!, 'base64url') };
}

export function newSlotKeyPair(): SlotKeyPair {
  return rawPair(generateKeyPairSync('x25519'));
}

function sealingKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer, aad: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPublic, recipientPublic]), Buffer.from(`doorway-seal:v1:${aad}`, 'utf8'), 32));
}

export function sealKey(key: Buffer, recipientPublic: Buffer, aad: string): Sealed {
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPair(eph);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyObject(recipientPublic) });
  const kek = sealingKey(shared, ephRaw.publicKey, recipientPublic, aad);
  try {
    return { ephemeralKey: ephRaw.publicKey.toString('base64'), ...wrapKey(key, kek, aad) };
  } finally {
    shared.fill(0);
    kek.fill(0);
    ephRaw.privateKey.fill(0);
  }
}

/** The sealed key, or null when the private key, the public key or the associated data do not match. */
export function openSealedKey(sealed: Sealed, privateKey: Buffer, publicKey: Buffer, aad: string): Buffer | null {
  try {
    const ephemeral = Buffer.from(sealed.ephemeralKey, 'base64');
    if (ephemeral.length !== 32 || privateKey.length !== 32 || publicKey.length !== 32) return null;
    const shared = diffieHellman({ privateKey: privateKeyObject(privateKey, publicKey), publicKey: publicKeyObject(ephemeral) });
    const kek = sealingKey(shared, ephemeral, publicKey, aad);
    try {
      return unwrapKey(sealed, kek, aad);
    } finally {
      kek.fill(0);
      shared.fill(0);
    }
  } catch {
    // A malformed key in a damaged file: the same answer as a wrong key.
    return null;
  }
}
