import type { z } from 'zod';
import { personFieldsSchema } from '../../../shared/contract/record-schemas';
import { msg } from '../../../shared/messages';
import { issueMessage } from '../../../shared/messages/issues';
import type { SheetRow } from './read';
import type { ResolvedMapping } from './mapping';
import { quoted, ruleProblem, type Problems } from './problems';

export type PersonFields = z.output<typeof personFieldsSchema>;

const YES = new Set(['yes', 'y', 'true', '1', 'x', 'si', 'sí', 's', 'ok', '✓', '✔', 'v', 'verdadero']);
const NO = new Set(['no', 'n', 'false', '0', 'falso', '']);

/** A yes/no cell in English or Spanish; an empty cell is no. Undefined: neither. */
export function yesNo(text: string): boolean | undefined {
  const t = text.trim().toLowerCase().replace(/\.$/, '');
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

const PREF_FIELDS = ['okToText', 'okToCall', 'okToLeaveMessage', 'okToEmail', 'doNotContact'] as const;
const PREF_TEXT = ['phone', 'email', 'safeTimes', 'trustedContact', 'whatHelps'] as const;

/** The cell of a field, or undefined when no column holds it. */
export function cellOf(r: SheetRow, m: ResolvedMapping, field: string): string | undefined {
  const i = m.index.get(field);
  return i === undefined ? undefined : (r.cells[i] ?? '');
}

/** Where an issue of personFieldsSchema points: the import field, e.g. contactPrefs.okToText -> okToText. */
function fieldOfIssue(path: readonly PropertyKey[]): string {
  return path[0] === 'contactPrefs' ? String(path[1] ?? 'contactPrefs') : String(path[0] ?? '');
}

/**
 * One row of a people file, checked with the same rules as a person added by hand (personFieldsSchema).
 * Null when the row has a problem (reported).
 */
export function personFromRow(r: SheetRow, m: ResolvedMapping, problems: Problems): PersonFields | null {
  const before = problems.count;
  const text = (field: string) => cellOf(r, m, field)?.trim() ?? '';
  const prefs: Record<string, unknown> = {};
  for (const f of PREF_FIELDS) {
    const cell = cellOf(r, m, f);
    if (cell === undefined) continue;
    const v = yesNo(cell);
    if (v === undefined) problems.cell(r.row, m.column.get(f)!, msg('import.problem.notYesNo', { value: quoted(cell) }));
    else prefs[f] = v;
  }
  for (const f of PREF_TEXT) if (m.index.has(f)) prefs[f] = text(f);

  let birthYear: number | null = null;
  const year = text('birthYear');
  if (year !== '') {
    // A spreadsheet may hold 1985 as 1985.0, or a whole date of birth: only the year is kept (minimum necessary).
    const m4 = /^(\d{4})(?:\.0+)?$/.exec(year) ?? /^(?:\d{1,2}[-/.]\d{1,2}[-/.](\d{4})|(\d{4})[-/.]\d{1,2}[-/.]\d{1,2})$/.exec(year);
    const y = m4 ? Number(m4[1] ?? m4[2]) : NaN;
    if (Number.isNaN(y)) problems.cell(r.row, m.column.get('birthYear')!, msg('import.problem.notAYear', { value: quoted(year) }));
    else birthYear = y;
  }
  if (problems.count > before) return null;

  const parsed = personFieldsSchema.safeParse({
    clientCode: text('clientCode'),
    name: text('name'),
    preferredName: text('preferredName'),
    pronouns: text('pronouns'),
    birthYear,
    contactPrefs: prefs,
    usualStaffId: null,
  });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const field = fieldOfIssue(issue.path);
    const column = m.column.get(field);
    if (field === 'clientCode' && text('clientCode') === '') problems.row(r.row, msg('import.problem.noCodePerson'));
    else if (column) ruleProblem(problems, r.row, column, issue, cellOf(r, m, field));
    else problems.row(r.row, issueMessage(issue));
  }
  return null;
}
