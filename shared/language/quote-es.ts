/**
 * A person's own words, as Spanish writes them: in quotation marks (« », “ ”, " " and, within
 * them, ‘ ’) or as dialogue, a line that opens with a long dash:
 *
 *   —Llevo tres meses limpia —dijo ella—, y quiero seguir así.
 *
 * On such a line the dashes take turns: speech, then the narrator's words ("dijo ella"), then
 * speech again. The assistant comments on staff's words only (DESIGN.md, Care principles), so the
 * Spanish check leaves both kinds of quotation alone. English notes keep their own rules (quote.ts).
 */
import { insideQuotes } from './quote';

/** The em dash and the horizontal bar, both used to open dialogue. */
const DIALOGUE_DASH = /[\u2014\u2015]/u;

/** True when [start, end) is spoken words on a dialogue line. */
export function insideDialogue(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  const line = text.slice(lineStart, lineEnd);
  const opening = /^\s*/u.exec(line)?.[0].length ?? 0;
  if (!DIALOGUE_DASH.test(line[opening] ?? '')) return false;
  let dashes = 0;
  for (let i = lineStart + opening; i < start; i++) if (DIALOGUE_DASH.test(text[i]!)) dashes++;
  // An odd count: the last dash before the span opened speech. A dash inside the span splits it.
  if (dashes % 2 === 0) return false;
  for (let i = start; i < end; i++) if (DIALOGUE_DASH.test(text[i]!)) return false;
  return true;
}

/** Single curly quotes, used inside double ones in Spanish: «Dijo: ‘estoy limpia’». */
function insideSingleCurly(text: string, start: number, end: number): boolean {
  const open = text.lastIndexOf('‘', start - 1);
  if (open === -1 || text.lastIndexOf('’', start - 1) > open) return false;
  return text.indexOf('’', end) !== -1;
}

/** True when [start, end) is a person's own words in a Spanish note. */
export function insideQuotesEs(text: string, start: number, end: number): boolean {
  return insideQuotes(text, start, end) || insideSingleCurly(text, start, end) || insideDialogue(text, start, end);
}
