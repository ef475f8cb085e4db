import type { PgMigration } from '../../migrations/pg/types';
import { pgClinicalMigration0001 } from './0001_clinical_store';
import { pgClinicalMigration0002 } from './0002_draft_texts';

/** In version order, one per SQLite clinical step (../index.ts) with the same number. */
export const pgClinicalMigrations: readonly PgMigration[] = [pgClinicalMigration0001, pgClinicalMigration0002];
