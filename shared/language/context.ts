/**
 * Small readers of the words around a match. Some words are only stigmatizing in one sense
 * ("she is clean" versus "the wound is clean"), and a regex alone cannot tell the two apart
 * without becoming unreadable, so the term list asks these helpers instead.
 */

/** What a guard or a suggestion sees of one match. */
export interface MatchContext {
  text: string;
  /** Where the whole pattern matched (which can be wider than the underlined span). */
  matchStart: number;
  matchEnd: number;
  /** Named groups of the pattern; the group `t`, when present, is the underlined span. */
  groups: Readonly<Record<string, string | undefined>>;
}

const SENTENCE_END = /[.!?;:\n]/u;
const WORD = /[\p{L}\p{N}'’]+/gu;
const WINDOW = 80;

/** The text of the same sentence before `index`, at most a short window of it. */
export function sentenceBefore(text: string, index: number): string {
  const window = text.slice(Math.max(0, index - WINDOW), index);
  for (let i = window.length - 1; i >= 0; i--) {
    if (SENTENCE_END.test(window[i]!)) return window.slice(i + 1);
  }
  return window;
}

/** The text of the same sentence after `index`, at most a short window of it. */
export function sentenceAfter(text: string, index: number): string {
  const window = text.slice(index, index + WINDOW);
  for (let i = 0; i < window.length; i++) {
    // A full stop followed by a letter or digit is an abbreviation or a number, not a sentence end.
    if (SENTENCE_END.test(window[i]!) && !/[\p{L}\p{N}]/u.test(window[i + 1] ?? '')) return window.slice(0, i);
  }
  return window;
}

function words(s: string): string[] {
  return s.match(WORD) ?? [];
}

/** "she's" -> "she", "they’re" -> "they": the subject is the part before the contraction. */
function stripContraction(word: string): string {
  return word.replace(/['’](?:s|re|m|ve|d|ll)$/iu, '');
}

/** Words that sit between a subject and "clean" without being the subject. */
const AUXILIARIES = new Set(
  (
    'is was are were am be been being has have had having will would could should might may must can ' +
    'do does did to not never still now currently finally totally completely fully always also just ' +
    'really truly mostly pretty stay stays stayed staying remain remains remained remaining get gets got ' +
    'gotten getting want wants wanted wanting try tries tried trying hope hopes hoped hoping plan plans ' +
    'planned planning need needs needed going gonna wanna like likes liked would’ve reportedly says said'
  ).split(' '),
);

/** Words for people: a subject from this list makes "is clean" about a person. */
const PERSON_WORDS = new Set(
  (
    'i you he she we they someone somebody everyone everybody anyone anybody nobody who me him us them ' +
    'pt pts patient patients client clients participant participants person people individual guy man ' +
    'woman men women friend friends partner partners boyfriend girlfriend husband wife spouse son daughter ' +
    'mom mum dad mother father brother sister parent parents kid kids teen youth folks resident residents ' +
    'member members neighbour neighbor'
  ).split(' '),
);

/** Things that are often "clean": a subject from this list keeps "clean" in its everyday sense. */
const THING_WORDS = new Set(
  (
    'it this that these those everything something nothing wound wounds site sites area areas skin ' +
    'dressing dressings bandage bandages incision abscess ulcer burn cut room rooms kitchen bathroom ' +
    'apartment flat house home place camp tent car van space kit kits supplies supply equipment water ' +
    'hands hand clothes clothing laundry sheets bed bedding floor surface table needle needles syringe ' +
    'syringes cooker cookers record records file data chart'
  ).split(' '),
);

export type SubjectKind = 'person' | 'thing' | 'none';

/**
 * Walks back from `index` over auxiliaries ("has been", "wants to stay") to the likely subject.
 * A capitalised word that is not a known thing is taken to be a name.
 */
export function subjectBefore(text: string, index: number): { kind: SubjectKind; word?: string } {
  const before = words(sentenceBefore(text, index));
  for (let i = before.length - 1; i >= 0; i--) {
    const raw = stripContraction(before[i]!);
    const lower = raw.toLowerCase();
    if (lower === '' || AUXILIARIES.has(lower)) continue;
    if (PERSON_WORDS.has(lower)) return { kind: 'person', word: raw };
    if (THING_WORDS.has(lower)) return { kind: 'thing', word: raw };
    if (/^\p{Lu}\p{Ll}/u.test(raw)) return { kind: 'person', word: raw };
    return { kind: 'thing', word: raw };
  }
  return { kind: 'none' };
}

/** Words that may follow "clean" when it describes a person: "clean since", "clean and sober". */
const FOLLOWERS_OF_PERSON_CLEAN = new Set(
  (
    'and or for since in at last this after before while with on when again now yet because so but then ' +
    'recently finally today tonight yesterday anymore still ever too as from until till through ' +
    'throughout during lately off x'
  ).split(' '),
);

/** Descriptions of hygiene or of a wound: "clean and dry", "clean, well groomed". */
const HYGIENE_AFTER =
  /^\s*(?:,|and|&)?\s*(?:dry|intact|well|neat|neatly|tidy|groomed|dressed|kempt|appropriate|appropriately|clear|healing|odou?rless|shaven|pink)/iu;

/**
 * True when the words after `index` fit "clean" as a description of a person: the sentence ends,
 * or goes on with "for", "since", "and sober"... but not with a noun ("clean water") or hygiene
 * ("clean and dry").
 */
export function fitsPersonAfter(text: string, index: number): boolean {
  const after = sentenceAfter(text, index);
  if (HYGIENE_AFTER.test(after)) return false;
  // A hyphen joined to the next word makes a compound: "clean-shaven", "clean-catch".
  if (/^[-\u2010\u2011]\p{L}/u.test(after)) return false;
  const next = words(after)[0];
  if (next === undefined) return true;
  // A comma or a spaced dash closes the phrase: "she is clean, and..." is still about her.
  if (/^\s*(?:[,)\u2013\u2014]|\s-\s)/u.test(after)) return true;
  return FOLLOWERS_OF_PERSON_CLEAN.has(next.toLowerCase()) || /^x?\d/iu.test(next);
}

/** Verbs that put something in a clean state: "keep the site clean for 48 hours". */
const CLEANING_VERBS = new Set(
  'keep keeps kept keeping leave leaves left leaving wash washed washes washing wipe wiped wipes wiping make makes made making'.split(
    ' ',
  ),
);

/** True when the word just before `index` (skipping determiners) is a cleaning verb or a thing. */
export function thingOrCleaningBefore(text: string, index: number): boolean {
  const before = words(sentenceBefore(text, index));
  const last = before[before.length - 1]?.toLowerCase();
  if (last !== undefined && CLEANING_VERBS.has(last)) return true;
  return subjectBefore(text, index).kind === 'thing';
}

/** The matched text with runs of spaces and line breaks made single spaces, for building wording. */
export function tidy(s: string | undefined): string {
  return (s ?? '').replace(/\s+/gu, ' ').trim();
}

/** True when the word ends in a plural "s" (users, addicts) rather than being singular. */
export function isPlural(word: string | undefined): boolean {
  return word !== undefined && /s$/iu.test(word);
}
