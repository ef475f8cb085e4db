import { z } from 'zod';
import { isMessageKey, messageSchema, msg, says, type Message } from '../messages';
import { CLINICAL_ROLES } from '../roles';
import { channel } from './channel';
import { contactSettingSchema } from './record-schemas';

/**
 * Records in from a spreadsheet (issue 14): people, or contacts with their services and supplies, from
 * a CSV or XLSX file as programs keep them. `import.preview` reads the file and checks every row,
 * writing nothing; `import.run` writes all rows in one transaction, or none when any row has a problem.
 * The file travels as its content: core never opens a path the renderer names.
 */

export const IMPORT_KINDS = ['people', 'contacts'] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKindSchema>;

/** Field -> the column header that holds it, e.g. {"clientCode": "Código", "date": "Fecha", "supply:Syringes": "Jeringas"}. */
export const importMappingSchema = z.record(z.string().min(1).max(120), z.string().max(200)).refine((m) => Object.keys(m).length <= 250, says('import.input.mappingTooBig'));
export type ImportMapping = z.infer<typeof importMappingSchema>;

/** 100 MB of file content, base64 (the largest spreadsheet a program would bring, with room). */
const MAX_BASE64 = 140_000_000;

export const importFileSchema = z.strictObject({
  /** The file's name as it was chosen (shown, and kept in the audit trail). */
  name: z.string().trim().min(1, says('import.input.chooseFile')).max(255, says('import.input.fileNameTooLong')),
  /** The file's bytes, base64. */
  base64: z.string().max(MAX_BASE64, says('import.input.fileTooLarge')),
});

export const importOptionsSchema = z.strictObject({
  kind: importKindSchema,
  file: importFileSchema,
  /** Omitted: the mapping last used for a file with the same headers, or else a guess from the headers. */
  mapping: importMappingSchema.optional(),
  /** How dates such as 03/04/2025 are read. Omitted: the file's own order when its dates show one, else the clinic's. */
  dateOrder: z.enum(['day_first', 'month_first']).optional(),
  /** Rows of a contact file without a setting column (or with the cell empty) get this setting. */
  defaultSetting: contactSettingSchema.optional(),
  /** People already in Doorway (same client code) are matched only when this is true; never merged silently. */
  matchExisting: z.boolean().default(false),
});

export type ParsedImportOptions = z.output<typeof importOptionsSchema>;

/**
 * One problem, where staff can find it: row 214, column "Date", "31/02/2025 is not a date." Row null:
 * the file or mapping as a whole; column null: the row as a whole. `message` says what is wrong in each
 * person's language; `value`, when not null, is the cell's text said before it (a rule's own message,
 * "1850: Please check the birth year.", does not quote the cell). problemText makes the sentence.
 */
export const importProblemSchema = z.object({
  row: z.number().nullable(),
  /** The file's own header (the file's words, never translated). */
  column: z.string().nullable(),
  value: z.string().nullable(),
  message: messageSchema,
});
export type ImportProblem = z.infer<typeof importProblemSchema>;

/** A supply's own column in a mapping: `supply:<the item's name in the site's list>`. */
export const SUPPLY_FIELD_PREFIX = 'supply:';

/** Doorway's name for an import field, in each person's language: "Client code", or a supply's "Syringes (quantity)". */
export function fieldLabel(field: string): Message {
  if (field.startsWith(SUPPLY_FIELD_PREFIX)) return msg('import.fields.supplyQuantity', { label: field.slice(SUPPLY_FIELD_PREFIX.length) });
  const key = `import.fields.${field}`;
  return isMessageKey(key) ? msg(key) : msg('import.fields.other', { field });
}

/** "The column Date is mapped twice (Date and Time)": the two are Doorway's fields, said as their labels. */
function withFieldLabels(m: Message, say: (m: Message) => string): Message {
  const params = { ...m.params };
  for (const f of ['field', 'otherField']) if (typeof params[f] === 'string') params[f] = say(fieldLabel(params[f]));
  return { key: m.key, params };
}

/**
 * A problem as one sentence, "Row 214, Date: 31/02/2025 is not a date.", in the language `say` speaks
 * (the renderer's say, or messageText for the command line's English).
 */
