import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { PostgresTarget } from '../data/postgres';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { hubConnectionTarget, type HubConnection } from './pairing';

/**
 * A workstation joined to the clinic hub keeps, in its own data folder, what pairing gave it: the
 * hub's address, the certificate it pinned, and its own workstation login (hub/pairing.ts). That login
 * reads only what signing in needs; staff records are reached only through a staff member's keys.
 * Its password is sealed by the operating system's keychain where there is one (Electron's
 * safeStorage: DPAPI, Keychain, libsecret); elsewhere (the preview, tests) the file is readable by
 * this computer's account only.
 */
export const HUB_LINK_FILE = 'hub-link.json';

/** Seals the workstation login's password at rest. */
export interface SecretBox {
  /** What protects it, for the hub screen: the OS keychain, or only the file's permissions. */
  readonly kind: 'keychain' | 'filePermissions';
  seal(text: string): string;
  open(sealed: string): string;
}

/** No keychain: the password is stored as it is, in a file only this account may read (0600). */
export const filePermissionsBox: SecretBox = { kind: 'filePermissions', seal: (t) => t, open: (s) => s };

const linkSchema = z.strictObject({
  format: z.literal('doorway-hub-link'),
  version: z.literal(1),
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  database: z.string().min(1),
  fingerprint: z.string().min(1),
  login: z.string().min(1),
  sealedPassword: z.string().min(1),
  protectedBy: z.enum(['keychain', 'filePermissions']),
  joinedAt: z.string(),
});

const linkPath = (dir: string) => join(dir, HUB_LINK_FILE);

export function hasHubLink(dir: string): boolean {
  return existsSync(linkPath(dir));
}

/** The hub this computer joined, or null. A link that cannot be read is said plainly, never ignored. */
export function readHubLink(dir: string, box: SecretBox): HubConnection | null {
  const path = linkPath(dir);
  if (!existsSync(path)) return null;
  let link: z.infer<typeof linkSchema>;
  try {
    link = linkSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    throw new DoorwayError('HUB_UNREACHABLE', msg('hub.link.unreadable', { path }));
  }
  let password: string;
  try {
    password = box.open(link.sealedPassword);
  } catch {
    throw new DoorwayError('HUB_UNREACHABLE', msg('hub.link.cannotUnseal'));
  }
  return { host: link.host, port: link.port, database: link.database, fingerprint: link.fingerprint, login: link.login, password };
}

export function writeHubLink(dir: string, hub: HubConnection, box: SecretBox, now: string): void {
  const link: z.infer<typeof linkSchema> = {
    format: 'doorway-hub-link',
    version: 1,
    host: hub.host,
    port: hub.port,
    database: hub.database,
    fingerprint: hub.fingerprint,
    login: hub.login,
    sealedPassword: box.seal(hub.password),
    protectedBy: box.kind,
    joinedAt: now,
  };
  writeFileAtomic(linkPath(dir), `${JSON.stringify(link, null, 2)}\n`);
}

export function removeHubLink(dir: string): void {
  rmSync(linkPath(dir), { force: true });
}

/**
 * Whether this computer works on one computer's records or on a clinic hub, and how it reaches the
 * hub. One holder shared by sign-in, setup and the handlers, so joining (or making this computer the
 * hub) switches all of them at once, without a restart.
 */
export class HubLinkHolder {
  private current: { target: PostgresTarget; address: { host: string; port: number; database: string } } | null = null;
  /** This computer joined a hub, but its link could not be read: said at sign-in, never taken for a first run. */
  problem: DoorwayError | null = null;
  private readonly listeners: Array<() => void> = [];

  /** Called after this computer starts working on a hub. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  constructor(target?: PostgresTarget) {
    if (target) this.current = { target, address: addressOf(target) };
  }

  get target(): PostgresTarget | null {
    return this.current?.target ?? null;
  }

  get address(): { host: string; port: number; database: string } | null {
    return this.current?.address ?? null;
  }

  use(hub: HubConnection): void {
    this.problem = null;
    this.current = { target: hubConnectionTarget(hub, 4), address: { host: hub.host, port: hub.port, database: hub.database } };
    for (const listener of this.listeners) listener();
  }
}

function addressOf(target: PostgresTarget): { host: string; port: number; database: string } {
  const url = new URL(target.connectionString);
  return { host: url.hostname, port: Number(url.port || 5432), database: decodeURIComponent(url.pathname.slice(1)) };
}
