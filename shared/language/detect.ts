/**
 * Which language a note is written in, English or Spanish, so the assistant checks it against the
 * right list. Deliberately small and explainable: it counts common function words of each language
 * ("the", "and", "was" against "el", "que", "está") and letters only Spanish uses (á, ñ, ¿, ¡...).
 * When the text is too short, or the two languages are too close (a mixed note), it does not guess:
 * the staff member's own language is used.
 */
export type NoteLanguage = 'en' | 'es';

export interface Detection {
  language: NoteLanguage;
  /** False when the text was too short or too mixed, and `language` is the fallback. */
  confident: boolean;
  /** The evidence, for a test or a tooltip: Spanish and English points counted. */
  es: number;
  en: number;
}

/**
 * Function words frequent in clinical notes. Words both languages share ("a", "no", "me", "he" as
 * a Spanish verb, "con" is Spanish only) are left out so they count for neither.
 */
const SPANISH = new Set(
  (
    'el la los las un una unos unas de del al que y en es está están estaba estaban fue era son por para ' +
    'con su sus se lo le les muy hoy ayer ella ellos ellas él más pero como sin ya también cuando donde ' +
    'porque sobre hay tiene tenía tuvo dijo dice ha han había quiere sigue desde hace mañana semana ' +
    'mes meses años este esta estos estas eso esto paciente persona vino llegó habló nos mi yo'
  ).split(' '),
);

const ENGLISH = new Set(
  (
    'the and is was are were of to in for with on at she he it they we his her their them this that ' +
    'these those has have had be been but from by as today yesterday not will would said says came ' +
    'talked wants week weeks month months years patient person about there what who an or if so'
  ).split(' '),
);

/** Letters and marks that English notes practically never contain. */
const SPANISH_LETTERS = /[áéíóúüñ¿¡]/giu;
const WORDS = /[\p{L}]+/gu;

/** Fewer points than this, in total, is too little to decide on. */
export const MIN_EVIDENCE = 2;
/** The share of the points one language needs to be chosen. */
export const THRESHOLD = 0.7;
/** Each Spanish-only letter counts as this fraction of a word, capped so accents alone never decide a long note. */
const LETTER_WEIGHT = 0.5;
const LETTER_CAP = 4;

export function detectLanguage(text: string, fallback: NoteLanguage): Detection {
  let es = 0;
  let en = 0;
  for (const w of text.toLowerCase().match(WORDS) ?? []) {
    if (SPANISH.has(w)) es++;
    if (ENGLISH.has(w)) en++;
  }
  const letters = text.match(SPANISH_LETTERS)?.length ?? 0;
  es += Math.min(LETTER_CAP, letters * LETTER_WEIGHT);
  const total = es + en;
  if (total < MIN_EVIDENCE) return { language: fallback, confident: false, es, en };
  if (es / total >= THRESHOLD) return { language: 'es', confident: true, es, en };
  if (en / total >= THRESHOLD) return { language: 'en', confident: true, es, en };
  return { language: fallback, confident: false, es, en };
}
