/**
 * The language assistant: finds words the clinic has chosen to offer alternatives for, and says
 * what else could be written and why. It never blocks anything; it only returns findings, which a
 * form may underline and the writer may take, change or dismiss.
 */
import type { MatchContext } from './context';
import type { NoteLanguage } from './detect';
import { insideQuotesEs } from './quote-es';
import { LANGUAGE_SOURCES, LANGUAGE_TERMS, type LanguageSource, type LanguageTerm, type TermRule } from './terms';
import { LANGUAGE_SOURCES_ES, LANGUAGE_TERMS_ES } from './terms-es';
import { distinct } from './wording';

export interface LanguageFinding {
  termId: string;
  /** UTF-16 offsets into the checked text, as a textarea's selectionStart/selectionEnd use. */
  start: number;
  end: number;
  /** The text at [start, end), as written. */
  matched: string;
  /** Wording that can replace `matched`, best fit first; never empty. */
  suggestions: string[];
  why: string;
  sources: LanguageSource<string>[];
  /** The list the finding comes from, which is also the language its wording is in. */
  language: NoteLanguage;
}

export interface CheckOptions {
  /** Term ids the writer has dismissed; their findings are not returned. */
  dismissed?: ReadonlySet<string>;
  /**
   * The language the text is written in (see detect.ts); English when absent. A Spanish text is
   * checked against the Spanish list, and its quoted words and dialogue are left alone.
   */
  language?: NoteLanguage;
}

interface CompiledRule {
  rule: TermRule;
  regex: RegExp;
}

interface CompiledTerm {
  term: LanguageTerm<string>;
  sources: LanguageSource<string>[];
  rules: CompiledRule[];
  language: NoteLanguage;
}

function compile<S extends string>(
  terms: readonly LanguageTerm<S>[],
  sources: Readonly<Record<S, LanguageSource<S>>>,
  language: NoteLanguage,
): readonly CompiledTerm[] {
  return terms.map((term) => ({
    term,
    sources: term.sources.map((id) => sources[id]),
    rules: term.rules.map((rule) => ({ rule, regex: new RegExp(rule.pattern, 'dgiu') })),
    language,
  }));
}

// Compiled once when the module loads: checking runs on every keystroke.
const COMPILED: Readonly<Record<NoteLanguage, readonly CompiledTerm[]>> = {
  en: compile(LANGUAGE_TERMS, LANGUAGE_SOURCES, 'en'),
  es: compile(LANGUAGE_TERMS_ES, LANGUAGE_SOURCES_ES, 'es'),
};

function spanOf(match: RegExpExecArray): [number, number] {
  const indices = match.indices;
  const group = indices?.groups?.['t'];
  if (group !== undefined) return group;
  return [match.index, match.index + match[0].length];
}

function findAll(text: string, compiled: CompiledTerm, out: LanguageFinding[]): void {
  const { term, sources, language } = compiled;
  for (const { rule, regex } of compiled.rules) {
    regex.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = regex.exec(text)) !== null) {
      const matchStart = match.index;
      const matchEnd = matchStart + match[0].length;
      // Resume one character on, not after the match, so a rejected match never hides a later one.
      regex.lastIndex = matchStart + 1;
      if (match[0].length === 0) continue;
      const ctx: MatchContext = { text, matchStart, matchEnd, groups: match.groups ?? {} };
      if (rule.accept !== undefined && !rule.accept(ctx)) continue;
      const [start, end] = spanOf(match);
      const matched = text.slice(start, end);
      const own = rule.suggest?.(ctx);
      const suggestions = distinct(own !== undefined && own.length > 0 ? own : term.prefer, matched);
      if (suggestions.length === 0) continue;
      out.push({ termId: term.id, start, end, matched, suggestions, why: term.why, sources, language });
    }
  }
}

/**
 * Where matches overlap, the longest one stands: "former addict" is one finding, not also "addict".
 * Among equally long ones, the term listed first wins.
 */
function withoutOverlaps(findings: LanguageFinding[]): LanguageFinding[] {
  const byLength = findings
    .map((f, order) => ({ f, order }))
    .sort((a, b) => b.f.end - b.f.start - (a.f.end - a.f.start) || a.order - b.order);
  const kept: LanguageFinding[] = [];
  for (const { f } of byLength) {
    if (kept.every((k) => f.end <= k.start || f.start >= k.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export function checkLanguage(text: string, opts: CheckOptions = {}): LanguageFinding[] {
  if (text.length === 0) return [];
  // Lower-casing is only for the quick keyword test; offsets always come from the original text.
  const lower = text.toLowerCase();
  const language = opts.language ?? 'en';
  const found: LanguageFinding[] = [];
  for (const compiled of COMPILED[language]) {
    if (!compiled.term.keywords.some((k) => lower.includes(k))) continue;
    findAll(text, compiled, found);
  }
  const dismissed = opts.dismissed;
  // Dismissal applies after overlaps are settled, so dismissing "former addict" does not bring
  // back the "addict" inside it. In Spanish, a person's own words (quoted, or dialogue after a
  // long dash) are theirs: the assistant comments on staff's words only.
  return withoutOverlaps(found).filter(
    (f) =>
      (dismissed === undefined || !dismissed.has(f.termId)) &&
      (language === 'en' || !insideQuotesEs(text, f.start, f.end)),
  );
}

const ACRONYM = /^[\p{Lu}\p{N}.]{2,}s?$/u;

function atSentenceStart(text: string, index: number): boolean {
  return /(?:^|[.!?\n]\s*)$/u.test(text.slice(Math.max(0, index - 10), index));
}

function startsWithVowelSound(s: string): boolean {
  const w = s.toLowerCase();
  if (/^(?:one|once|use|usu|uni|eu|ur[aeiou])/u.test(w)) return false;
  if (/^(?:hour|honest|hono(?:u)?r|heir)/u.test(w)) return true;
  return /^[aeiou]/u.test(w);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * The text with the finding's span replaced by one of its suggestions, for a "use this wording"
 * button. A leading capital is kept (except where the writer began with an acronym mid-sentence,
 * "an IVDU" -> "a person who injects drugs"), and a preceding "a"/"an" is made to fit.
 * If the text has changed since it was checked, so the span no longer holds `matched`, or the
 * suggestion does not exist, the text comes back unchanged.
 */
export function suggestReplacement(text: string, finding: LanguageFinding, suggestionIndex = 0): string {
  const suggestion = finding.suggestions[suggestionIndex];
  if (suggestion === undefined || text.slice(finding.start, finding.end) !== finding.matched) return text;

  const firstWord = finding.matched.split(/\s/u)[0] ?? '';
  const leadingCapital = /^\p{Lu}/u.test(finding.matched);
  const keepCapital = leadingCapital && (!ACRONYM.test(firstWord) || atSentenceStart(text, finding.start));
  const replacement = keepCapital ? capitalise(suggestion) : suggestion;

  let head = text.slice(0, finding.start);
  // Spanish suggestions carry their own article ("un adicto" -> "una persona que usa drogas").
  const article = finding.language === 'es' ? null : /(^|[^\p{L}\p{N}_])(an?)(\s+)$/iu.exec(head);
  if (article !== null) {
    const [whole, lead = '', written = '', space = ''] = article;
    const fitting = startsWithVowelSound(replacement) ? 'an' : 'a';
    const cased = /^\p{Lu}/u.test(written) ? capitalise(fitting) : fitting;
    head = head.slice(0, head.length - whole.length) + lead + cased + space;
  }
  return head + replacement + text.slice(finding.end);
}
