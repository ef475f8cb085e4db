/**
 * Builds suggested wording that fits the sentence it replaces: the substance the writer named,
 * one person or several, and the tense of the verb. A suggestion that has to be rewritten by hand
 * is one most people will not use.
 */
import { tidy } from './context';

const ROUTE = /^(?:i\.?v\.?|intravenous|inject)/iu;

/** Words that read better in the plural after "uses": "uses drugs", not "uses drug". */
const COUNTABLE = new Set([
  'drug',
  'substance',
  'opioid',
  'opiate',
  'pill',
  'benzo',
  'benzodiazepine',
  'stimulant',
  'amphetamine',
  'narcotic',
  'inhalant',
  'painkiller',
  'medication',
  'med',
]);

function oneSubstance(raw: string): string {
  const s = tidy(raw).toLowerCase().replace(/[-\u2010\u2011]/gu, ' ');
  if (s === 'etoh') return 'alcohol';
  if (s === 'polysubstance' || s === 'polydrug' || s === 'poly drug') return 'more than one substance';
  if (s === 'prescription') return 'prescription medication';
  if (s === 'methamphetamines') return 'methamphetamine';
  const parts = s.split(' ');
  const last = parts[parts.length - 1]!;
  if (COUNTABLE.has(last)) parts[parts.length - 1] = `${last}s`;
  return parts.join(' ');
}

/** "drug and alcohol" -> "drugs and alcohol"; "EtOH" -> "alcohol"; "meth/heroin" -> "meth and heroin". */
export function substanceObject(raw: string): string {
  const pieces = tidy(raw)
    .split(/\s*(?:\band\b|&|\bor\b|\/|,)\s*(?:other\s+)?/iu)
    .filter((p) => p !== '')
    .map(oneSubstance);
  return [...new Set(pieces)].join(' and ');
}

export function isRoute(raw: string | undefined): boolean {
  return raw !== undefined && ROUTE.test(tidy(raw));
}

/** "person who uses heroin", "people who inject drugs", with the substance-use-disorder wording after. */
export function personWhoUses(raw: string | undefined, plural: boolean): string[] {
  const who = plural ? 'people' : 'person';
  const disorder = plural ? 'people with a substance use disorder' : 'person with a substance use disorder';
  if (isRoute(raw)) return [`${who} who inject${plural ? '' : 's'} drugs`, disorder];
  const object = raw === undefined || tidy(raw) === '' ? 'drugs' : substanceObject(raw);
  return [`${who} who use${plural ? '' : 's'} ${object}`, disorder];
}

/** The diagnosis that matches the substance named, for writers who do mean a disorder. */
export function disorderFor(raw: string | undefined): string {
  const s = tidy(raw).toLowerCase();
  if (/^(?:alcohol|etoh)$/u.test(s)) return 'alcohol use disorder';
  if (/(?:opioid|opiate|heroin|fentanyl|oxy|painkiller)/u.test(s) && !/\b(?:and|or)\b|[&/,]/u.test(s)) {
    return 'opioid use disorder';
  }
  return 'substance use disorder';
}

export type VerbForm = 'past' | 'third' | 'ing' | 'base';

/** Tense of the first word of a verb phrase: "tested" past, "comes back" third person, "dropping" -ing. */
export function verbForm(verbPhrase: string | undefined): VerbForm {
  const v = tidy(verbPhrase).toLowerCase().split(' ')[0] ?? '';
  if (v.endsWith('ing')) return 'ing';
  if (v.endsWith('ed') || v === 'came' || v === 'got' || v === 'gotten') return 'past';
  if (v.endsWith('s')) return 'third';
  return 'base';
}

export function inflect(verbPhrase: string | undefined, forms: Readonly<Record<VerbForm, string>>): string {
  return forms[verbForm(verbPhrase)];
}

/** Removes repeats and any suggestion that is the same as what was written. */
export function distinct(suggestions: readonly string[], matched?: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const same = matched === undefined ? undefined : tidy(matched).toLowerCase();
  for (const s of suggestions) {
    const key = s.toLowerCase();
    if (seen.has(key) || key === same) continue;
    seen.add(key);
    out.push(s);
  }
  return out;
}
