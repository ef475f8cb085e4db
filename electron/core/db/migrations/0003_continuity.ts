import type { Db } from '../database';
import type { Migration } from './types';

// What this migration computes is frozen here, as it was when the migration was written: a migration
// must give the same result whatever later versions of continuity/ or shared/ do.
const ABSENCE_THRESHOLD_DAYS = 60;

function systemTimeZone(): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    if (tz) new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** YYYY-MM-DD of an instant in a time zone. */
const dayIn = (timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (iso: string): string => f.format(new Date(iso));
};

const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

function fillContactDays(db: Db, timeZone: string): void {
  const rows = db.prepare('SELECT id, person_id, occurred_at, deleted_at FROM contacts ORDER BY person_id, occurred_at, id').all() as {
    id: number;
    person_id: number;
    occurred_at: string;
    deleted_at: string | null;
  }[];
  const update = db.prepare('UPDATE contacts SET local_day = ?, prev_gap_days = ? WHERE id = ?');
  const calendarDay = dayIn(timeZone);
  let person = -1;
  let prevDay: string | null = null;
  for (const r of rows) {
    if (r.person_id !== person) {
      person = r.person_id;
      prevDay = null;
    }
    const day = calendarDay(r.occurred_at);
    if (r.deleted_at) {
      update.run(day, null, r.id);
      continue;
    }
    update.run(day, prevDay === null ? null : daysBetween(prevDay, day), r.id);
    prevDay = day;
  }
  db.prepare('UPDATE people SET last_contact_day = (SELECT max(local_day) FROM contacts WHERE person_id = people.id AND deleted_at IS NULL)').run();
}

function fillMonthStats(db: Db): void {
  db.exec(`
    DELETE FROM person_month; DELETE FROM month_stats;
    INSERT INTO month_stats (month, contacts, returns, people)
      SELECT substr(local_day, 1, 7), count(*),
        coalesce(sum(prev_gap_days > (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'absenceThresholdDays')), 0), 0
      FROM contacts WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1;
    INSERT INTO person_month (person_id, month, contacts)
      SELECT person_id, substr(local_day, 1, 7), count(*) FROM contacts
      WHERE deleted_at IS NULL AND local_day IS NOT NULL GROUP BY 1, 2;
  `);
}

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
    db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('absenceThresholdDays', ?)").run(String(ABSENCE_THRESHOLD_DAYS));
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'timeZone'").pluck().get() as string | undefined;
    fillContactDays(db, stored ? (JSON.parse(stored) as string) : systemTimeZone());
    fillMonthStats(db);
  },
};
