import JSZip from 'jszip';
import Papa from 'papaparse';
import { deriveEpisodes } from '../../../shared/continuity/episodes';
import type { Gathered } from './gather';

/** A fixed date inside the zip, so the same record always makes the same bytes (and no clock leaks into it). */
const ZIP_DATE = new Date('2000-01-01T00:00:00Z');

const csv = (rows: Record<string, unknown>[], columns: string[]): string =>
  Papa.unparse(
    { fields: columns, data: rows.map((r) => columns.map((c) => (r[c] === null || r[c] === undefined ? '' : typeof r[c] === 'object' ? JSON.stringify(r[c]) : r[c]))) },
    { newline: '\r\n' },
  );

const pretty = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** What each file holds, in plain words: the README lists them in this order. */
const FILES: [name: string, about: string][] = [
  ['person.json', 'Your details as Doorway has them now: client code, names, pronouns, birth year, how and when you agreed to be contacted, and when the record was made or changed.'],
  ['contacts.csv', 'Every contact with the clinic (visits, drop-ins, outreach, phone calls and others), one per line: when, where, who you saw, what mattered to you, and any clinical note. Contacts that were taken back (removed) are kept too, with the reason.'],
  ['contacts.json', 'The same contacts, each with the services and supplies given, for programs that read JSON.'],
  ['services.csv', 'The services given at each contact (contact_id matches contacts.csv).'],
  ['supplies.csv', 'The supplies given at each contact and how many (contact_id matches contacts.csv).'],
  ['entries.csv', 'Goals, moments, referrals, consents, phase changes and health entries, one per line, with the date and what was written.'],
  ['entries.json', 'The same entries, with every detail in its own field.'],
  ['history.csv', 'Every earlier version of your details, contacts and entries: when it changed, who changed it, and what it said before.'],
  ['history.json', 'The same earlier versions, with every field in its own place.'],
  ['outreach.csv', 'Each time the team reached out to you (text, call, message and others), and whether they reached you.'],
  ['continuity.json', 'Your contacts by month, the stretches of regular contact, and the times away between them, worked out from your contacts.'],
  ['unsaved-drafts.json', 'Anything a staff member had started typing about you but had not saved yet.'],
  ['record-log.csv', 'Who opened, changed, printed or exported your record, and when.'],
];

function readme(g: Gathered, clinicName: string, madeAt: string): string {
  const lines = [
    `Your record at ${clinicName}`,
    '',
    `This folder holds everything Doorway, the clinic's record-keeping program, holds about you (client code ${String(g.person.client_code)}).`,
    `It was made on ${madeAt.slice(0, 10)} at ${madeAt.slice(11, 16)} UTC.`,
    '',
    'The .csv files open in any spreadsheet program. The .json files are the same information for other programs.',
    'Times are in UTC (ISO 8601), for example 2026-03-02T15:30:00Z. Dates are written year-month-day.',
    'Where it says "staff", that is the name of the staff member who saw you or wrote the entry.',
    '',
    'The files:',
    '',
    ...FILES.flatMap(([name, about]) => [`${name}`, `  ${about}`, '']),
    'If something here is wrong, or you want to know more, please ask the clinic. You can ask for a change, and the earlier version is kept.',
    '',
  ];
  return lines.join('\r\n');
}

/** The zip itself: plain JSON and CSV, a README first. */
export async function buildZip(g: Gathered, o: { clinicName: string; madeAt: string; thresholdDays: number }): Promise<{ base64: string; files: string[] }> {
  const staff = (id: unknown) => (typeof id === 'number' ? (g.staffNames.get(id) ?? `staff #${id}`) : '');
  const zip = new JSZip();
  const add = (name: string, text: string) => zip.file(name, text, { date: ZIP_DATE });
  add('README.txt', readme(g, o.clinicName, o.madeAt));

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

  const outreach = g.outreach.map(({ staff_id, ...a }) => ({ ...a, staff: staff(staff_id), reached: a.reached === 1 ? 'yes' : 'no' }));
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
