import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, type Router } from '../../electron/core';
import { BackupService } from '../../electron/core/backup/service';
import { openCounts, openPrivate, sealPrivate, signManifest } from '../../electron/core/backup/seal';
import { manifestSchema } from '../../electron/core/backup/format';
import { readVerifiedMark } from '../../electron/core/backup/read';
import { openEncrypted } from '../../electron/core/db/database';
import { makePreClinicalVault } from '../support/clinical';
import { addStaff, signIn } from '../support/staff';
import { ADMIN, TEST_KDF } from '../support/vault';
import { cleanUp, Clock, filesHolding, filesUnder, folder, must, refused, vaultWithDestination } from './backup-helpers';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "the clinical store's file in backups of one computer; a hub's backups: pg-hub-backup.test.ts";

afterEach(cleanUp);

/** Markers written through the app: in the main store, and in the clinical store (a note, a substance-use entry). */
const MAIN_MARK = 'Wombat-Main-Mark-4c1e';
const NOTE_MARK = 'Numbat-Note-Mark-91d2';
const USE_MARK = 'Bilby-Use-Mark-5e07';
const LATER_MARK = 'Quoll-Later-Mark-a3f8';
const MARKERS = [MAIN_MARK, NOTE_MARK, USE_MARK, LATER_MARK];

const use = (substance: string) => ({ prefersNotToSay: false, substances: [{ substance, route: null, frequency: null }], note: '' });

/** A person with a main-store marker, a contact note and a substance-use entry holding clinical markers. */
async function writeMarkers(router: Router) {
  const person = await must(router, 'people.create', { clientCode: 'CL0001', name: `${MAIN_MARK} Rivera` });
  await must(router, 'contacts.record', { personId: person.id, setting: 'drop_in', note: `Talked about ${NOTE_MARK}.` });
  await must(router, 'entries.add', { personId: person.id, kind: 'substance_use', occurredOn: '2026-02-01', data: use(USE_MARK) });
  return person.id;
}

/** What a signed-in clinical role reads back of that person: their notes (newest first) and substances. */
async function readBack(router: Router, personId: number) {
  const page = await must(router, 'people.get', { id: personId });
  const notes = (await must(router, 'contacts.list', { personId })).map((c) => c.note);
  const substances = page.entries.filter((e) => e.kind === 'substance_use').map((e) => JSON.stringify(e.data));
  return { name: page.person.name, notes, pageNotes: page.contacts.map((c) => c.note), substances };
}

async function signInAs(dataDir: string, username: string, password: string) {
  const doorway = createDoorway({ dataDir, kdfCost: TEST_KDF });
  await signIn(doorway.router, username, password);
  return doorway;
}

