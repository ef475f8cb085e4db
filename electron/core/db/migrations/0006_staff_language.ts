import type { Migration } from './types';

/**
 * Each staff member's own language for the screens (shared/languages.ts). Empty means "the clinic's":
 * the clinic's default is a setting (settings `language`), so changing it reaches everyone who has not
 * chosen. Existing accounts keep working as before, in the clinic's language.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'staff_language',
  up(db) {
    db.exec(`ALTER TABLE staff_users ADD COLUMN language TEXT CHECK (language IS NULL OR language IN ('en', 'es'));`);
  },
};
