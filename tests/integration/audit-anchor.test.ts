import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { invoke, type Doorway } from '../../electron/core';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { AUDIT_ANCHOR_FILE, anchorFileSchema } from '../../electron/core/audit/anchor';
import { auditHash, GENESIS_HASH, type AuditRow } from '../../electron/core/audit/audit';
import { manifestSealHolds } from '../../electron/core/backup/seal';
import { manifestSchema } from '../../electron/core/backup/format';
import { openEncrypted } from '../../electron/core/db/database';
import { signInAdmin, unwrap } from '../support/staff';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "the trail's head anchored in a file of the data folder (audit/anchor.ts); a hub's trail needs none (its logins cannot delete events: pg-roles.test.ts)";

/**
 * The hash chain proves the events that are there; the anchor (core/audit/anchor.ts) proves that none
 * were cut from the end: the newest event's id and hash, sealed with a key from the vault's data key,
 * kept in the data folder and in every backup's manifest.
 */
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const lastId = (core: Doorway) => core.db.prepare('SELECT max(id) FROM audit_events').pluck().get() as number;
const readAnchorFile = (dir: string) => anchorFileSchema.parse(JSON.parse(readFileSync(join(dir, AUDIT_ANCHOR_FILE), 'utf8')));

async function cli(argv: string[], env: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIo = { env, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io, { kdfCost: TEST_KDF });
  return { code, out, err };
}
const cliVerify = (dir: string) => cli(['audit', 'verify', '--data-dir', dir, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });

/**
 * A vault with some events, closed (which writes the anchor), and a copy of its data key: what someone
 * who exported the key could use to change the records file while Doorway is closed.
 */
async function closedVaultWithEvents() {
  const dir = tempDir();
  dirs.push(dir);
  const v = await setUpVault(dir);
  for (let i = 0; i < 5; i++) unwrap(await invoke(v.router, 'people.create', { clientCode: `AN-${i}` }));
  const key = Buffer.from(v.core.dataKey);
  v.core.close();
  return { ...v, dir, key };
}

/** Changes the records file with the key, outside Doorway: triggers dropped, then SQL. */
function tamper(dir: string, key: Buffer, change: (db: ReturnType<typeof openEncrypted>) => void) {
  const db = openEncrypted(join(dir, 'doorway.db'), key);
  try {
    db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    change(db);
  } finally {
    db.close();
  }
}

