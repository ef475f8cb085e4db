import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openClinical, openEncrypted, type Db } from '../../electron/core/db/database';
import type { KeyslotFile } from '../../electron/core/vault/keyslots';

const ROOT = resolve(__dirname, '../..');
const CHILD = join(ROOT, 'tests/support/clinical-child.ts');

/** Runs tests/support/clinical-child.ts, optionally killed (SIGKILL) at `crashAt`. */
export function runClinicalChild(
  dir: string,
  who: { username: string; password: string },
  args: string[],
  crashAt?: string,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; out: string; err: string }> {
  return new Promise((done, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOORWAY_PASSWORD: who.password };
    if (crashAt) env.DOORWAY_TEST_CRASH_AT = crashAt;
    else delete env.DOORWAY_TEST_CRASH_AT;
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, who.username, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => done({ signal, code, out, err }));
  });
}

/** Every text value of every row of every table the connection sees (main and attached schemas). */
export function allText(db: Db): string {
  const schemas = (db.prepare('PRAGMA database_list').all() as { name: string }[]).map((d) => d.name).filter((n) => n !== 'temp');
  let text = '';
  for (const schema of schemas) {
    const tables = db
      .prepare(`SELECT name FROM "${schema}".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'`)
      .pluck()
      .all() as string[];
    for (const t of tables) for (const row of db.prepare(`SELECT * FROM "${schema}"."${t}"`).raw().iterate()) text += `${JSON.stringify(row)}\n`;
  }
  return text;
}

export const readKeyFile = (dir: string): KeyslotFile => JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as KeyslotFile;

/** Opens the main store read-only with its key, to look inside without the app. */
export const openMain = (dir: string, key: Buffer): Db => openEncrypted(join(dir, 'doorway.db'), key);
export const openClinicalFile = (dir: string, key: Buffer): Db => openClinical(join(dir, 'clinical.db'), key);

/**
 * Turns a vault made by this version back into one made before the clinical store: the clinical rows
 * go back into the main store where they used to live, clinical.db goes, and no slot holds a clinical
 * key. This is the layout every vault had before, so the split can be tested on it.
 */
export function makePreClinicalVault(dir: string, keys: { dataKey: Buffer; clinicalKey: Buffer }): void {
  const main = openMain(dir, keys.dataKey);
  const clinical = openClinicalFile(dir, keys.clinicalKey);
  try {
    main.transaction(() => {
      for (const r of clinical.prepare('SELECT contact_id, note FROM clinical.contact_notes').all() as { contact_id: number; note: string }[]) {
        main.prepare('UPDATE contacts SET note = ? WHERE id = ?').run(r.note, r.contact_id);
      }
      for (const r of clinical.prepare('SELECT entry_id, data FROM clinical.entry_texts').all() as { entry_id: number; data: string }[]) {
        main.prepare('UPDATE person_entries SET data = ? WHERE id = ?').run(r.data, r.entry_id);
      }
      for (const r of clinical.prepare('SELECT history_id, previous FROM clinical.history_details').all() as { history_id: number; previous: string }[]) {
        const prev = main.prepare('SELECT previous FROM record_history WHERE id = ?').pluck().get(r.history_id) as string;
        main.prepare('UPDATE record_history SET previous = ? WHERE id = ?').run(JSON.stringify({ ...JSON.parse(prev), ...JSON.parse(r.previous) }), r.history_id);
      }
      main.prepare("DELETE FROM settings WHERE key IN ('vault.clinicalStore', 'clinical.commitSeq')").run();
    })();
    main.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    clinical.close();
    main.close();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `clinical.db${suffix}`), { force: true });
  const file = readKeyFile(dir);
  for (const s of file.slots) delete s.clinicalSealed;
  writeFileSync(join(dir, 'keyslots.json'), JSON.stringify(file, null, 2));
  rmSync(join(dir, 'keyslots.json.prev'), { force: true });
  if (existsSync(join(dir, 'clinical.db'))) throw new Error('clinical.db is still there');
}
