import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import type { Db } from './database';
import { LATEST_SCHEMA_VERSION, migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/types';

/** `main` for the main store's connection; `clinical` for the clinical store's (db/database.ts, openClinical). */
export type Schema = 'main' | 'clinical';

export function schemaVersion(db: Db, schema: Schema = 'main'): number {
  return db.pragma(`${schema}.user_version`, { simple: true }) as number;
}

/** Refuses, before anything is written, a database made by a newer Doorway. */
export function assertNotNewer(db: Db, latest = LATEST_SCHEMA_VERSION, schema: Schema = 'main'): void {
  const current = schemaVersion(db, schema);
  if (current > latest) {
    throw new DoorwayError('SCHEMA_TOO_NEW', msg('db.schemaTooNew', { current, latest }));
  }
}

/** Runs every pending migration in one transaction: either all apply or none do. */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations, schema: Schema = 'main'): number {
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  assertNotNewer(db, latest, schema);
  const current = schemaVersion(db, schema);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`${schema}.user_version=${m.version}`);
    }
  })();
  return latest;
}
