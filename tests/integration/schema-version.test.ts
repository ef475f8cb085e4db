import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDoorway } from '../../electron/core';
import { openEncrypted } from '../../electron/core/db/database';
import { LATEST_SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { ADMIN, hashDir, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "a records file from a newer Doorway; a hub's schema version: pg migration tests";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

describeOn('sqlite', SQLITE_ONLY, 'a database from a newer Doorway', () => {
  it('is refused with a clear message and left untouched', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const { core } = await setUpVault(dir);
    const key = Buffer.from(core.dataKey);
    core.close();
    // Pretend a newer app wrote it.
    const raw = openEncrypted(join(dir, 'doorway.db'), key, {});
    raw.pragma(`user_version=${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    const before = hashDir(dir);
    const { router } = createDoorway({ dataDir: dir, kdfCost: TEST_KDF });
    const r = await router('session.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(r).toMatchObject({ ok: false, error: { code: 'SCHEMA_TOO_NEW' } });
    if (!r.ok) expect(r.error.message).toMatch(/newer version of Doorway.*Nothing was changed/);
    expect(hashDir(dir)).toEqual(before);
  });
});
