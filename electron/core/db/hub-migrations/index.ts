import type { PgMigration } from '../migrations/pg/types';
import { hubMigration0001 } from './0001_hub';
import { hubMigration0002 } from './0002_people_search';
import { hubMigration0003 } from './0003_pairing';
import { hubMigration0004 } from './0004_own_password_slot';
import { hubMigration0005 } from './0005_logins_resealed_by_admin';
import { hubMigration0006 } from './0006_own_password_change';
import { hubMigration0007 } from './0007_administrators_login_per_slot';
import { hubMigration0008 } from './0008_own_language';

/** The hub's own schema (PostgreSQL only), in version order. */
export const hubMigrations: readonly PgMigration[] = [hubMigration0001, hubMigration0002, hubMigration0003, hubMigration0004, hubMigration0005, hubMigration0006, hubMigration0007, hubMigration0008];