const readManifest = (bundle: string) => manifestSchema.parse(JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8')));
const PLAINTEXT = 'SQLite format 3\0';

/** Opens a bundle's file read-only with a key and reads one value; leaves the bundle as it was. */
function peek(path: string, key: Buffer, sql: string): unknown {
  const sidecars = [`${path}-wal`, `${path}-shm`].filter((p) => !existsSync(p));
  try {
    const db = openEncrypted(path, key, { readonly: true });
    try {
      return db.prepare(sql).pluck().get();
    } finally {
      db.close();
    }
  } finally {
    for (const p of sidecars) rmSync(p, { force: true });
  }
}

describeOn('sqlite', SQLITE_ONLY, 'a backup of a vault with a clinical store', () => {
  it('holds both files, each encrypted under its own key and fingerprinted; clinical markers survive backup, restore and sign-in; undo brings both files back', async () => {
    const v = await vaultWithDestination();
    const personId = await writeMarkers(v.router);
    const dataKey = Buffer.from(v.core.vault.dataKey);
    const clinicalKey = Buffer.from(v.core.vault.clinicalKey!);
    const tempRoot = folder('doorway-drill-root-');
    let duringDrill: { files: string[]; holding: string[] } | null = null;
    const service = new BackupService({ vault: v.core.vault, clock: v.core.clock, events: v.core.events, log: () => {} }, {
      tempRoot,
      hooks: {
        step: (s) => {
          if (s === 'drill-checked') duringDrill = { files: filesUnder(tempRoot), holding: MARKERS.flatMap((m) => filesHolding(m, tempRoot)) };
        },
      },
    });
    const bundle = await service.create('app');
    expect(bundle.clinical).toBe('checked');
    const dir = join(v.dest, bundle.name);

    // Both parts, each with its size and fingerprint, the clinical one pinned with its key and counted.
    const manifest = readManifest(dir);
    expect(manifest.parts.map((p) => p.name)).toEqual(['doorway.db', 'keyslots.json', 'clinical.db']);
    for (const part of manifest.parts) {
      const bytes = readFileSync(join(dir, part.name));
      expect(bytes.length, part.name).toBe(part.bytes);
      expect(createHash('sha256').update(bytes).digest('hex'), part.name).toBe(part.sha256);
    }
    expect(manifest.clinical).toMatchObject({ copy: 'pinned', schemaVersion: expect.any(Number) });
    // Counted once, in the copies, by the check right after writing; sealed in the verified mark.
    expect(openPrivate(dataKey, manifest.bundleId, manifest.private)!.rowCounts).toBeUndefined();
    const mark = readVerifiedMark(dir)!;
    expect(openCounts(dataKey, manifest.bundleId, mark.counts!)!.clinical).toMatchObject({ contact_notes: 1, entry_texts: 1 });
    expect(mark.clinical).toBe('checked');

    // Never plaintext: no marker in any bundle file (UTF-8 or UTF-16LE), and no plaintext header.
    for (const m of MARKERS) expect(filesHolding(m, dir), m).toEqual([]);
    for (const f of ['doorway.db', 'clinical.db']) expect(readFileSync(join(dir, f)).subarray(0, 16).toString('latin1'), f).not.toBe(PLAINTEXT);
    // Each file is its store, under its own key: the note is in the clinical file, which the main key does not open.
    expect(peek(join(dir, 'clinical.db'), clinicalKey, `SELECT count(*) FROM contact_notes WHERE note LIKE '%${NOTE_MARK}%'`)).toBe(1);
    expect(() => peek(join(dir, 'clinical.db'), dataKey, 'SELECT count(*) FROM contact_notes')).toThrow();
    expect(peek(join(dir, 'doorway.db'), dataKey, `SELECT count(*) FROM people WHERE name LIKE '${MAIN_MARK}%'`)).toBe(1);

    // The app's check reports both parts, the clinical one read page by page with its key.
    const checked = await must(v.router, 'backup.verify', { bundle: bundle.name });
    expect(checked.parts).toEqual({ main: { tables: expect.any(Number), rows: expect.any(Number) }, clinical: { tables: expect.any(Number), rows: expect.any(Number) } });
    expect(checked.rows).toBe(checked.parts!.main.rows + (checked.parts!.clinical as { rows: number }).rows);

    // The drill restores and checks both files; nothing readable lands in the practice folder.
    const drill = await service.drill();
    expect(drill.bundle).toBe(bundle.name);
    expect(duringDrill!.files.map((f) => f.slice(f.lastIndexOf('/') + 1))).toEqual(expect.arrayContaining(['doorway.db', 'clinical.db']));
    expect(duringDrill!.holding).toEqual([]);
    expect(readdirSync(tempRoot)).toEqual([]);

    // Later work: another note, then the restore brings back the moment of the backup, both files.
    await must(v.router, 'contacts.record', { personId, setting: 'drop_in', note: LATER_MARK });
    expect((await readBack(v.router, personId)).notes).toHaveLength(2);
    const restored = await must(v.router, 'backup.restore', { bundle: bundle.name, confirm: true });
    expect(v.core.session).toBeNull();
    expect(existsSync(join(v.dataDir, restored.setAsideAs!, 'clinical.db'))).toBe(true);
    expect(existsSync(join(v.dataDir, 'clinical.db'))).toBe(true);
    for (const m of MARKERS) expect(filesHolding(m, v.dest, v.dataDir), m).toEqual([]);

    const after = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    const back = await readBack(after.router, personId);
    expect(back.name).toBe(`${MAIN_MARK} Rivera`);
    expect(back.notes).toEqual([`Talked about ${NOTE_MARK}.`]);
    expect(back.pageNotes).toEqual([`Talked about ${NOTE_MARK}.`]);
    expect(back.substances.join()).toContain(USE_MARK);

    // Undo: the later vault comes back with its clinical file (the later note is there again).
    await must(after.router, 'backup.undoRestore', { confirm: true });
    expect(after.core.session).toBeNull();
    const undone = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    const again = await readBack(undone.router, personId);
    expect(again.notes).toEqual([LATER_MARK, `Talked about ${NOTE_MARK}.`]);
    expect(again.substances.join()).toContain(USE_MARK);
    undone.core.close();
    dataKey.fill(0);
    clinicalKey.fill(0);
  });

  it('finds a damaged clinical page, and a clinical file from another moment, even with the seals forged with the right key', async () => {
    const clock = new Clock();
    const v = await vaultWithDestination({ clock });
    const personId = await writeMarkers(v.router);
    const first = await must(v.router, 'backup.create', {});
    // A day later, so the retention policy keeps both (one a day).
    clock.days(1);
    await must(v.router, 'contacts.record', { personId, setting: 'drop_in', note: LATER_MARK });
    const second = await must(v.router, 'backup.create', {});
    const dir = join(v.dest, first.name);
    const key = Buffer.from(v.core.dataKey);
    const original = readManifest(dir);
    const clinical = join(dir, 'clinical.db');
    const pristine = readFileSync(clinical);

    /** Re-seals the manifest for the clinical file's current bytes (and counts), as someone holding the key could. */
    const forge = () => {
      const bytes = readFileSync(clinical);
      const parts = original.parts.map((p) => (p.name === 'clinical.db' ? { ...p, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } : p));
      const privatePart = openPrivate(key, original.bundleId, original.private)!;
      const laterCounts = openPrivate(key, readManifest(join(v.dest, second.name)).bundleId, readManifest(join(v.dest, second.name)).private)!.clinicalRowCounts;
      const { hmac: _old, ...rest } = original;
      const sealed = sealPrivate(key, original.bundleId, { ...privatePart, clinicalRowCounts: bytes.equals(pristine) ? privatePart.clinicalRowCounts : laterCounts });
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(signManifest(key, { ...rest, parts, private: sealed })));
    };

    const damaged = Buffer.from(pristine);
    const at = Math.floor(damaged.length / 2) + 300;
    damaged[at] = damaged[at]! ^ 0xff;
    writeFileSync(clinical, damaged);
    forge();
    expect(await refused(v.router, 'backup.verify', { bundle: first.name }, 'BACKUP_INVALID')).toMatch(/its clinical records file failed the page-by-page check/);

    // The later backup's clinical file beside this backup's main file: a pair from two moments.
    writeFileSync(clinical, readFileSync(join(v.dest, second.name, 'clinical.db')));
    forge();
    expect(await refused(v.router, 'backup.verify', { bundle: first.name }, 'BACKUP_INVALID')).toMatch(/its two records files are not from the same moment/);
    expect(await refused(v.router, 'backup.restore', { bundle: first.name, confirm: true }, 'BACKUP_INVALID')).toMatch(/not from the same moment/);
    expect(v.core.session).not.toBeNull();

    writeFileSync(clinical, pristine);
    forge();
    await must(v.router, 'backup.verify', { bundle: first.name });
    key.fill(0);
    v.core.close();
  });
});

