import { pgMigration0001 } from './0001_initial';
import { pgMigration0002 } from './0002_relationship_record';
import { pgMigration0003 } from './0003_continuity';
import { pgMigration0004 } from './0004_client_code_lookup';
import { pgMigration0005 } from './0005_drafts';
import { pgMigration0006 } from './0006_staff_language';
import type { PgMigration } from './types';

/** In version order, one per SQLite step (../index.ts) with the same number. Never edit one that has shipped. */
export const pgMigrations: readonly PgMigration[] = [pgMigration0001, pgMigration0002, pgMigration0003, pgMigration0004, pgMigration0005, pgMigration0006];
