import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, expect, it } from 'vitest';
import { applyKey } from '../../electron/core/db/database';
import { generateDemo } from '../../electron/core/demo/generate';
import { nodeBackupFs, type BackupFs } from '../../electron/core/backup/files';
import { openCounts, sealCounts, sealPrivate, signManifest, signVerifiedMark } from '../../electron/core/backup/seal';
import { readVerifiedMark } from '../../electron/core/backup/read';
import { manifestSchema, type Manifest } from '../../electron/core/backup/format';
import { BackupService } from '../../electron/core/backup/service';
import { checkDatabaseFile, checkHere } from '../../electron/core/backup/check-worker';
import { createHash } from 'node:crypto';
import { hashDir } from '../support/vault';
import { cleanUp, Clock, filesHolding, filesUnder, folder, must, recordsHash, refused, vaultWithDestination } from './backup-helpers';
import { describeOn } from '../support/engine';
import { messageText } from '../../shared/messages';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "bundles made from one computer's files; a hub's backups are snapshots of the shared record (pg-hub-backup, pg-hub-snapshot, pg-hub-app tests)";

afterEach(cleanUp);

const MARKER = 'Quokka-Marker-7f3a9c';

function flip(path: string, offset: number, mask: number): void {
  const bytes = readFileSync(path);
  bytes[offset] = bytes[offset]! ^ mask;
  writeFileSync(path, bytes);
}

