import { DEFAULT_ABSENCE_THRESHOLD_DAYS } from '../../../../shared/continuity/episodes';
import { rebuildMonthStats, recomputeAllContactDays } from '../../continuity/contact-days';
import { systemTimeZone } from '../../continuity/time-zone';
import type { Migration } from './types';

/** The threshold as triggers read it: the setting is always stored from this version on. */
const THRESHOLD = "(SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'absenceThresholdDays')";
const ADD_NEW = `
    INSERT INTO month_stats (month, contacts, returns, people)
      SELECT substr(NEW.local_day, 1, 7), 1, coalesce(NEW.prev_gap_days > ${THRESHOLD}, 0), 0
      WHERE NEW.deleted_at IS NULL AND NEW.local_day IS NOT NULL
      ON CONFLICT (month) DO UPDATE SET contacts = contacts + 1, returns = returns + excluded.returns;
    INSERT INTO person_month (person_id, month, contacts)
      SELECT NEW.person_id, substr(NEW.local_day, 1, 7), 1
      WHERE NEW.deleted_at IS NULL AND NEW.local_day IS NOT NULL
      ON CONFLICT (person_id, month) DO UPDATE SET contacts = contacts + 1;`;
const REMOVE_OLD = `
    UPDATE month_stats SET contacts = contacts - 1, returns = returns - coalesce(OLD.prev_gap_days > ${THRESHOLD}, 0)
      WHERE OLD.deleted_at IS NULL AND OLD.local_day IS NOT NULL AND month = substr(OLD.local_day, 1, 7);
    UPDATE person_month SET contacts = contacts - 1
      WHERE OLD.deleted_at IS NULL AND OLD.local_day IS NOT NULL AND person_id = OLD.person_id AND month = substr(OLD.local_day, 1, 7);`;

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
      CREATE INDEX people_first_contact ON people(first_contact_at) WHERE deleted_at IS NULL;

      -- Monthly figures for the home screen's trends, kept current by triggers in the same transaction
      -- as every contact change, so the home screen reads twelve rows instead of a year of contacts.
      CREATE TABLE month_stats (
        month    TEXT PRIMARY KEY,
        contacts INTEGER NOT NULL,
        returns  INTEGER NOT NULL,
        people   INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE person_month (
        person_id INTEGER NOT NULL,
        month     TEXT NOT NULL,
        contacts  INTEGER NOT NULL,
        PRIMARY KEY (person_id, month)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER person_month_added AFTER INSERT ON person_month
        BEGIN UPDATE month_stats SET people = people + (NEW.contacts > 0) WHERE month = NEW.month; END;
      CREATE TRIGGER person_month_changed AFTER UPDATE OF contacts ON person_month
        BEGIN UPDATE month_stats SET people = people + (NEW.contacts > 0) - (OLD.contacts > 0) WHERE month = NEW.month; END;
      CREATE TRIGGER contacts_stats_insert AFTER INSERT ON contacts BEGIN ${ADD_NEW} END;
      CREATE TRIGGER contacts_stats_update AFTER UPDATE OF local_day, prev_gap_days, deleted_at ON contacts
        BEGIN ${REMOVE_OLD} ${ADD_NEW} END;
      CREATE TRIGGER contacts_stats_delete AFTER DELETE ON contacts BEGIN ${REMOVE_OLD} END;
    `);
    db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('absenceThresholdDays', ?)").run(String(DEFAULT_ABSENCE_THRESHOLD_DAYS));
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'timeZone'").pluck().get() as string | undefined;
    recomputeAllContactDays(db, stored ? (JSON.parse(stored) as string) : systemTimeZone());
    rebuildMonthStats(db);
  },
};
