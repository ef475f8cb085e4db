import type { Generated } from 'kysely';

/**
 * The one typed description of the schema (migrations 0001-0003), as both engines store it. Booleans
 * are 0/1 integers and times ISO-8601 text, so the same rows come back from SQLite and PostgreSQL.
 * A migration that changes a table changes its interface here in the same commit.
 */
export interface Database {
  settings: SettingsTable;
  staff_users: StaffUsersTable;
  audit_events: AuditEventsTable;
  people: PeopleTable;
  catalog_items: CatalogItemsTable;
  contacts: ContactsTable;
  contact_services: ContactServicesTable;
  contact_supplies: ContactSuppliesTable;
  person_entries: PersonEntriesTable;
  record_history: RecordHistoryTable;
  outreach_attempts: OutreachAttemptsTable;
  month_stats: MonthStatsTable;
  person_month: PersonMonthTable;
  drafts: DraftsTable;
  // The clinical store (clinical-migrations/): another file and key on this computer, a schema without
  // grants for front desk on a hub. Each row is the clinical part of a main-store row, under its id.
  'clinical.contact_notes': ContactNotesTable;
  'clinical.entry_texts': EntryTextsTable;
  'clinical.history_details': HistoryDetailsTable;
  'clinical.draft_texts': DraftTextsTable;
}

type Flag = 0 | 1;

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
}

export interface StaffUsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: 'administrator' | 'clinician' | 'front_desk';
  slot_id: string;
  must_change_password: Generated<Flag>;
  disabled_at: string | null;
  created_at: string;
  created_by: number | null;
  /** The person's own language ('en' | 'es'), or null for the clinic's (migration 0006). */
  language: Generated<'en' | 'es' | null>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: Generated<string>;
  emergency: Generated<Flag>;
  prev_hash: string;
  hash: string;
}

export interface PeopleTable {
  id: Generated<number>;
  client_code: string;
  name: string | null;
  preferred_name: string | null;
  pronouns: string | null;
  birth_year: number | null;
  /** JSON text: ways and times the person agreed to be contacted. */
  contact_prefs: Generated<string>;
  usual_staff_id: number | null;
  phase: Generated<'engagement' | 'maintenance'>;
  first_contact_at: string | null;
  last_contact_at: string | null;
  last_contact_day: string | null;
  contact_count: Generated<number>;
  created_at: string;
  created_by: number;
  updated_at: string;
  updated_by: number;
  deleted_at: string | null;
  deleted_by: number | null;
  delete_reason: string | null;
}

export interface CatalogItemsTable {
  id: Generated<number>;
  kind: 'service' | 'supply';
  label: string;
  category: string | null;
  sort_order: Generated<number>;
  active: Generated<Flag>;
  created_at: string;
}

export interface ContactsTable {
  id: Generated<number>;
  person_id: number;
  occurred_at: string;
  entered_at: string;
  setting: string;
  staff_id: number;
  what_mattered: Generated<string>;
  // The note lives in clinical.contact_notes; the main store's old `note` column is left empty.
  created_by: number;
  updated_at: string;
  updated_by: number;
  deleted_at: string | null;
  deleted_by: number | null;
  delete_reason: string | null;
  /** Derived: the calendar day in the clinic's time zone, and the days since the previous live contact. */
  local_day: string | null;
  prev_gap_days: number | null;
}

export interface ContactServicesTable {
  contact_id: number;
  item_id: number;
}

export interface ContactSuppliesTable {
  contact_id: number;
  item_id: number;
  quantity: number;
}

export interface PersonEntriesTable {
  id: Generated<number>;
  person_id: number;
  kind: 'phase_change' | 'moment' | 'goal' | 'substance_use' | 'treatment_interest' | 'overdose_response' | 'referral' | 'consent';
  occurred_on: string;
  /** JSON text, shaped by the entry kind; '{}' for a clinical kind, whose text is in clinical.entry_texts. */
  data: string;
  created_at: string;
  created_by: number;
  updated_at: string;
  updated_by: number;
  deleted_at: string | null;
  deleted_by: number | null;
  delete_reason: string | null;
}

export interface RecordHistoryTable {
  id: Generated<number>;
  record_type: 'person' | 'contact' | 'entry';
  record_id: number;
  changed_at: string;
  changed_by: number;
  change: 'edit' | 'delete' | 'restore';
  /** JSON text: the fields as they were before the change, less the clinical ones (clinical.history_details). */
  previous: string;
  reason: string | null;
}

export interface OutreachAttemptsTable {
  id: Generated<number>;
  person_id: number;
  at: string;
  staff_id: number;
  method: 'text' | 'call' | 'message' | 'email' | 'in_person' | 'trusted_contact' | 'other';
  reached: Generated<Flag>;
  note: Generated<string>;
  created_at: string;
}

export interface MonthStatsTable {
  month: string;
  contacts: number;
  returns: number;
  people: number;
}

export interface PersonMonthTable {
  person_id: number;
  month: string;
  contacts: number;
}

export interface ContactNotesTable {
  contact_id: number;
  note: string;
}

export interface EntryTextsTable {
  entry_id: number;
  /** JSON text, shaped by the entry kind. */
  data: string;
}

export interface HistoryDetailsTable {
  history_id: number;
  /** JSON text: the clinical fields of record_history.previous for the same change. */
  previous: string;
}

export interface DraftsTable {
  id: Generated<number>;
  staff_id: number;
  form_key: string;
  form: 'contact' | 'entry' | 'person' | 'outreach';
  entry_kind: PersonEntriesTable['kind'] | null;
  person_id: number | null;
  /** JSON text: the form's fields, less the clinical ones (clinical.draft_texts). */
  fields: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface DraftTextsTable {
  draft_id: number;
  /** JSON text: the draft's clinical fields. */
  fields: string;
}
