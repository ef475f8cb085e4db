import type { Migration } from './types';

/**
 * Client codes are compared as lower(client_code) = lower(typed), the portable form both engines
 * understand (SQLite's COLLATE NOCASE has no PostgreSQL twin). This index keeps that lookup an index
 * seek, as the NOCASE unique index was: checking a new code must not read every person.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'client_code_lookup',
  up(db) {
    db.exec('CREATE INDEX people_client_code_lower ON people(lower(client_code)) WHERE deleted_at IS NULL;');
  },
};
