import type { Migration } from '../migrations/types';
import { clinicalMigration0001 } from './0001_clinical_store';
import { clinicalMigration0002 } from './0002_draft_texts';

/** The clinical store's steps, in version order (its own numbering, kept in `PRAGMA clinical.user_version`). */
export const clinicalMigrations: readonly Migration[] = [clinicalMigration0001, clinicalMigration0002];
export const LATEST_CLINICAL_VERSION = clinicalMigrations[clinicalMigrations.length - 1]!.version;
