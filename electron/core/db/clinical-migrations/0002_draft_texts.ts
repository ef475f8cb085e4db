import type { Migration } from '../migrations/types';

/**
 * The clinical fields of unsaved work (a contact's note, a clinical entry as it is typed), under the
 * id of the draft's row in the main store, with the same undo triggers as every clinical table.
 */
export const clinicalMigration0002: Migration = {
  version: 2,
  name: 'draft_texts',
  up(db) {
    db.exec(`
      CREATE TABLE clinical.draft_texts (
        draft_id INTEGER PRIMARY KEY,
        fields   TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER clinical.draft_texts_undo_insert AFTER INSERT ON draft_texts
        BEGIN INSERT INTO undo (tbl, key, value) VALUES ('draft_texts', NEW.draft_id, NULL); END;
      CREATE TRIGGER clinical.draft_texts_undo_update BEFORE UPDATE ON draft_texts
        BEGIN INSERT INTO undo (tbl, key, value) VALUES ('draft_texts', OLD.draft_id, OLD.fields); END;
      CREATE TRIGGER clinical.draft_texts_undo_delete BEFORE DELETE ON draft_texts
        BEGIN INSERT INTO undo (tbl, key, value) VALUES ('draft_texts', OLD.draft_id, OLD.fields); END;
    `);
  },
};
