import type { z } from 'zod';
import type { ImportProblem } from '../../../shared/contract/import';

/** How many problems a report lists; the count has them all. */
export const LISTED_PROBLEMS = 500;

/**
 * The problems of one file, each a whole sentence that says where to look: "Row 214, Date: 31/02/2025
 * is not a date." Only the first LISTED_PROBLEMS are kept; a file with ten thousand bad rows usually
 * has one mistake repeated, and the first ones show it.
 */
export class Problems {
  readonly list: ImportProblem[] = [];
  count = 0;

  /** A problem with the file or the mapping as a whole. */
  file(message: string): void {
    this.push({ row: null, column: null, message });
  }

  /** A problem in one cell: `text` finishes the sentence after "Row N, Column: ". */
  cell(row: number, column: string, text: string): void {
    this.push({ row, column, message: `Row ${row}, ${column}: ${text}` });
  }

  /** A problem with a row as a whole. */
  row(row: number, text: string): void {
    this.push({ row, column: null, message: `Row ${row}: ${text}` });
  }

  private push(p: ImportProblem): void {
    this.count++;
    if (this.list.length < LISTED_PROBLEMS) this.list.push(p);
  }
}

/** A cell's text as quoted in a message, shortened so one long note does not fill the report. */
export function quoted(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/** A rule's own message (the app's schemas say what is wrong), with the cell's text when it helps. */
export function ruleMessage(issue: z.core.$ZodIssue, cell: string | undefined): string {
  const base = issue.message && !/^Invalid input/.test(issue.message) ? issue.message : 'This is not in the expected form.';
  const sentence = /[.!?]$/.test(base) ? base : `${base}.`;
  return cell !== undefined && cell.trim() !== '' ? `${quoted(cell)}: ${sentence}` : sentence;
}
