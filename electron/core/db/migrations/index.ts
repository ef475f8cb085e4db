import { migration0001 } from './0001_initial';
import { migration0002 } from './0002_relationship_record';
import { migration0003 } from './0003_continuity';
import { migration0004 } from './0004_client_code_lookup';
import { migration0005 } from './0005_drafts';
import { migration0006 } from './0006_staff_language';
import type { Migration } from './types';

/** In version order. Add a file per version; never edit a migration that has shipped. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006];
export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]!.version;