export function problemText(p: ImportProblem, say: (m: Message) => string): string {
  const what = say(p.message.key === 'import.mapping.twice' ? withFieldLabels(p.message, say) : p.message);
  const text = p.value === null ? what : say(msg('import.problem.withValue', { value: p.value, text: what }));
  if (p.row === null) return text;
  return say(p.column === null ? msg('import.problem.atRow', { row: p.row, text }) : msg('import.problem.atCell', { row: p.row, column: p.column, text }));
}

export const importMatchSchema = z.object({
  /** The first row with the code. */
  row: z.number(),
  clientCode: z.string(),
  personId: z.number(),
  /** The rows of the file with this code. */
  rows: z.number(),
});

/** What the import writes; for a preview, a dry run or a refused run, what it would write from the rows that are in order. */
export const importCountsSchema = z.object({
  /** Data rows in the file (blank rows left out). */
  rows: z.number(),
  /** New people the import adds (a contact file adds the people it names who are not in Doorway yet). */
  peopleAdded: z.number(),
  /** People already in Doorway that rows match (written to only with matchExisting). */
  peopleMatched: z.number(),
  contactsAdded: z.number(),
});

const cellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const importFieldSchema = z.object({
  field: z.string(),
  /** Doorway's name for the field, in each person's language ("Client code"; a supply's "Syringes (quantity)"). */
  label: messageSchema,
  required: z.boolean(),
  /** The column chosen for it, or null. */
  column: z.string().nullable(),
});

const reportShape = {
  kind: importKindSchema,
  format: z.enum(['csv', 'xlsx']),
  fileName: z.string(),
  /** SHA-256 of the file's bytes, hex. */
  sha256: z.string(),
  /**
   * The order used for dates that read both ways (03/04/2025): chosen by the caller; or the file's own,
   * when its other dates all lean one way (13/04/2025 is day first); or else the clinic's.
   */
  dateOrder: z.enum(['day_first', 'month_first']),
  dateOrderFrom: z.enum(['chosen', 'file', 'clinic']),
  /** How many rows had a date that reads both ways (and so used dateOrder). */
  ambiguousDates: z.number(),
  counts: importCountsSchema,
  /** At most 500 problems are listed; problemCount has them all. */
  problems: z.array(importProblemSchema),
  problemCount: z.number(),
  matches: z.array(importMatchSchema),
  /** The mapping used: the one given, the one used last time for a file with these headers, or a guess from the headers. */
  mapping: importMappingSchema,
  mappingFrom: z.enum(['given', 'remembered', 'guessed']),
};

export const importPreviewSchema = z.object({
  ...reportShape,
  /** The file's column headers, in order. */
  columns: z.array(z.string()),
  /** The fields of this kind (and the site's supplies, for contacts), each with its column. */
  fields: z.array(importFieldSchema),
  /** The first rows as Doorway will store them (fields -> values). */
  rows: z.array(z.object({ row: z.number(), values: z.record(z.string(), cellValueSchema) })),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  ...reportShape,
  dryRun: z.boolean(),
  /** True only when every row was written (and the import audited); false leaves the record as it was. */
  written: z.boolean(),
});
export type ImportResult = z.infer<typeof importResultSchema>;

/**
 * How far a long import has got, pushed while it runs (`import.progress`): a preview checks the rows;
 * a run checks them again inside its transaction, then writes them. `percent` only grows, and a run
 * that writes everything ends at 100 with phase 'done'; a cancelled one ends with phase 'cancelled'.
 */
export const IMPORT_PHASES = ['checking', 'writing', 'done', 'cancelled'] as const;
export interface ImportProgress {
  /** Grows with each preview or run on this computer: a stopped one's last events are told from the next one's. */
  id: number;
  operation: 'preview' | 'run';
  phase: (typeof IMPORT_PHASES)[number];
  /** Rows (or records) done in this phase, of total. */
  done: number;
  total: number;
  /** 0..100, over the whole operation. */
  percent: number;
}

export const importChannels = {
  'import.preview': channel({
    input: importOptionsSchema.extend({ previewRows: z.number().int().min(0).max(200).default(20) }),
    output: importPreviewSchema,
    access: CLINICAL_ROLES,
  }),
  'import.run': channel({
    input: importOptionsSchema.extend({ dryRun: z.boolean().default(false) }),
    output: importResultSchema,
    access: CLINICAL_ROLES,
  }),
  /** Stops the preview or run in progress; a run is rolled back, so nothing of it is written. */
  'import.cancel': channel({
    input: z.strictObject({}),
    output: z.object({ cancelled: z.boolean() }),
    access: CLINICAL_ROLES,
  }),
};