function headOf(dir: string, key: Buffer): { id: number; hash: string; at: string } {
  const db = openEncrypted(join(dir, 'doorway.db'), key, { readonly: true });
  try {
    return db.prepare('SELECT id, hash, at FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string; at: string };
  } finally {
    db.close();
  }
}

describeOn('sqlite', SQLITE_ONLY, 'the audit anchor', () => {
  it('is written when the session ends, naming the newest event, sealed', async () => {
    const { dir, key } = await closedVaultWithEvents();
    const head = headOf(dir, key);
    const anchor = readAnchorFile(dir);
    expect(anchor).toMatchObject({ format: 'doorway-audit-anchor', eventId: head.id, hash: head.hash, at: head.at, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('follows new events within about a second while signed in, not on every event', async () => {
    const { dir, router, core } = await closedVaultWithEvents();
    await signInAdmin(router);
    unwrap(await invoke(router, 'people.create', { clientCode: 'AN-later' }));
    const head = lastId(core);
    // Not written inside the change's transaction.
    expect(readAnchorFile(dir).eventId).toBeLessThan(head);
    await new Promise((r) => setTimeout(r, 1300));
    expect(readAnchorFile(dir).eventId).toBe(head);
    core.close();
  });

  it('finds the newest events deleted outside Doorway, even after new events fill their place (app and command line, exit 1)', async () => {
    const { dir, key, router, core } = await closedVaultWithEvents();
    const head = headOf(dir, key);
    tamper(dir, key, (db) => db.prepare('DELETE FROM audit_events WHERE id > ?').run(head.id - 3));

    await signInAdmin(router);
    const verdict = unwrap(await invoke(router, 'audit.verify', {}));
    expect(verdict).toMatchObject({
      intact: false,
      firstBroken: null,
      missingTail: { lastPresent: lastId(core), anchored: head.id, anchoredAt: head.at },
    });
    expect(lastId(core)).toBeLessThan(head.id);
    core.close();
    // The anchor did not move to the shortened trail.
    expect(readAnchorFile(dir).eventId).toBe(head.id);

    // Sign-ins and locks fill the ids again; the anchored event's hash still tells the two apart.
    for (let i = 0; i < 3; i++) {
      await signInAdmin(router);
      core.close();
    }
    await signInAdmin(router);
    expect(lastId(core)).toBeGreaterThan(head.id);
    expect(unwrap(await invoke(router, 'audit.verify', {}))).toMatchObject({ intact: false, missingTail: { anchored: head.id } });
    core.close();

    const r = await cliVerify(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`The newest events are missing: the trail ends at event `);
    expect(r.out).toContain(`but event ${head.id} was recorded on ${head.at.slice(0, 10)}`);
  });

  it('finds every event deleted (the trail starts again with a sign-in)', async () => {
    const { dir, key, router, core } = await closedVaultWithEvents();
    const head = headOf(dir, key);
    tamper(dir, key, (db) => db.exec('DELETE FROM audit_events'));
    await signInAdmin(router);
    const verdict = unwrap(await invoke(router, 'audit.verify', {}));
    expect(verdict).toMatchObject({
      intact: false,
      firstBroken: null,
      missingStart: { firstPresent: 1, action: 'session.signIn' },
      missingTail: { anchored: head.id },
    });
    core.close();
    const r = await cliVerify(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain('The oldest events are missing: the trail starts at event 1 (session.signIn)');
  });

  it('finds a trail that does not start with the setting up of Doorway, even rebuilt so every link holds', async () => {
    const { dir, key, router, core } = await closedVaultWithEvents();
    // Whoever knows the hashing drops event 1 and renumbers and re-hashes the rest: the chain holds.
    tamper(dir, key, (db) => {
      const rows = db.prepare('SELECT * FROM audit_events WHERE id > 1 ORDER BY id').all() as AuditRow[];
      db.exec('DELETE FROM audit_events');
      const insert = db.prepare(
        `INSERT INTO audit_events (id, at, actor_id, actor_username, action, subject_type, subject_id, details, emergency, prev_hash, hash)
         VALUES (@id, @at, @actor_id, @actor_username, @action, @subject_type, @subject_id, @details, @emergency, @prev_hash, @hash)`,
      );
      let prev = GENESIS_HASH;
      rows.forEach((r, i) => {
        const row = { ...r, id: i + 1, prev_hash: prev };
        const { hash: _old, ...unhashed } = row;
        void _old;
        const hash = auditHash(unhashed);
        insert.run({ ...unhashed, hash });
        prev = hash;
      });
    });
    // Without the anchor file too, so only the start of the trail can give it away.
    rmSync(join(dir, AUDIT_ANCHOR_FILE));
    await signInAdmin(router);
    const verdict = unwrap(await invoke(router, 'audit.verify', {}));
    expect(verdict).toMatchObject({ intact: false, firstBroken: null, missingStart: { firstPresent: 1, action: 'session.signIn' } });
    core.close();
    expect((await cliVerify(dir)).code).toBe(1);
  });

  it('reports an anchor file changed outside Doorway (its seal does not hold), and leaves it as evidence', async () => {
    const { dir, key, router, core } = await closedVaultWithEvents();
    const head = headOf(dir, key);
    // Moved back three events to hide a cut, without the key to seal it.
    const file = join(dir, AUDIT_ANCHOR_FILE);
    const anchor = readAnchorFile(dir);
    const earlier = (() => {
      const db = openEncrypted(join(dir, 'doorway.db'), key, { readonly: true });
      try {
        return db.prepare('SELECT id, hash, at FROM audit_events WHERE id = ?').get(head.id - 3) as { id: number; hash: string; at: string };
      } finally {
        db.close();
      }
    })();
    const forged = JSON.stringify({ ...anchor, eventId: earlier.id, hash: earlier.hash, at: earlier.at });
    writeFileSync(file, forged);
    tamper(dir, key, (db) => db.prepare('DELETE FROM audit_events WHERE id > ?').run(earlier.id));

    await signInAdmin(router);
    const verdict = unwrap(await invoke(router, 'audit.verify', {}));
    expect(verdict).toMatchObject({ intact: false, firstBroken: null, anchor: 'damaged' });
    core.close();
    expect(readFileSync(file, 'utf8')).toBe(forged);
    const r = await cliVerify(dir);
    expect(r.code).toBe(1);
    expect(r.out).toContain("doesn't match its seal");
  });

  it('a vault without an anchor yet (made before anchors) is intact, with a note, and gets one', async () => {
    const { dir, router, core } = await closedVaultWithEvents();
    rmSync(join(dir, AUDIT_ANCHOR_FILE));
    await signInAdmin(router);
    const verdict = unwrap(await invoke(router, 'audit.verify', {}));
    expect(verdict).toEqual({ intact: true, events: lastId(core), firstBroken: null, anchor: 'missing' });
    core.close();
    expect(existsSync(join(dir, AUDIT_ANCHOR_FILE))).toBe(true);
    await signInAdmin(router);
    expect(unwrap(await invoke(router, 'audit.verify', {}))).toEqual({ intact: true, events: lastId(core), firstBroken: null });
    core.close();
  });

  it('is carried, sealed, in every backup manifest, and a restore or a key change is not taken for a cut', async () => {
    const { dir, router, core } = await closedVaultWithEvents();
    const dest = tempDir('doorway-anchor-dest-');
    dirs.push(dest);
    await signInAdmin(router);
    unwrap(await invoke(router, 'backup.updateSettings', { destination: dest }));
    const head = core.db.prepare('SELECT id, hash, at FROM audit_events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string; at: string };
    const bundle = unwrap(await invoke(router, 'backup.create', {}));
    const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(dest, bundle.name, 'manifest.json'), 'utf8')));
    expect(manifest.auditHead).toEqual({ eventId: head.id, hash: head.hash, at: head.at });
    expect(manifestSealHolds(core.dataKey, manifest)).toBe(true);
    // The data folder's anchor was brought up to date before the copy.
    expect(readAnchorFile(dir).eventId).toBeGreaterThanOrEqual(head.id);
    // An older manifest without the field still verifies.
    expect(manifestSchema.safeParse({ ...manifest, auditHead: undefined }).success).toBe(true);

    // More events, then the backup comes back: the trail is shorter than the anchor, for a recorded reason.
    for (let i = 0; i < 3; i++) unwrap(await invoke(router, 'people.create', { clientCode: `AN-after-${i}` }));
    unwrap(await invoke(router, 'backup.restore', { bundle: bundle.name, confirm: true }));
    await signInAdmin(router);
    expect(unwrap(await invoke(router, 'audit.verify', {}))).toMatchObject({ intact: true, firstBroken: null });
    expect(unwrap(await invoke(router, 'audit.verify', {})).missingTail).toBeUndefined();

    // A new data key: the anchor is sealed again with it.
    unwrap(await invoke(router, 'vault.rotateKey', {}));
    expect(unwrap(await invoke(router, 'audit.verify', {}))).toMatchObject({ intact: true });
    core.close();
    await signInAdmin(router);
    expect(unwrap(await invoke(router, 'audit.verify', {}))).toEqual({ intact: true, events: lastId(core), firstBroken: null });
    core.close();
  });
});
