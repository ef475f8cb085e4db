/**
 * Pattern pieces the term list is built from. They are written as regex literals (so the compiler
 * checks their syntax) and joined through `.source`; the checker compiles the joined patterns once
 * with the `dgiu` flags.
 */

/** Word edges that also work for letters outside ASCII, so no term is found inside another word. */
export const START = /(?<![\p{L}\p{N}_])/u.source;
export const END = /(?![\p{L}\p{N}_])/u.source;

/** A space or a hyphen between two words: "drug user", "drug-user". */
export const JOIN = /[\s\-\u2010\u2011]+/u.source;
/** The same, or nothing at all: "non-compliant", "non compliant", "noncompliant". */
export const JOIN_OPT = /[\s\-\u2010\u2011]?/u.source;

/**
 * Words that name a substance or substances. Used only next to a label ("heroin user",
 * "drug abuse", "meth habit"), so everyday words such as "pot" or "speed" are not flagged alone.
 * Longer forms come first so the alternation keeps the whole phrase.
 */
const SUBSTANCE_WORDS = [
  /prescription(?:[\s-]+(?:drugs?|opioids?|opiates?|pills?|medications?|meds|painkillers?))?/u.source,
  /street[\s-]+drugs?/u.source,
  /crystal(?:[\s-]+meth)?/u.source,
  /methamphetamines?/u.source,
  /amphetamines?/u.source,
  /stimulants?/u.source,
  /meth/u.source,
  /speed/u.source,
  /polysubstance/u.source,
  /poly[\s-]?drug/u.source,
  /drugs?/u.source,
  /substances?/u.source,
  /narcotics?/u.source,
  /alcohol/u.source,
  /etoh/u.source,
  /opioids?/u.source,
  /opiates?/u.source,
  /heroin/u.source,
  /fentanyl/u.source,
  /oxy(?:codone|contin)?/u.source,
  /pain[\s-]?killers?/u.source,
  /pills?/u.source,
  /crack/u.source,
  /cocaine/u.source,
  /coke/u.source,
  /benzodiazepines?/u.source,
  /benzos?/u.source,
  /cannabis/u.source,
  /marijuana/u.source,
  /weed/u.source,
  /pot/u.source,
  /ketamine/u.source,
  /xylazine/u.source,
  /tranq/u.source,
  /dope/u.source,
  /inhalants?/u.source,
];

export const SUBSTANCE = `(?:${SUBSTANCE_WORDS.join('|')})`;

/** One substance, or two joined: "drug and alcohol", "alcohol and other drug", "meth/heroin". */
export const SUBSTANCES = `(?:${SUBSTANCE}${END}(?:\\s*(?:and|&|or|/|,)\\s*(?:other\\s+)?${SUBSTANCE})?)`;

/** Injection as a route, with or without "drug": "IV", "IV drug", "injection drug". */
export const ROUTE = `(?:${/(?:i\.v\.|iv|intravenous|injection|injecting|injectable)(?:[\s-]+drugs?)?/u.source})`;

/** Words after "the", "her", ... that are the same determiners wherever they appear. */
export const DETERMINER = /(?:his|her|their|the|a|an|this|that|my|your|our|its)/u.source;

const MONTHS =
  /(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)/u
    .source;
const NUMBER_WORDS = /(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|a|an|several|many|some)/u.source;

/** The start of a length of time or a date: "3 months", "a week", "about two years", "March", "last year". */
export const TIME_START = `(?:(?:about|almost|nearly|over|around|more\\s+than|less\\s+than|the\\s+(?:past|last))\\s+)?(?:\\d|x\\s*\\d|${NUMBER_WORDS}\\s|${MONTHS}${END}|last\\s|this\\s|yesterday|then)`;

/** A length of time written before "clean": "3 months", "two years", "6 mo", "x2 weeks". */
export const DURATION = `(?:(?:x\\s*)?\\d+(?:\\.\\d+)?|${NUMBER_WORDS})[\\s-]*(?:days?|weeks?|wks?|months?|mos?|years?|yrs?)`;
