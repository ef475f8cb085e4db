import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ClinicSettings } from '../../../shared/contract/schemas';
import type { HubState } from '../../../shared/contract/hub';
import { postgresData, postgresPool } from '../data/postgres';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import type { Clock } from '../platform/clock';
import { diskEncryptionOf } from '../platform/disk-encryption';
import type { Log } from '../platform/log';
import type { VaultOptions } from '../vault/vault';
import type { Kysely } from 'kysely';
import type { AuditActor } from '../audit/audit';
import type { Database } from '../data/schema';
import type { KeyslotFile } from '../vault/keyslots';
import { initHub, moveVaultOntoHub } from './init';
import type { MovedCounts } from './move';
import { writeHubLink, type HubLinkHolder, type SecretBox } from './link';
import { createPairing, redeemPairing } from './pairing';
import { hubOwnerUrl, hubServerInfo, runningHubServer, startHubServer, stopHubServer, type RunningHubServer } from './server';

/** The hub's own server lives in this folder of the hub computer's data folder (hub/server.ts). */
export const HUB_SERVER_FOLDER = 'hub-server';

/** How long a pairing code made in the app stays good: long enough to walk to the other computer. */
const PAIRING_MINUTES = 60;

export interface HubServiceDeps {
  dataDir: string;
  holder: HubLinkHolder;
  box: SecretBox;
  clock: Clock;
  log: Log;
  /** True when this computer keeps records of its own (a vault in its data folder). */
  hasOwnRecords(): boolean;
  /** Tests only (they run as root): the server runs as the `postgres` user. */
  serverRunAs?: 'postgres';
}

/**
 * The clinic hub from this computer's side: whether it works on one (and which), joining one with a
 * pairing code, and, on the hub computer, the server Doorway starts and looks after (hub/server.ts)
 * and the pairing codes it shows for the clinic's other computers.
 */
export class HubService {
  private server: RunningHubServer | null = null;

  constructor(private readonly deps: HubServiceDeps) {}

  private get serverDir(): string {
    return join(this.deps.dataDir, HUB_SERVER_FOLDER);
  }

  /** This computer runs the clinic hub's server (it was made the hub here). */
  get serverHere(): boolean {
    return existsSync(join(this.serverDir, 'hub-server.json'));
  }

  async state(): Promise<HubState> {
    const { holder } = this.deps;
    const here = this.serverHere;
    return {
      mode: holder.target ? 'joined' : 'thisComputer',
      hub: holder.address,
      serverHere: here,
      atRest: here ? await diskEncryptionOf(this.serverDir) : null,
    };
  }

  /**
   * Joins the clinic hub the pairing code names: the code is redeemed over TLS pinned to the hub's
   * certificate (hub/pairing.ts), and what it gives is kept in this computer's data folder. From then
   * on, staff sign in here to the hub. Only a computer without records of its own joins.
   */
  async join(code: string): Promise<HubState> {
    if (this.deps.holder.target) {
      throw new DoorwayError('CONFLICT', msg('hub.join.alreadyJoined'));
    }
    if (this.deps.hasOwnRecords()) {
      throw new DoorwayError('CONFLICT', msg('hub.join.hasOwnRecords'));
    }
    const connection = await redeemPairing(code, { now: this.deps.clock.now() });
    writeHubLink(this.deps.dataDir, connection, this.deps.box, this.deps.clock.nowIso());
    this.deps.holder.use(connection);
    return this.state();
  }

  /** Starts the hub's server when this computer is the hub; a server already running (hub start) is used as it is. */
  async startServerIfHere(): Promise<void> {
    if (!this.serverHere || this.server || runningHubServer(this.serverDir)) return;
    this.server = await startHubServer({ dataDir: this.serverDir, runAs: this.deps.serverRunAs });
    void this.server.exited.then((code) => {
      if (this.server) this.deps.log(`the clinic hub's server stopped (exit ${code ?? 'unknown'})`);
      this.server = null;
    });
  }

  /** On quit: the server this app started stops (a fast shutdown keeps every committed change). */
  async stopServer(): Promise<void> {
    const running = this.server;
    this.server = null;
    if (running) await running.stop();
  }

