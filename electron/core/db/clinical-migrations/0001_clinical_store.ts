import type { Migration } from '../migrations/types';

/**
 * The clinical store (DESIGN.md, Vault: two stores, two keys), in its own file under its own key.
 * Each table holds the clinical part of a row of the main store, under that row's id: a contact's
 * note, a clinical entry's text (substance use, treatment interest, overdose response), and the
 * clinical fields of an edit's previous values. The main store keeps everything else about the row.
 *
 * `undo` and its triggers keep, during a transaction, what each changed row was before it. In WAL mode
 * the two files commit one after the other, clinical first; if the main file's commit never happens
 * (a crash between the two), opening the store puts these rows back (data/sqlite-pair.ts).
 */
const TABLES = [
  ['contact_notes', 'contact_id', 'note'],
  ['entry_texts', 'entry_id', 'data'],
  ['history_details', 'history_id', 'previous'],
] as const;

export const clinicalMigration0001: Migration = {
  version: 1,
  name: 'clinical_store',
  up(db) {
    db.exec(`
      CREATE TABLE clinical.contact_notes (
        contact_id INTEGER PRIMARY KEY,
        note       TEXT NOT NULL
      ) STRICT;
      CREATE TABLE clinical.entry_texts (
        entry_id INTEGER PRIMARY KEY,
        data     TEXT NOT NULL
      ) STRICT;
      CREATE TABLE clinical.history_details (
        history_id INTEGER PRIMARY KEY,
        previous   TEXT NOT NULL
      ) STRICT;
      -- The number of the last transaction committed here; the main store keeps the same number once
      -- its own commit of that transaction has landed.
      CREATE TABLE clinical.commits (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL
      ) STRICT;
      INSERT INTO clinical.commits (id, seq) VALUES (1, 0);
      CREATE TABLE clinical.undo (
        id    INTEGER PRIMARY KEY,
        tbl   TEXT NOT NULL,
        key   INTEGER NOT NULL,
        value TEXT
      ) STRICT;
    `);
    for (const [table, key, value] of TABLES) {
      db.exec(`
        CREATE TRIGGER clinical.${table}_undo_insert AFTER INSERT ON ${table}
          BEGIN INSERT INTO undo (tbl, key, value) VALUES ('${table}', NEW.${key}, NULL); END;
        CREATE TRIGGER clinical.${table}_undo_update BEFORE UPDATE ON ${table}
          BEGIN INSERT INTO undo (tbl, key, value) VALUES ('${table}', OLD.${key}, OLD.${value}); END;
        CREATE TRIGGER clinical.${table}_undo_delete BEFORE DELETE ON ${table}
          BEGIN INSERT INTO undo (tbl, key, value) VALUES ('${table}', OLD.${key}, OLD.${value}); END;
      `);
    }
  },
};
