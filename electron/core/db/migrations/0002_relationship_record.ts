import type { Migration } from './types';

const STARTING_CATALOG: [kind: 'service' | 'supply', label: string, category: string | null][] = [
  ['service', 'Check-in / conversation', null],
  ['service', 'Wound care', null],
  ['service', 'Naloxone training', null],
  ['service', 'Testing (HIV / hepatitis C)', null],
  ['service', 'Vaccination', null],
  ['service', 'Medication for opioid use disorder', null],
  ['service', 'Housing or benefits help', null],
  ['service', 'Food or clothing', null],
  ['supply', 'Naloxone (nasal)', 'naloxone'],
  ['supply', 'Naloxone (injectable)', 'naloxone'],
  ['supply', 'Syringes', 'syringes'],
  ['supply', 'Fentanyl test strips', 'test_strips'],
  ['supply', 'Xylazine test strips', 'test_strips'],
  ['supply', 'Safer smoking kit', 'safer_use'],
  ['supply', 'Wound care kit', 'wound_care'],
  ['supply', 'Sharps container', 'safer_use'],
];

/**
 * The relationship record: people, contacts with services and supplies, and the things that matter to
 * the person (goals, moments, phase changes, substance use, treatment interest, overdose responses,
 * referrals, consents). Nothing is ever hard-deleted: rows carry a soft-delete reason, and every edit
 * keeps the previous values in record_history.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'relationship_record',
  up(db) {
    db.exec(`
      CREATE TABLE people (
        id                 INTEGER PRIMARY KEY,
        client_code        TEXT NOT NULL,
        name               TEXT,
        preferred_name     TEXT,
        pronouns           TEXT,
        birth_year         INTEGER,
        contact_prefs      TEXT NOT NULL DEFAULT '{}',
        usual_staff_id     INTEGER REFERENCES staff_users(id),
        phase              TEXT NOT NULL DEFAULT 'engagement' CHECK (phase IN ('engagement', 'maintenance')),
        first_contact_at   TEXT,
        last_contact_at    TEXT,
        contact_count      INTEGER NOT NULL DEFAULT 0,
        created_at         TEXT NOT NULL,
        created_by         INTEGER NOT NULL REFERENCES staff_users(id),
        updated_at         TEXT NOT NULL,
        updated_by         INTEGER NOT NULL REFERENCES staff_users(id),
        deleted_at         TEXT,
        deleted_by         INTEGER REFERENCES staff_users(id),
        delete_reason      TEXT
      ) STRICT;
      -- A client code names one living record; a collision is shown to staff, never merged.
      CREATE UNIQUE INDEX people_client_code ON people(client_code COLLATE NOCASE) WHERE deleted_at IS NULL;
      CREATE INDEX people_last_contact ON people(last_contact_at) WHERE deleted_at IS NULL;

      -- Fragments of three or more characters anywhere (trigram), and the start of any word for one or
      -- two characters (prefix index), so partial input is found without scanning every record.
      CREATE VIRTUAL TABLE people_search USING fts5(
        client_code, name, preferred_name, content='', contentless_delete=1, tokenize='trigram'
      );
      CREATE VIRTUAL TABLE people_prefix USING fts5(
        client_code, name, preferred_name, content='', contentless_delete=1, tokenize='unicode61', prefix='1 2'
      );

      CREATE TABLE catalog_items (
        id         INTEGER PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('service', 'supply')),
        label      TEXT NOT NULL,
        category   TEXT,
        sort_order INTEGER NOT NULL DEFAULT 0,
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX catalog_items_label ON catalog_items(kind, label COLLATE NOCASE);

      CREATE TABLE contacts (
        id             INTEGER PRIMARY KEY,
        person_id      INTEGER NOT NULL REFERENCES people(id),
        occurred_at    TEXT NOT NULL,
        entered_at     TEXT NOT NULL,
        setting        TEXT NOT NULL,
        staff_id       INTEGER NOT NULL REFERENCES staff_users(id),
        what_mattered  TEXT NOT NULL DEFAULT '',
        note           TEXT NOT NULL DEFAULT '',
        created_by     INTEGER NOT NULL REFERENCES staff_users(id),
        updated_at     TEXT NOT NULL,
        updated_by     INTEGER NOT NULL REFERENCES staff_users(id),
        deleted_at     TEXT,
        deleted_by     INTEGER REFERENCES staff_users(id),
        delete_reason  TEXT
      ) STRICT;
      CREATE INDEX contacts_person_time ON contacts(person_id, occurred_at);
      CREATE INDEX contacts_time ON contacts(occurred_at);

      CREATE TABLE contact_services (
        contact_id INTEGER NOT NULL REFERENCES contacts(id),
        item_id    INTEGER NOT NULL REFERENCES catalog_items(id),
        PRIMARY KEY (contact_id, item_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE contact_supplies (
        contact_id INTEGER NOT NULL REFERENCES contacts(id),
        item_id    INTEGER NOT NULL REFERENCES catalog_items(id),
        quantity   INTEGER NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (contact_id, item_id)
      ) STRICT, WITHOUT ROWID;

      -- Dated entries about a person; 'kind' decides the shape of 'data' (validated by the contract).
      CREATE TABLE person_entries (
        id            INTEGER PRIMARY KEY,
        person_id     INTEGER NOT NULL REFERENCES people(id),
        kind          TEXT NOT NULL CHECK (kind IN ('phase_change', 'moment', 'goal', 'substance_use',
                        'treatment_interest', 'overdose_response', 'referral', 'consent')),
        occurred_on   TEXT NOT NULL,
        data          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        created_by    INTEGER NOT NULL REFERENCES staff_users(id),
        updated_at    TEXT NOT NULL,
        updated_by    INTEGER NOT NULL REFERENCES staff_users(id),
        deleted_at    TEXT,
        deleted_by    INTEGER REFERENCES staff_users(id),
        delete_reason TEXT
      ) STRICT;
      CREATE INDEX person_entries_person ON person_entries(person_id, kind, occurred_on);

      -- Every edit keeps who, when and the previous values.
      CREATE TABLE record_history (
        id          INTEGER PRIMARY KEY,
        record_type TEXT NOT NULL CHECK (record_type IN ('person', 'contact', 'entry')),
        record_id   INTEGER NOT NULL,
        changed_at  TEXT NOT NULL,
        changed_by  INTEGER NOT NULL REFERENCES staff_users(id),
        change      TEXT NOT NULL CHECK (change IN ('edit', 'delete', 'restore')),
        previous    TEXT NOT NULL,
        reason      TEXT
      ) STRICT;
      CREATE INDEX record_history_record ON record_history(record_type, record_id, changed_at);
    `);
    // The starting catalog as it was when this migration was written (frozen here: records/catalog.ts may change).
    const insert = db.prepare('INSERT OR IGNORE INTO catalog_items (kind, label, category, sort_order, created_at) VALUES (?, ?, ?, ?, ?)');
    const at = new Date().toISOString();
    STARTING_CATALOG.forEach(([kind, label, category], i) => insert.run(kind, label, category, i, at));
  },
};
