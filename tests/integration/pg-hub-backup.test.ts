import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDoorway, invoke } from '../../electron/core';
import { verifyBundle } from '../../electron/core/backup/verify';
import { postgresEngine } from '../../electron/core/data/postgres';
import { generateDemo } from '../../electron/core/demo/generate';
import { backupHub } from '../../electron/core/hub/backup';
import { initHub, readHubKeyslots } from '../../electron/core/hub/init';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { staffByUsername } from '../../electron/core/users/staff';
import { unlockSlotsWithPassword } from '../../electron/core/vault/vault';
import { unwrap } from '../support/staff';
import { ADMIN, removeDir, tempDir, TEST_KDF } from '../support/vault';
import { cliRun } from '../support/cli';
import { describePg, dropPgDatabases, freshPgDatabase, sql } from '../support/pg';

/** A hub's backup is the same bundle as one computer's: it verifies the same way and opens on a laptop. */
const dirs: string[] = [];
afterEach(async () => {
  dirs.splice(0).forEach(removeDir);
  await dropPgDatabases();
});


describePg('backing up a clinic hub', () => {
  it("makes a bundle that verifies as one computer's and restores onto a laptop, where the same password reads the same notes", async () => {
    const hub = await freshPgDatabase();
    const now = new Date('2026-11-20T15:00:00.000Z');
    await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic', timeZone: 'America/Chicago' }, admin: { ...ADMIN }, now: now.toISOString() }, { kdfCost: TEST_KDF });
    const admin = (await staffByUsername(hub.data, ADMIN.username))!;
    await generateDemo({ data: hub.data, engine: postgresEngine }, { size: 'small', seed: 9, now, actorId: admin.id, actorRole: 'administrator' });
    const note = await hub.data.selectFrom('clinical.contact_notes').select(['contact_id', 'note']).orderBy('contact_id').executeTakeFirstOrThrow();
    const noteOf = await hub.data.selectFrom('contacts').select('person_id').where('id', '=', note.contact_id).executeTakeFirstOrThrow();
    const people = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM people`.execute(hub.data)).rows[0]!.n);

    // The administrator's password opens the hub's key slots: the keys that encrypt its backups.
    const keys = await unlockSlotsWithPassword((await readHubKeyslots(hub.data))!, null, ADMIN.username, ADMIN.password);
    const dest = join(tempDir(), 'usb');
    dirs.push(dest, join(dest, '..'));
    mkdirSync(dest);
    const made = await backupHub(hub.data, {
      dest,
      dataKey: keys.dataKey,
      clinicalKey: keys.clinicalKey!,
      maker: { id: admin.id, username: admin.username, displayName: admin.displayName, via: 'commandLine' },
      now: () => new Date(),
    });
    expect(made.manifest.clinical).toMatchObject({ copy: 'pinned' });
    const checked = await verifyBundle(made.dir, { dataKey: keys.dataKey, clinicalKey: keys.clinicalKey, vaultId: made.manifest.vaultId });
    expect(checked.counts.main.people).toBe(people);
    expect(checked.clinical).toMatchObject({ rows: expect.any(Number) });

    // A laptop with no Doorway on it: the administrator's own password restores it (the bundle's key slots).
    const laptop = join(tempDir(), 'data');
    dirs.push(join(laptop, '..'));
    const restored = await cliRun(['backup', 'restore', made.dir, '--data-dir', laptop, '--user', ADMIN.username], { DOORWAY_PASSWORD: ADMIN.password });
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/^Restored the backup made /) });
    const { core, router } = createDoorway({ dataDir: laptop, kdfCost: TEST_KDF });
    try {
      await core.signIn(ADMIN.username, ADMIN.password);
      const settings = unwrap(await invoke(router, 'settings.get', {}));
      expect(settings.clinicName).toBe('Harbour Street Clinic');
      const page = unwrap(await invoke(router, 'people.get', { id: noteOf.person_id }));
      expect(page.contacts.map((c) => c.note)).toContain(note.note);
    } finally {
      core.close();
      keys.dataKey.fill(0);
      keys.clinicalKey?.fill(0);
    }
  });
});
