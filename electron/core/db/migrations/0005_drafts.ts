import type { Migration } from './types';

/**
 * Unsaved work (shared/contract/drafts.ts): one row per staff member and form, replaced as they type.
 * The clinical fields of a draft are kept in the clinical store (clinical migration 0002).
 */
export const migration0005: Migration = {
  version: 5,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        id          INTEGER PRIMARY KEY,
        staff_id    INTEGER NOT NULL REFERENCES staff_users(id),
        form_key    TEXT NOT NULL,
        form        TEXT NOT NULL CHECK (form IN ('contact', 'entry', 'person', 'outreach')),
        entry_kind  TEXT,
        person_id   INTEGER REFERENCES people(id),
        fields      TEXT NOT NULL DEFAULT '{}',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX drafts_staff_form ON drafts(staff_id, form_key);
      CREATE INDEX drafts_updated ON drafts(updated_at);
    `);
  },
};