  /**
   * "Make this computer the clinic's hub": the server made and started here, the clinic's record made
   * on it (hub/init.ts, with the recovery code the wizard showed), and this computer joined to it over
   * loopback like any other workstation (its own login, TLS pinned). A failure part-way leaves nothing
   * behind: the server is stopped and its folder removed.
   */
  async makeHere(input: { settings: ClinicSettings; admin: { username: string; displayName: string; password: string }; recoveryCode: string }, opts: VaultOptions): Promise<void> {
    if (this.serverHere || this.deps.holder.target) throw new DoorwayError('VAULT_EXISTS', msg('hub.here.alreadySignIn'));
    const now = this.deps.clock.nowIso();
    try {
      this.server = await startHubServer({ dataDir: this.serverDir, runAs: this.deps.serverRunAs });
      const owner = postgresData(postgresPool({ connectionString: hubOwnerUrl(this.serverDir), max: 1 }));
      try {
        await initHub(owner, { settings: input.settings, admin: input.admin, now, recoveryCode: input.recoveryCode }, opts);
        await this.linkHere(owner, now);
      } finally {
        await owner.destroy();
      }
    } catch (e) {
      await this.undoServer();
      throw e;
    }
  }

  /**
   * "Move this computer's records to the hub" (the app's twin of `hub move`): the server made and
   * started here, the signed-in vault's records, key slots and keys moved onto it in one transaction
   * (hub/init.ts moveVaultOntoHub: every table counted on both sides), and this computer joined to it.
   * Its own files stay as they are until an administrator removes them. A failure part-way leaves the
   * computer as it was: the server is stopped and its folder removed.
   */
  async moveHere(input: { source: Kysely<Database>; file: KeyslotFile; dataKey: Buffer; clinicalKey: Buffer; actor: AuditActor }): Promise<MovedCounts> {
    if (this.serverHere || this.deps.holder.target) throw new DoorwayError('CONFLICT', msg('hub.here.already'));
    const now = this.deps.clock.nowIso();
    try {
      this.server = await startHubServer({ dataDir: this.serverDir, runAs: this.deps.serverRunAs });
      const owner = postgresData(postgresPool({ connectionString: hubOwnerUrl(this.serverDir), max: 2 }));
      try {
        const moved = await moveVaultOntoHub(owner, input.source, { file: input.file, dataKey: input.dataKey, clinicalKey: input.clinicalKey }, input.actor, now, {
          action: 'vault.movedToHub',
          details: { from: 'app' },
        });
        await this.linkHere(owner, now);
        return moved;
      } finally {
        await owner.destroy();
      }
    } catch (e) {
      await this.undoServer();
      throw e;
    }
  }

  /** This computer joined to the server it runs, over loopback, like any other workstation (its own login, TLS pinned). */
  private async linkHere(owner: Kysely<Database>, now: string): Promise<void> {
    const info = hubServerInfo(this.serverDir);
    const pairing = await createPairing(owner as never, { host: '127.0.0.1', port: info.port, database: info.database, fingerprint: info.fingerprint, now, validMinutes: 5 });
    const connection = await redeemPairing(pairing.code, { now: this.deps.clock.now() });
    writeHubLink(this.deps.dataDir, connection, this.deps.box, now);
    this.deps.holder.use(connection);
  }

  private async undoServer(): Promise<void> {
    await this.stopServer().catch((err: unknown) => this.deps.log('could not stop the half-made hub server', err));
    await stopHubServer(this.serverDir).catch(() => undefined);
    rmSync(this.serverDir, { recursive: true, force: true });
  }

  /**
   * A one-time pairing code for another computer of the clinic, made with the owner's login that only
   * the hub computer holds. It names this computer's address on the clinic's network.
   */
  async pairingCode(): Promise<{ code: string; expiresAt: string }> {
    if (!this.serverHere) {
      throw new DoorwayError('CONFLICT', msg('hub.pairing.onHubOnly'));
    }
    const info = hubServerInfo(this.serverDir);
    const host = info.addresses[0];
    if (!host) {
      throw new DoorwayError('HUB_UNREACHABLE', msg('hub.pairing.noNetwork'));
    }
    const owner = postgresData(postgresPool({ connectionString: hubOwnerUrl(this.serverDir), max: 1 }));
    try {
      const made = await createPairing(owner as never, { host, port: info.port, database: info.database, fingerprint: info.fingerprint, now: this.deps.clock.nowIso(), validMinutes: PAIRING_MINUTES });
      return { code: made.code, expiresAt: made.expiresAt };
    } finally {
      await owner.destroy();
    }
  }
}