describeOn('sqlite', SQLITE_ONLY, 'a backup made in a front-desk session (the daily schedule runs in any session)', () => {
  it('copies the clinical file as it is (never readable, same bytes), leaves its page check for the clinical key, and an administrator completes it', async () => {
    const v = await vaultWithDestination();
    const personId = await writeMarkers(v.router);
    const jo = await addStaff(v.router, 'front_desk', 'jo', 'Jo Park');
    v.core.close();
    // With no clinical connection open anywhere, clinical.db has no log: its bytes are its contents.
    expect(existsSync(join(v.dataDir, 'clinical.db-wal'))).toBe(false);
    const onDisk = createHash('sha256').update(readFileSync(join(v.dataDir, 'clinical.db'))).digest('hex');

    const desk = await signInAs(v.dataDir, jo.username, jo.password);
    expect(desk.core.vault.clinicalKey).toBeNull();
    // Backups are for administrators on screen; the schedule is what runs in a front-desk session.
    await refused(desk.router, 'backup.create', {}, 'FORBIDDEN');
    const made = await desk.core.backups.create('schedule');
    expect(made).toMatchObject({ state: 'verified', clinical: 'notChecked', madeBy: { username: 'jo', via: 'schedule' } });
    const dir = join(v.dest, made.name);
    const manifest = readManifest(dir);
    expect(manifest.clinical).toEqual({ copy: 'asIs', mainSeq: expect.any(Number) });
    expect(manifest.parts.find((p) => p.name === 'clinical.db')!.sha256).toBe(onDisk);
    expect(readVerifiedMark(dir)?.clinical).toBe('notChecked');
    for (const m of MARKERS) expect(filesHolding(m, dir), m).toEqual([]);

    // A clinical connection with changes in its log (a clinician signed in elsewhere): refused calmly, nothing written.
    const clinician = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    await must(clinician.router, 'contacts.record', { personId, setting: 'drop_in', note: LATER_MARK });
    expect(existsSync(join(v.dataDir, 'clinical.db-wal'))).toBe(true);
    await expect(desk.core.backups.create('schedule')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/^The clinical records couldn't be copied just now/) });
    expect(readdirSync(v.dest)).toEqual([made.name]);
    expect((await desk.core.backups.status()).warning).toMatchObject({ kind: 'backupFailed' });
    clinician.core.close();
    desk.core.close();

    // An administrator's check reads the clinical pages with the key and marks them checked.
    const admin = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    const checked = await must(admin.router, 'backup.verify', { bundle: made.name });
    expect(checked.parts?.clinical).toMatchObject({ tables: expect.any(Number), rows: expect.any(Number) });
    expect(checked.bundle.clinical).toBe('checked');
    expect(readVerifiedMark(dir)?.clinical).toBe('checked');
    // And it restores like any other: the note of that time is there after signing in.
    await must(admin.router, 'backup.restore', { bundle: made.name, confirm: true });
    const after = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    expect((await readBack(after.router, personId)).notes).toEqual([`Talked about ${NOTE_MARK}.`]);
    after.core.close();
  });
});

describeOn('sqlite', SQLITE_ONLY, 'a bundle from before the clinical store', () => {
  it('restores to a folder without clinical.db (the outgoing one set aside); the next clinical sign-in splits it again and reads the notes of that time', async () => {
    const v = await vaultWithDestination();
    const personId = await writeMarkers(v.router);
    const jo = await addStaff(v.router, 'front_desk', 'jo', 'Jo Park');
    const keys = { dataKey: Buffer.from(v.core.vault.dataKey), clinicalKey: Buffer.from(v.core.vault.clinicalKey!) };
    v.core.close();
    makePreClinicalVault(v.dataDir, keys);

    // A front-desk session leaves an older vault as it is: its backup holds the main file only.
    const desk = await signInAs(v.dataDir, jo.username, jo.password);
    const old = await desk.core.backups.create('schedule');
    desk.core.close();
    expect(old.clinical).toBeNull();
    expect(readdirSync(join(v.dest, old.name)).sort()).toEqual(['doorway.db', 'keyslots.json', 'manifest.json', 'verified.json']);
    expect(readManifest(join(v.dest, old.name)).clinical).toBeUndefined();

    // An administrator signs in (the split), writes a later note, then restores the older bundle.
    const admin = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    expect(existsSync(join(v.dataDir, 'clinical.db'))).toBe(true);
    await must(admin.router, 'contacts.record', { personId, setting: 'drop_in', note: LATER_MARK });
    const checked = await must(admin.router, 'backup.verify', { bundle: old.name });
    expect(checked.parts?.clinical).toBeNull();
    const restored = await must(admin.router, 'backup.restore', { bundle: old.name, confirm: true });
    expect(existsSync(join(v.dataDir, 'clinical.db'))).toBe(false);
    expect(readdirSync(v.dataDir).filter((n) => n.startsWith('clinical.db'))).toEqual([]);
    expect(existsSync(join(v.dataDir, restored.setAsideAs!, 'clinical.db'))).toBe(true);

    const again = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    expect(existsSync(join(v.dataDir, 'clinical.db'))).toBe(true);
    const back = await readBack(again.router, personId);
    expect(back.notes).toEqual([`Talked about ${NOTE_MARK}.`]);
    expect(back.substances.join()).toContain(USE_MARK);
    // Undo puts back the split vault with the later note.
    await must(again.router, 'backup.undoRestore', { confirm: true });
    const undone = await signInAs(v.dataDir, ADMIN.username, ADMIN.password);
    expect((await readBack(undone.router, personId)).notes).toEqual([LATER_MARK, `Talked about ${NOTE_MARK}.`]);
    undone.core.close();
    keys.dataKey.fill(0);
    keys.clinicalKey.fill(0);
  });
});

describeOn('sqlite', SQLITE_ONLY, 'restoring onto a new computer with the command line', () => {
  it.each(['recovery code', "administrator's password"])('with the %s: both files arrive, and the notes are read back after signing in', async (how) => {
    const v = await vaultWithDestination();
    const personId = await writeMarkers(v.router);
    const made = await must(v.router, 'backup.create', {});
    v.core.close();
    const { runCli } = await import('../../electron/cli/run');
    const fresh = join(folder('doorway-new-computer-'), 'data');
    let out = '';
    const args = ['backup', 'restore', join(v.dest, made.name), '--data-dir', fresh, ...(how === 'recovery code' ? [] : ['--user', ADMIN.username])];
    const code = await runCli(args, {
      env: how === 'recovery code' ? { DOORWAY_RECOVERY_CODE: v.recoveryCode } : { DOORWAY_PASSWORD: ADMIN.password },
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: () => true },
    }, { kdfCost: TEST_KDF });
    expect(code, out).toBe(0);
    expect(out).toMatch(/Both records files are in place/);
    expect(readdirSync(fresh).sort()).toEqual(['clinical.db', 'doorway.db', 'keyslots.json']);
    const after = await signInAs(fresh, ADMIN.username, ADMIN.password);
    const back = await readBack(after.router, personId);
    expect(back.notes).toEqual([`Talked about ${NOTE_MARK}.`]);
    expect(back.substances.join()).toContain(USE_MARK);
    after.core.close();
  });
});
