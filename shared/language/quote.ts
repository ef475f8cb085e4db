/**
 * A person's own words are quoted, never corrected (DESIGN.md, Care principles). In a field that holds
 * their words ("their goal, in their words", "what mattered to them"), the assistant does not offer
 * other wording: it offers to mark the word as theirs, in quotation marks, and is quiet once it is.
 */
import type { LanguageFinding } from './check';

const OPENING = new Set(['“', '«', '„']);
const CLOSING = new Set(['”', '»', '“']);
const STRAIGHT = '"';

/**
 * True when [start, end) sits inside a pair of double quotation marks (curly, straight or guillemets):
 * a quote opens before the span and is still open there, and a closing mark follows it.
 */
export function insideQuotes(text: string, start: number, end: number): boolean {
  let open = false;
  for (let i = 0; i < start; i++) {
    const c = text[i]!;
    if (c === STRAIGHT) open = !open;
    else if (!open && OPENING.has(c)) open = true;
    else if (open && CLOSING.has(c)) open = false;
  }
  if (!open) return false;
  for (let i = end; i < text.length; i++) {
    const c = text[i]!;
    if (c === STRAIGHT || CLOSING.has(c)) return true;
  }
  return false;
}

/** The findings a "their words" field shows: those not already quoted. */
export function unquotedFindings(text: string, findings: readonly LanguageFinding[]): LanguageFinding[] {
  return findings.filter((f) => !insideQuotes(text, f.start, f.end));
}

/**
 * The text with the finding's span in quotation marks, exactly as written inside them. If the text
 * has changed since it was checked, or the span is already quoted, the text comes back unchanged.
 */
export function quoteSpan(text: string, finding: Pick<LanguageFinding, 'start' | 'end' | 'matched'>): string {
  if (text.slice(finding.start, finding.end) !== finding.matched) return text;
  if (insideQuotes(text, finding.start, finding.end)) return text;
  return `${text.slice(0, finding.start)}“${finding.matched}”${text.slice(finding.end)}`;
}
