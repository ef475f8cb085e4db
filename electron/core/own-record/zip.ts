import JSZip from 'jszip';
import Papa from 'papaparse';
import { deriveEpisodes } from '../../../shared/continuity/episodes';
import type { Language } from '../../../shared/languages';
import { messageText, msg, type Message, type MessageKey, type MessageParams } from '../../../shared/messages';
import type { Gathered } from './gather';

/** A fixed date inside the zip, so the same record always makes the same bytes (and no clock leaks into it). */
const ZIP_DATE = new Date('2000-01-01T00:00:00Z');

/** The keys under a prefix (distributes over MessageKey's union). */
type KeyUnder<P extends string, K extends string = MessageKey> = K extends `${P}.${infer R}` ? R : never;
/** Column names as the person reads them in their CSV headers (the JSON files keep the field names). */
type Column = KeyUnder<'ownRecord.zip.columns'>;
type FileKey = KeyUnder<'ownRecord.zip.files'>;
type ReadmeLine = KeyUnder<'ownRecord.zip.readme'>;

const csvIn =
  (language: Language) =>
  (rows: Record<string, unknown>[], columns: Column[]): string =>
    // A byte-order mark first: without it Excel opens a CSV as the computer's old code page, and a
    // name or a note with accents ("Habló del frío") comes out garbled. The app's own downloads do the same.
    '\uFEFF' +
    Papa.unparse(
      {
        fields: columns.map((c) => messageText(msg(`ownRecord.zip.columns.${c}`), language)),
        data: rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : typeof r[c] === 'object' ? JSON.stringify(r[c]) : r[c]))),
      },
      { newline: '\r\n' },
    );

const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** What each file holds, in plain words (ownRecord.zip.files): the README lists them in this order. */
const FILES: [name: string, about: FileKey][] = [
  ['person.json', 'personJson'],
  ['contacts.csv', 'contactsCsv'],
  ['contacts.json', 'contactsJson'],
  ['services.csv', 'servicesCsv'],
  ['supplies.csv', 'suppliesCsv'],
  ['entries.csv', 'entriesCsv'],
  ['entries.json', 'entriesJson'],
  ['history.csv', 'historyCsv'],
  ['history.json', 'historyJson'],
  ['outreach.csv', 'outreachCsv'],
  ['continuity.json', 'continuityJson'],
  ['unsaved-drafts.json', 'unsavedDraftsJson'],
  ['record-log.csv', 'recordLogCsv'],
];

function readme(g: Gathered, clinicName: string, madeAt: string, language: Language): string {
  const line = (key: ReadmeLine, params?: MessageParams) => messageText(msg(`ownRecord.zip.readme.${key}`, params), language);
  const lines = [
    line('title', { clinic: clinicName }),
    '',
    line('holds', { code: String(g.person.client_code) }),
    line('made', { day: madeAt.slice(0, 10), time: madeAt.slice(11, 16) }),
    '',
    line('open'),
    line('times'),
    line('staff'),
    '',
    line('files'),
    '',
    ...FILES.flatMap(([name, about]) => [`${name}`, `  ${messageText(msg(`ownRecord.zip.files.${about}`), language)}`, '']),
    line('ask'),
    '',
  ];
  return lines.join('\r\n');
}

/** The zip itself: plain JSON and CSV, a README first. */
export async function buildZip(g: Gathered, o: { clinicName: string; madeAt: string; thresholdDays: number; language?: Language }): Promise<{ base64: string; files: string[] }> {
  // The README and the CSV headers are in the language of the staff member who makes the zip (their own, else the clinic's).
  const language = o.language ?? 'en';
  const say = (m: Message) => messageText(m, language);
  const csv = csvIn(language);
  const staff = (id: unknown) => (typeof id === 'number' ? (g.staffNames.get(id) ?? say(msg('ownRecord.zip.staffNumber', { id }))) : '');
  const zip = new JSZip();
  const add = (name: string, text: string) => zip.file(name, text, { date: ZIP_DATE });
  add('README.txt', readme(g, o.clinicName, o.madeAt, language));

  const { usual_staff_id, created_by, updated_by, deleted_by, ...person } = g.person;
  add('person.json', pretty({ ...person, usual_staff: staff(usual_staff_id), created_by: staff(created_by), updated_by: staff(updated_by), deleted_by: staff(deleted_by) }));

  const contacts = g.contacts.map(({ staff_id, created_by: cb, updated_by: ub, deleted_by: db, ...c }) => ({
    ...c,
    staff: staff(staff_id),
    entered_by: staff(cb),
    updated_by: staff(ub),
    removed_by: staff(db),
  }));
  add(
    'contacts.csv',
    csv(contacts, ['id', 'occurred_at', 'local_day', 'setting', 'staff', 'what_mattered', 'note', 'entered_at', 'entered_by', 'updated_at', 'updated_by', 'deleted_at', 'removed_by', 'delete_reason', 'prev_gap_days']),
  );
  add(
    'contacts.json',
    pretty(
      contacts.map((c) => ({
        ...c,
        services: g.services.filter((s) => s.contact_id === c.id).map((s) => s.label),
        supplies: g.supplies.filter((s) => s.contact_id === c.id).map((s) => ({ label: s.label, category: s.category, quantity: s.quantity })),
      })),
    ),
  );
  add('services.csv', csv(g.services, ['contact_id', 'item_id', 'label']));
  add('supplies.csv', csv(g.supplies, ['contact_id', 'item_id', 'label', 'category', 'quantity']));

  const entries = g.entries.map(({ created_by: cb, updated_by: ub, deleted_by: db, ...e }) => ({ ...e, created_by: staff(cb), updated_by: staff(ub), removed_by: staff(db) }));
  add('entries.csv', csv(entries, ['id', 'kind', 'occurred_on', 'data', 'created_at', 'created_by', 'updated_at', 'updated_by', 'deleted_at', 'removed_by', 'delete_reason']));
  add('entries.json', pretty(entries));

  const history = g.history.map(({ changed_by, ...h }) => ({ ...h, changed_by: staff(changed_by) }));
  add('history.csv', csv(history, ['id', 'record_type', 'record_id', 'changed_at', 'changed_by', 'change', 'reason', 'previous']));
  add('history.json', pretty(history));

  const outreach = g.outreach.map(({ staff_id, ...a }) => ({ ...a, staff: staff(staff_id), reached: say(msg(a.reached === 1 ? 'ownRecord.zip.yes' : 'ownRecord.zip.no')) }));
  add('outreach.csv', csv(outreach, ['id', 'at', 'method', 'reached', 'staff', 'note', 'created_at']));

  const days = g.contacts.filter((c) => c.deleted_at === null && typeof c.local_day === 'string').map((c) => c.local_day as string);
  const view = deriveEpisodes(days, o.thresholdDays);
  add('continuity.json', pretty({ absenceThresholdDays: o.thresholdDays, contactsByMonth: g.months.filter((m) => m.contacts > 0), episodes: view.episodes, timeAway: view.timeAway, welcomeBacks: view.welcomeBacks }));

  add('unsaved-drafts.json', pretty(g.drafts.map(({ staff_id, ...d }) => ({ ...d, staff: staff(staff_id) }))));
  add('record-log.csv', csv(g.audit, ['id', 'at', 'actor_username', 'action', 'subject_type', 'subject_id', 'details']));

  const base64 = await zip.generateAsync({ type: 'base64', compression: 'DEFLATE' });
  return { base64, files: Object.keys(zip.files) };
}

export const exportFileNames = (): string[] => ['README.txt', ...FILES.map(([n]) => n)];
