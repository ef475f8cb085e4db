import type { z } from 'zod';
import type { ImportProblem } from '../../../shared/contract/import';
import type { Message } from '../../../shared/messages';
import { issueMessage } from '../../../shared/messages/issues';

/** How many problems a report lists; the count has them all. */
export const LISTED_PROBLEMS = 500;

/**
 * The problems of one file, each saying where to look: row 214, column "Date", "31/02/2025 is not a
 * date." Each is a message (shared/messages), so staff read it in their own language; the row and the
 * column (the file's own header) complete the sentence (problemText in shared/contract/import.ts).
 * Only the first LISTED_PROBLEMS are kept; a file with ten thousand bad rows usually has one mistake
 * repeated, and the first ones show it.
 */
export class Problems {
  readonly list: ImportProblem[] = [];
  count = 0;

  /** A problem with the file or the mapping as a whole. */
  file(message: Message): void {
    this.push({ row: null, column: null, value: null, message });
  }

  /** A problem in one cell; `value`, when given, is the cell's text said before the message (a rule's own message does not quote it). */
  cell(row: number, column: string, message: Message, value: string | null = null): void {
    this.push({ row, column, value, message });
  }

  /** A problem with a row as a whole. */
  row(row: number, message: Message): void {
    this.push({ row, column: null, value: null, message });
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
export function ruleProblem(problems: Problems, row: number, column: string, issue: z.core.$ZodIssue, cell: string | undefined): void {
  problems.cell(row, column, issueMessage(issue), cell !== undefined && cell.trim() !== '' ? quoted(cell) : null);
}
