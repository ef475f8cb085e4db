import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, removeDir, setUpVault, tempDir } from '../support/vault';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function filesIn(dir: string) {
  return readdirSync(dir).map((n) => ({ name: n, bytes: readFileSync(join(dir, n)) }));
}

describe('nothing readable on disk', () => {
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
    for (const f of filesIn(dir)) {
      expect(f.bytes.includes(Buffer.from(marker)), `${f.name} while open`).toBe(false);
      expect(f.bytes.includes(Buffer.from(marker, 'utf16le')), `${f.name} (utf16) while open`).toBe(false);
    }
    expect(filesIn(dir).map((f) => f.name)).toContain('doorway.db-wal');

    core.close();
    const names = filesIn(dir).map((f) => f.name).sort();
    expect(names).toEqual(['audit-anchor.json', 'doorway.db', 'keyslots.json', 'keyslots.json.prev'].filter((n) => names.includes(n)));
    for (const f of filesIn(dir)) {
      expect(f.bytes.includes(Buffer.from(marker)), `${f.name} after close`).toBe(false);
      expect(f.bytes.includes(Buffer.from(ADMIN.username)), `${f.name} has no username in the clear`).toBe(false);
    }
    expect(readFileSync(join(dir, 'doorway.db')).subarray(0, 16).equals(SQLITE_MAGIC)).toBe(false);
  });
});