const readManifest = (bundle: string): Manifest => manifestSchema.parse(JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')));
const writeManifest = (bundle: string, m: unknown) => writeFileSync(join(bundle, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);

describeOn('sqlite', SQLITE_ONLY, 'a backup bundle', () => {
  it('is encrypted with the vault key: no marker written through the app appears in the clear in the destination, the vault or the drill folder', async () => {
    const v = await vaultWithDestination();
    const person = await must(v.router, 'people.create', { clientCode: 'MK0001', name: `${MARKER} Rivera`, preferredName: MARKER });
    await must(v.router, 'contacts.record', { personId: person.id, setting: 'drop_in', note: `Talked about ${MARKER} and the weekend.` });
    // Positive control: the marker is in the records, and serialize() (never used for backups) would leak it.
    expect(v.core.db.serialize().includes(Buffer.from(MARKER, 'utf8'))).toBe(true);

    const tempRoot = folder('doorway-drill-root-');
    let duringDrill: { files: string[]; holding: string[] } | null = null;
    const service = new BackupService({ vault: v.core.vault, clock: v.core.clock, events: v.core.events, log: () => {} }, {
      tempRoot,
      hooks: {
        step: (s) => {
          if (s === 'drill-checked') duringDrill = { files: filesUnder(tempRoot), holding: filesHolding(MARKER, tempRoot) };
        },
      },
    });
    const bundle = await service.create('app');
    await service.verify(bundle.name);
    const drill = await service.drill();
    expect(drill.bundle).toBe(bundle.name);

    expect(duringDrill!.files.some((f) => f.endsWith('doorway.db'))).toBe(true);
    expect(duringDrill!.holding).toEqual([]);
    expect(readdirSync(tempRoot)).toEqual([]); // the practice restore is deleted
    const db = join(v.dest, bundle.name, 'doorway.db');
    expect(readFileSync(db).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(filesHolding(MARKER, v.dest, v.dataDir)).toEqual([]);
    // And the copy is the vault's: it opens with the key and SQLCipher 4 settings, and holds the marker inside.
    const copy = new Database(db, { readonly: true });
    applyKey(copy, v.core.dataKey);
    expect(copy.prepare('SELECT count(*) FROM people WHERE name LIKE ?').pluck().get(`${MARKER}%`)).toBe(1);
    copy.close();
    for (const s of ['-wal', '-shm']) if (existsSync(`${db}${s}`)) rmSync(`${db}${s}`);
    v.core.close();
  });

  it('the pitfalls named in DESIGN.md, as this driver behaves (none of them is used for backups)', async () => {
    const v = await vaultWithDestination();
    await must(v.router, 'people.create', { clientCode: 'MK0002', name: MARKER });
    const out = folder('doorway-pitfall-');
    // serialize() hands back plaintext pages.
    expect(v.core.db.serialize().subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    // db.backup() on the encrypted file: whatever it does, it is not how Doorway copies. Record the behaviour.
    const backedUp = await v.core.db.backup(join(out, 'backup-api.db')).then(
      () => readFileSync(join(out, 'backup-api.db')).subarray(0, 16).toString('latin1'),
      (e: unknown) => `failed: ${(e as Error).message}`,
    );
    expect(backedUp === 'SQLite format 3\0' || backedUp.startsWith('failed')).toBe(true);
    // VACUUM INTO from a keyed connection: with SQLite3 Multiple Ciphers 2.3.5 the output takes the
    // connection's cipher and key (so it is not plaintext, contrary to older versions). Doorway does not
    // depend on this either way: it copies the pinned file, whose pages are already encrypted.
    v.core.db.prepare('VACUUM INTO ?').run(join(out, 'vacuum.db'));
    const vacuumed = readFileSync(join(out, 'vacuum.db'));
    expect(vacuumed.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(vacuumed.includes(Buffer.from(MARKER, 'utf8'))).toBe(false);
    v.core.close();
  });

  it('refuses a flipped byte anywhere (records, key slots, manifest), with a clear message; the vault and older bundles are untouched', async () => {
    const clock = new Clock();
    const v = await vaultWithDestination({ clock });
    await must(v.router, 'people.create', { clientCode: 'FB0001' });
    const older = await must(v.router, 'backup.create', {});
    // A day later, so the retention policy keeps both (one a day).
    clock.days(1);
    await must(v.router, 'people.create', { clientCode: 'FB0002' });
    const target = await must(v.router, 'backup.create', {});
    const dir = join(v.dest, target.name);
    const olderHash = hashDir(join(v.dest, older.name));
    expect(Object.keys(olderHash).sort()).toEqual(['clinical.db', 'doorway.db', 'keyslots.json', 'manifest.json', 'verified.json']);
    const records = recordsHash(v.core.db);

    const offsetsOf = (file: string): number[] => {
      const size = statSync(join(dir, file)).size;
      return [...new Set([0, 7, 16, 100, 4096 + 123, Math.floor(size / 2), Math.floor(size * 0.77), size - 2, size - 1].filter((o) => o < size))];
    };
    let tried = 0;
    for (const file of ['doorway.db', 'clinical.db', 'keyslots.json', 'manifest.json']) {
      for (const offset of offsetsOf(file)) {
        for (const mask of [0x01, 0xff]) {
          flip(join(dir, file), offset, mask);
          const message = await refused(v.router, 'backup.verify', { bundle: target.name }, 'BACKUP_INVALID');
          expect(message, `${file} @${offset}`).toMatch(new RegExp(`The backup "${target.name}" (is damaged|can't be trusted|is incomplete)`));
          expect(message).toMatch(/[Nn]othing was changed/);
          const restore = await refused(v.router, 'backup.restore', { bundle: target.name, confirm: true }, 'BACKUP_INVALID');
          expect(restore.length).toBeGreaterThan(40);
          expect(v.core.session, 'a refused restore leaves the session open').not.toBeNull();
          flip(join(dir, file), offset, mask);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(40);
    // A flipped byte in the verified mark only takes the mark away.
    flip(join(dir, 'verified.json'), 40, 0x01);
    expect((await must(v.router, 'backup.list', {})).bundles.find((b) => b.name === target.name)?.state).toBe('unverified');
    expect((await must(v.router, 'backup.status', {})).lastVerifiedBackup?.name).toBe(older.name);

    expect(recordsHash(v.core.db)).toBe(records);
    expect(hashDir(join(v.dest, older.name))).toEqual(olderHash);
    // With every byte back in place the bundle passes again (and gets its mark back).
    await must(v.router, 'backup.verify', { bundle: target.name });
    expect((await must(v.router, 'backup.status', {})).lastVerifiedBackup?.name).toBe(target.name);
    v.core.close();
  });

  it('catches damaged pages and wrong counts even when the seals were forged with the right key', async () => {
    const v = await vaultWithDestination();
    const session = v.core.session!;
    await generateDemo({ data: v.core.vault.open().data, engine: v.core.context.engine }, { size: 'small', seed: 3, now: v.core.now(), actorId: session.user.id, actorRole: 'administrator' });
    const made = await must(v.router, 'backup.create', {});
    const dir = join(v.dest, made.name);
    const key = Buffer.from(v.core.dataKey);
    const original = readManifest(dir);
    const db = join(dir, 'doorway.db');
    const pristine = readFileSync(db);

    /** Re-seals the manifest for the current bytes, as someone holding the key could. */
    const forge = (counted?: { main: Record<string, number>; clinical?: Record<string, number> }) => {
      const bytes = readFileSync(db);
      const parts = original.parts.map((p) => (p.name === 'doorway.db' ? { ...p, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } : p));
      const { hmac: _old, ...rest } = original;
      // With counts: a manifest as earlier versions wrote it, the rows counted while copying.
      const sealed = counted
        ? sealPrivate(key, original.bundleId, {
            madeBy: { id: 1, username: 'river', displayName: 'River Stone', via: 'app' },
            rowCounts: counted.main,
            ...(counted.clinical ? { clinicalRowCounts: counted.clinical } : {}),
          })
        : original.private;
      writeManifest(dir, signManifest(key, { ...rest, parts, private: sealed }));
    };

    // A damaged page in the middle of the file: the page check (SQLCipher's per-page HMAC) finds it.
    flip(db, Math.floor(pristine.length / 2) + 200, 0xff);
    forge();
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/failed the page-by-page check/);
    // A damaged first page: the file no longer opens with the key.
    writeFileSync(db, pristine);
    flip(db, 100, 0x01);
    forge();
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/doesn't open with this vault's key/);
    // Intact pages: the check passes and seals the rows it counted in the verified mark.
    writeFileSync(db, pristine);
    forge();
    await must(v.router, 'backup.verify', { bundle: made.name });
    const manifest = readManifest(dir);
    const mark = readVerifiedMark(dir)!;
    const counted = openCounts(key, manifest.bundleId, mark.counts!)!;
    expect(counted.main.people).toBeGreaterThan(1);
    expect(counted.clinical?.contact_notes).toBeGreaterThan(0);
    // Never in the clear: the mark says how many tables and rows, not how many people.
    expect(JSON.stringify(mark)).not.toContain('people');
    // A mark whose sealed counts claim other rows: every later check counts and compares.
    const { hmac: _mark, ...unsignedMark } = mark;
    const fewer = { ...counted, main: { ...counted.main, people: 1 } };
    writeFileSync(join(dir, 'verified.json'), JSON.stringify(signVerifiedMark(key, { ...unsignedMark, counts: sealCounts(key, manifest.bundleId, fewer) })));
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/doesn't hold what it held when it was made \(people: 1 rows expected, \d+ found\)/);
    // A bundle of an earlier version, whose manifest holds the counts taken while copying: the same.
    forge(fewer);
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/doesn't hold what it held when it was made \(people: 1 rows expected, \d+ found\)/);
    forge(counted);
    await must(v.router, 'backup.verify', { bundle: made.name });
    key.fill(0);
    v.core.close();
  });

  it('the page-by-page check gives the same answer in its worker thread and on the calling thread (the fallback)', async () => {
    const v = await vaultWithDestination();
    await generateDemo({ data: v.core.vault.open().data, engine: v.core.context.engine }, { size: 'small', seed: 4, now: v.core.now(), actorId: v.core.session!.user.id, actorRole: 'administrator' });
    const made = await must(v.router, 'backup.create', {});
    const db = join(v.dest, made.name, 'doorway.db');
    const key = Buffer.from(v.core.dataKey);
    const inWorker = await checkDatabaseFile(db, key);
    expect(inWorker).toMatchObject({ opened: true, integrity: ['ok'] });
    expect(checkHere(db, key)).toEqual(inWorker);
    flip(db, Math.floor(statSync(db).size / 2) + 100, 0xff);
    const damaged = await checkDatabaseFile(db, key);
    expect(damaged.integrity).not.toEqual(['ok']);
    expect(checkHere(db, key)).toEqual(damaged);
    for (const s of ['-wal', '-shm']) rmSync(`${db}${s}`, { force: true });
    key.fill(0);
    v.core.close();
  });

  it('refuses a truncated bundle and a missing part, saying which', async () => {
    const v = await vaultWithDestination();
    const made = await must(v.router, 'backup.create', {});
    const dir = join(v.dest, made.name);
    const db = join(dir, 'doorway.db');
    const pristine = readFileSync(db);
    truncateSync(db, pristine.length - 4096);
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/doorway\.db is shorter than when it was written/);
    truncateSync(db, 0);
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/shorter/);
    writeFileSync(db, pristine);
    const manifest = readFileSync(join(dir, 'manifest.json'));
    writeFileSync(join(dir, 'manifest.json'), manifest.subarray(0, manifest.length / 2));
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/its description \(manifest\.json\) is damaged/);
    writeFileSync(join(dir, 'manifest.json'), manifest);
    renameSync(join(dir, 'keyslots.json'), join(v.dest, 'moved-away.json'));
    expect(await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID')).toMatch(/is incomplete: keyslots\.json is missing/);
    renameSync(join(v.dest, 'moved-away.json'), join(dir, 'keyslots.json'));
    await must(v.router, 'backup.verify', { bundle: made.name });
    v.core.close();
  });

  it("refuses a bundle of another vault and never touches it", async () => {
    const a = await vaultWithDestination({ clinicName: 'Harbour Street Clinic' });
    const b = await vaultWithDestination({ clinicName: 'Hillside Outreach' });
    await must(a.router, 'people.create', { clientCode: 'AA0001' });
    const mine = await must(a.router, 'backup.create', {});
    const theirs = await must(b.router, 'backup.create', {});
    renameSync(join(b.dest, theirs.name), join(a.dest, theirs.name));
    const theirHash = hashDir(join(a.dest, theirs.name));
    await must(a.router, 'backup.updateSettings', { keepDaily: 0, keepWeekly: 0, keepMonthly: 0 });
    const records = recordsHash(a.core.db);

    const list = await must(a.router, 'backup.list', {});
    expect(list.bundles.find((x) => x.name === theirs.name)).toMatchObject({ state: 'otherVault', madeBy: null });
    expect(await refused(a.router, 'backup.verify', { bundle: theirs.name }, 'BACKUP_INVALID')).toMatch(/was made from a different Doorway vault/);
    expect(await refused(a.router, 'backup.restore', { bundle: theirs.name, confirm: true }, 'BACKUP_INVALID')).toMatch(/different Doorway vault/);
    expect(a.core.session).not.toBeNull();
    const pruned = await must(a.router, 'backup.prune', {});
    expect(pruned.removed).toEqual([]);
    expect(pruned.kept).toEqual([mine.name]);
    expect(hashDir(join(a.dest, theirs.name))).toEqual(theirHash);
    expect(recordsHash(a.core.db)).toBe(records);

    // A hand-edited manifest that claims to be this vault's is refused by its seal.
    const dir = join(a.dest, theirs.name);
    const m = readManifest(dir);
    writeManifest(dir, { ...m, vaultId: readManifest(join(a.dest, mine.name)).vaultId });
    expect(await refused(a.router, 'backup.verify', { bundle: theirs.name }, 'BACKUP_INVALID')).toMatch(/doesn't match its seal/);
    a.core.close();
    b.core.close();
  });

  it('refuses a hand-edited manifest (a date, the version, a fingerprint, an added field)', async () => {
    const v = await vaultWithDestination();
    const made = await must(v.router, 'backup.create', {});
    const dir = join(v.dest, made.name);
    const m = readManifest(dir);
    const edits: [string, unknown][] = [
      ['a later date', { ...m, createdAt: '2099-01-01T00:00:00.000Z' }],
      ['another app version', { ...m, appVersion: '9.9.9' }],
      ['an older schema', { ...m, schemaVersion: 1 }],
      ['a fingerprint', { ...m, parts: m.parts.map((p) => ({ ...p, sha256: p.sha256.replace(/^./, (c) => (c === '0' ? '1' : '0')) })) }],
      ['an added field', { ...m, note: 'trust me' }],
      ['no seal', { ...m, hmac: undefined }],
    ];
    for (const [what, edited] of edits) {
      writeManifest(dir, edited);
      const message = await refused(v.router, 'backup.verify', { bundle: made.name }, 'BACKUP_INVALID');
      expect(message, what).toMatch(/can't be trusted/);
      expect((await must(v.router, 'backup.list', {})).bundles[0]!.state, what).toBe('unreadable');
    }
    writeManifest(dir, m);
    await must(v.router, 'backup.verify', { bundle: made.name });
    v.core.close();
  });
});

describeOn('sqlite', SQLITE_ONLY, 'a full disk during a backup', () => {
  const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

  it.each(['the records copy', 'the manifest'])('(injected while writing %s): a clear message, nothing half-written kept, older bundles intact, a retry planned', async (where) => {
    const v = await vaultWithDestination();
    const older = await must(v.router, 'backup.create', {});
    const olderHash = hashDir(join(v.dest, older.name));
    const failing: BackupFs =
      where === 'the records copy'
        ? {
            ...nodeBackupFs,
            async copyFile(from, to) {
              writeFileSync(to, readFileSync(from).subarray(0, 8192));
              throw noSpace();
            },
          }
        : {
            ...nodeBackupFs,
            async writeFile(path, data) {
              if (path.endsWith('manifest.json')) {
                writeFileSync(path, String(data).slice(0, 10));
                throw noSpace();
              }
              return nodeBackupFs.writeFile(path, data);
            },
          };
    const service = new BackupService({ vault: v.core.vault, clock: v.core.clock, events: v.core.events, log: () => {} }, { fs: failing });
    await expect(service.create('app')).rejects.toMatchObject({
      code: 'BACKUP_DESTINATION',
      message: expect.stringMatching(/^There isn't enough free space in .+ for this backup \(it needs about \d+ MB\)\. Nothing from this attempt was kept, and earlier backups are untouched\./),
    });
    expect(readdirSync(v.dest)).toEqual([older.name]);
    expect(hashDir(join(v.dest, older.name))).toEqual(olderHash);
    const status = await service.status();
    // The warning is the refusal itself, as a message said in the administrator's language.
    expect(status.warning).toMatchObject({ kind: 'destinationUnavailable', message: { key: 'backup.destination.noSpace', params: { dest: v.dest } } });
    expect(messageText(status.warning!.message)).toMatch(/enough free space/);
    expect(messageText(status.warning!.message, 'es')).toMatch(/^No hay suficiente espacio libre en .+ para esta copia \(necesita unos \d+ MB\)\./);
    expect(Date.parse(status.warning!.retryAt!)).toBeGreaterThan(Date.now());
    expect(status.lastVerifiedBackup?.name).toBe(older.name);
    v.core.close();
  });

  const canMount = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = folder('doorway-mount-probe-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!canMount)('(a real 1 MB tmpfs as the destination): refused with a clear message, the drive left empty', async () => {
    const v = await vaultWithDestination();
    await generateDemo({ data: v.core.vault.open().data, engine: v.core.context.engine }, { size: 'small', seed: 2, now: v.core.now(), actorId: v.core.session!.user.id, actorRole: 'administrator' });
    const drive = join(folder('doorway-small-drive-'), 'usb');
    mkdirSync(drive);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', drive]);
    try {
      await must(v.router, 'backup.updateSettings', { destination: drive });
      const message = await refused(v.router, 'backup.create', {}, 'BACKUP_DESTINATION');
      expect(message).toMatch(/^There isn't enough free space in .+usb for this backup/);
      expect(readdirSync(drive)).toEqual([]);
      expect((await must(v.router, 'backup.status', {})).warning?.kind).toBe('destinationUnavailable');
    } finally {
      execFileSync('umount', [drive]);
    }
    v.core.close();
  });
});
