import type { Migration } from './types';

/** Staff users and roles, clinic settings, and the hash-chained audit trail. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff_users (
        id                   INTEGER PRIMARY KEY,
        username             TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name         TEXT NOT NULL,
        role                 TEXT NOT NULL CHECK (role IN ('administrator', 'clinician', 'front_desk')),
        slot_id              TEXT NOT NULL UNIQUE,
        must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
        disabled_at          TEXT,
        created_at           TEXT NOT NULL,
        created_by           INTEGER REFERENCES staff_users(id)
      ) STRICT;

      CREATE TABLE audit_events (
        id             INTEGER PRIMARY KEY,
        at             TEXT NOT NULL,
        actor_id       INTEGER REFERENCES staff_users(id),
        actor_username TEXT,
        action         TEXT NOT NULL,
        subject_type   TEXT,
        subject_id     TEXT,
        details        TEXT NOT NULL DEFAULT '{}',
        emergency      INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
        prev_hash      TEXT NOT NULL,
        hash           TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audit_events_at ON audit_events(at);
      CREATE INDEX audit_events_actor ON audit_events(actor_id, at);

      -- Append-only: the app never updates or deletes audit rows; these make an attempt fail loudly.
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
      CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
    `);
  },
};
