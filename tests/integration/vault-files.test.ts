import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ADMIN, removeDir, setUpVault, tempDir } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "the files of one computer's vault";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function filesIn(dir: string) {
  return readdirSync(dir).map((n) => ({ name: n, bytes: readFileSync(join(dir, n)) }));
}

describeOn('sqlite', SQLITE_ONLY, 'nothing readable on disk', () => {
  it('the database never starts with the SQLite header, before or after writes, and a marker appears in no file', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const marker = 'MARKER-7f3a9c-Zephyr-Quill';
    const { core, router } = await setUpVault(dir, { clinicName: 'Harbour Street Clinic' });
    // The database exists and was already written by first run.
    expect(readFileSync(join(dir, 'doorway.db')).subarray(0, 16).equals(SQLITE_MAGIC)).toBe(false);

    // Write the marker through the app, while the database is open (WAL holds it).
    const updated = await router('settings.update', { clinicName: marker });
    expect(updated.ok).toBe(true);
    // A clinical marker goes to the clinical store: a note, and a substance-use entry's text.
    const person = await router('people.create', { clientCode: 'VF01' });
    expect(person.ok).toBe(true);
    const personId = (person as { value: { id: number } }).value.id;
    expect((await router('contacts.record', { personId, setting: 'drop_in', note: `${marker}-note` })).ok).toBe(true);
    expect((await router('entries.add', { personId, kind: 'substance_use', occurredOn: '2026-01-05', data: { prefersNotToSay: false, substances: [{ substance: `${marker}-use`, route: null, frequency: null }], note: '' } })).ok).toBe(true);
    for (const f of filesIn(dir)) {
      expect(f.bytes.includes(Buffer.from(marker)), `${f.name} while open`).toBe(false);
      expect(f.bytes.includes(Buffer.from(marker, 'utf16le')), `${f.name} (utf16) while open`).toBe(false);
    }
    expect(filesIn(dir).map((f) => f.name)).toEqual(expect.arrayContaining(['doorway.db-wal', 'clinical.db-wal']));

    core.close();
    const names = filesIn(dir).map((f) => f.name).sort();
    expect(names).toEqual(['audit-anchor.json', 'clinical.db', 'doorway.db', 'keyslots.json', 'keyslots.json.prev'].filter((n) => names.includes(n)));
    expect(names).toContain('clinical.db');
    for (const f of filesIn(dir)) {
      expect(f.bytes.includes(Buffer.from(marker)), `${f.name} after close`).toBe(false);
      expect(f.bytes.includes(Buffer.from(ADMIN.username)), `${f.name} has no username in the clear`).toBe(false);
    }
    for (const file of ['doorway.db', 'clinical.db']) expect(readFileSync(join(dir, file)).subarray(0, 16).equals(SQLITE_MAGIC), file).toBe(false);
  });
});
