import { systemTimeZone } from '../../continuity/time-zone';
import { recomputeAllContactDays } from '../../continuity/contact-days';
import type { Migration } from './types';

/**
 * Continuity needs calendar days in the clinic's time zone and the gap before each contact. Both are
 * derived from the contacts and kept beside them (recomputed whenever a contact or the time zone
 * changes), so the home screen and the clinic overview never re-derive a million gaps per view.
 * Also: outreach attempts, which staff note when reaching out to someone whose door is open.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'continuity',
  up(db) {
    db.exec(`
      ALTER TABLE contacts ADD COLUMN local_day TEXT;
      -- Calendar days since the person's previous contact; NULL for their first (and for removed contacts).
      ALTER TABLE contacts ADD COLUMN prev_gap_days INTEGER;
      CREATE INDEX contacts_day ON contacts(local_day, person_id, prev_gap_days) WHERE deleted_at IS NULL;
      ALTER TABLE people ADD COLUMN last_contact_day TEXT;
      CREATE INDEX people_last_contact_day ON people(last_contact_day) WHERE deleted_at IS NULL;

      CREATE TABLE outreach_attempts (
        id          INTEGER PRIMARY KEY,
        person_id   INTEGER NOT NULL REFERENCES people(id),
        at          TEXT NOT NULL,
        staff_id    INTEGER NOT NULL REFERENCES staff_users(id),
        method      TEXT NOT NULL CHECK (method IN ('text', 'call', 'message', 'email', 'in_person', 'trusted_contact', 'other')),
        reached     INTEGER NOT NULL DEFAULT 0 CHECK (reached IN (0, 1)),
        note        TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outreach_attempts_person ON outreach_attempts(person_id, at);
    `);
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'timeZone'").pluck().get() as string | undefined;
    recomputeAllContactDays(db, stored ? (JSON.parse(stored) as string) : systemTimeZone());
  },
};
