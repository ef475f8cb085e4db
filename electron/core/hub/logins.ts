import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { canReadClinical, type Role } from '../../../shared/roles';

/**
 * A role's PostgreSQL login password, sealed in the hub (hub.logins) under a key only that role's
 * staff hold after signing in: the clinical key for the roles that may read clinical content, the data
 * key for front desk. So a front-desk password can never yield a login with a grant on the clinical
 * schema. AES-256-GCM under an HKDF key of its own; the vault and the role are the associated data.
 */
const LABEL = 'doorway hub login aes-256-gcm v1';

export interface RoleKeys {
  dataKey: Buffer;
  clinicalKey: Buffer | null;
}

/** The key a role's login is sealed under; null when these keys cannot open it. */
function keyFor(role: Role, keys: RoleKeys): Buffer | null {
  const base = canReadClinical(role) ? keys.clinicalKey : keys.dataKey;
  return base ? Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), LABEL, 32)) : null;
}

const aad = (vaultId: string, role: Role) => Buffer.from(`doorway-hub-login:${vaultId}:${role}`, 'utf8');

export function sealLogin(vaultId: string, role: Role, password: string, keys: RoleKeys): string {
  const key = keyFor(role, keys);
  if (!key) throw new Error(`the ${role} login needs the clinical key to be sealed`);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aad(vaultId, role));
    const data = Buffer.concat([cipher.update(password, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64')).join('.');
  } finally {
    key.fill(0);
  }
}

/** The login password, or null when these keys are not the role's (or the seal was changed). */
export function openLogin(vaultId: string, role: Role, sealed: string, keys: RoleKeys): string | null {
  const key = keyFor(role, keys);
  if (!key) return null;
  try {
    const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64'));
    if (!iv || !tag || !data || tag.length !== 16) return null;
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(aad(vaultId, role));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}
