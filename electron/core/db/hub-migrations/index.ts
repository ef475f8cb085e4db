import type { PgMigration } from '../migrations/pg/types';
import { hubMigration0001 } from './0001_hub';

/** The hub's own schema (PostgreSQL only), in version order. */
export const hubMigrations: readonly PgMigration[] = [hubMigration0001];
