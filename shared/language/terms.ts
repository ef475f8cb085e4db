/**
 * Doorway's own list of words to offer alternatives for, with where each suggestion comes from
 * (DESIGN.md, "Destigmatizing language" and "Care principles"). The checker only suggests: people
 * choose how they are described, and a person's own words, quoted, are theirs to keep.
 *
 * Sources are cited per term, and only where the document itself names that word or phrase in its
 * table or text. What each cited document covers here:
 * - NIDA "Words Matter" table: addict, user, substance or drug abuser, junkie; alcoholic; former or
 *   reformed addict; habit; abuse; opioid substitution or replacement therapy; clean and dirty, in
 *   both the test-result and the person sense.
 * - ONDCP "Changing the Language of Addiction" (2017), its table and text: addict, abuser (with the
 *   Kelly & Westerhoff finding that "substance abuser" leads clinicians towards punishment),
 *   alcoholic, users, clean and dirty screens, clean and dirty for people, drug habit, former or
 *   reformed addict, opioid replacement and methadone maintenance, relapse, "manipulative" and
 *   "non-compliant".
 * - Botticelli & Koh, JAMA 2016: the "substance abuser" versus "person with a substance use disorder"
 *   evidence; cited for abuser and abuse only.
 * - AAP 2022 policy statement (PMC9386168), Table 1 and the AAP's announcement of it: substance or
 *   drug abuse, drug habit, drug abuser, addict.
 * Pairs that only DESIGN.md lists (drug-seeking, in denial, unmotivated, treatment failure, clean
 * and dirty needles, and the care-principle words for gaps and goals) cite "Doorway care principles"
 * alone, even where a published guide may well say the same. So do the slang labels beyond
 * "junkie", which rest on the brief's person-first principle.
 *
 * Patterns are regex sources compiled once by the checker with the `dgiu` flags. A named group `t`
 * marks the span to underline when the pattern needs context around it; otherwise the whole match
 * is underlined.
 */
import {
  fitsPersonAfter,
  isPlural,
  sentenceAfter,
  sentenceBefore,
  subjectBefore,
  thingOrCleaningBefore,
  tidy,
  type MatchContext,
} from './context';
import {
  DETERMINER,
  DURATION,
  END,
  JOIN,
  JOIN_OPT,
  ROUTE,
  START,
  SUBSTANCES,
  TIME_START,
} from './fragments';
import { disorderFor, inflect, personWhoUses, verbForm } from './wording';

export type SourceId = 'nida-words-matter' | 'ondcp-2017' | 'botticelli-koh-2016' | 'aap-2022' | 'doorway-care-principles';

/** `S` is the list's own source ids: the Spanish list (terms-es.ts) has its own. */
export interface LanguageSource<S extends string = SourceId> {
  id: S;
  /** A short name for a chip or a tooltip. */
  short: string;
  /** The full reference. */
  citation: string;
  url?: string;
  /** The document's title and publisher exactly as found (recorded for the Spanish sources). */
  title?: string;
  publisher?: string;
}

export const LANGUAGE_SOURCES: Readonly<Record<SourceId, LanguageSource>> = {
  'nida-words-matter': {
    id: 'nida-words-matter',
    short: 'NIDA, Words Matter',
    citation:
      'National Institute on Drug Abuse. Words Matter: Terms to Use and Avoid When Talking About Addiction. NIDAMED, updated 2021.',
    url: 'https://nida.nih.gov/nidamed-medical-health-professionals/health-professions-education/words-matter-terms-to-use-avoid-when-talking-about-addiction',
  },
  'ondcp-2017': {
    id: 'ondcp-2017',
    short: 'ONDCP 2017',
    citation:
      'Office of National Drug Control Policy, Executive Office of the President. Changing the Language of Addiction. January 2017.',
  },
  'botticelli-koh-2016': {
    id: 'botticelli-koh-2016',
    short: 'Botticelli & Koh, JAMA 2016',
    citation: 'Botticelli MP, Koh HK. Changing the language of addiction. JAMA. 2016;316(13):1361-1362.',
  },
  'aap-2022': {
    id: 'aap-2022',
    short: 'AAP 2022',
    citation:
      'Alinsky RH, Hadland SE, Quigley J, Patrick SW; AAP Committee on Substance Use and Prevention. Recommended Terminology for Substance Use Disorders in the Care of Children, Adolescents, Young Adults, and Families. Pediatrics. 2022;149(6):e2022057529.',
    url: 'https://pmc.ncbi.nlm.nih.gov/articles/PMC9386168/',
  },
  'doorway-care-principles': {
    id: 'doorway-care-principles',
    short: 'Doorway care principles',
    citation:
      "Doorway design brief, Care principles and Destigmatizing language: person-first words; time away, welcome back, door's open; goals are working on it, reached or set aside.",
  },
};

/** One way a term shows up in text. */
export interface TermRule {
  /** Regex source; see the file comment for flags and the `t` group. */
  pattern: string;
  /** Says whether this match really is the avoided sense, from the words around it. */
  accept?: (ctx: MatchContext) => boolean;
  /** Wording for this match; the term's `prefer` list is used when absent. */
  suggest?: (ctx: MatchContext) => readonly string[];
}

export interface LanguageTerm<S extends string = SourceId> {
  id: string;
  /** The avoided words as people would recognise them, for the settings screen and documentation. */
  avoid: readonly string[];
  /** Preferred wording in general; matches may offer more fitting forms of it. */
  prefer: readonly string[];
  /** One kind, plain sentence on why the other wording is offered. */
  why: string;
  sources: readonly S[];
  /** Lower-case fragments at least one of which every match contains; lets the checker skip a term quickly. */
  keywords: readonly string[];
  rules: readonly TermRule[];
}

/** Wraps a pattern in word edges so it never matches inside a longer word. */
const word = (pattern: string): string => `${START}${pattern}${END}`;

const before = (ctx: MatchContext, re: RegExp): boolean => re.test(sentenceBefore(ctx.text, ctx.matchStart));
const after = (ctx: MatchContext, re: RegExp): boolean => re.test(sentenceAfter(ctx.text, ctx.matchEnd));

const NEGATIVE_OR_POSITIVE = (adjective: string | undefined): string =>
  adjective?.toLowerCase() === 'dirty' ? 'positive' : 'negative';

/** Nouns for a drug test written after "clean" or "dirty": "clean UA", "dirty tox screen". */
const TEST_NOUN_AFTER =
  /(?:urine(?:[\s-]+(?:drug[\s-]+)?(?:screens?|tests?|samples?|specimens?|tox(?:icology)?(?:[\s-]+screens?)?|results?))?|uas?|uds|udt|drug[\s-]+(?:screens?|tests?)|tox(?:icology)?(?:[\s-]+(?:screens?|tests?|results?))?|screens?|tests?|samples?|specimens?|results?|pee)/u
    .source;

/** Nouns for a drug test written before "was clean": a bare "screen" is left out, it may be a monitor. */
const TEST_NOUN_BEFORE =
  /(?:urine(?:[\s-]+(?:drug[\s-]+)?(?:screens?|tests?|samples?|specimens?|tox(?:icology)?(?:[\s-]+screens?)?|results?))?|uas?|uds|udt|drug[\s-]+(?:screens?|tests?)|tox(?:icology)?(?:[\s-]+(?:screens?|tests?|results?))?|tests?|results?|samples?|specimens?)/u
    .source;

const TEST_LINKS =
  /(?:was|were|is|are|came\s+back|comes\s+back|come\s+back|returned|returns|looked|looks|has\s+been|have\s+been|had\s+been|showed|shows|read|reads|remained|remains|stayed|stays|still|all|again)/u
    .source;

const FAIL_VERB = /(?:failed|fails|fail|failing|flunked|flunks|flunking|flunk)/u.source;
const WHICH_TRY = /(?:first|second|third|last|previous|prior|latest|recent|another|multiple|several|many)/u.source;
/** Kinds of treatment someone can be said to have "failed". */
const TREATMENT =
  /(?:treatments?|tx|rehabs?|detox(?:es)?|programs?|programmes?|methadone|buprenorphine|suboxone|bupe|mat|moud|otp|iop|inpatient|outpatient|residential|recovery|sobriety)/u
    .source;

/** The substance a slang label names, so the suggestion can keep it ("pothead" -> "uses cannabis"). */
const SLANG_SUBSTANCE: Readonly<Record<string, string>> = {
  pot: 'cannabis',
  stoner: 'cannabis',
  meth: 'meth',
  tweaker: 'meth',
  crack: 'crack',
};

export const LANGUAGE_TERMS: readonly LanguageTerm[] = [
  {
    id: 'former-addict',
    avoid: ['former addict', 'ex-addict', 'reformed addict', 'recovering addict', 'former drug user'],
    prefer: ['person in recovery', 'person who used to use drugs'],
    why: '"Person in recovery" recognises the change without keeping the old label.',
    sources: ['nida-words-matter', 'ondcp-2017'],
    keywords: ['addict', 'junkie', 'alcoholic', 'abuser', 'user'],
    rules: [
      {
        pattern: word(
          `(?:former|ex|reformed|recovering|recovered)${JOIN_OPT}(?:(?:${ROUTE}|${SUBSTANCES})${JOIN})?(?<w>addicts?|junkies?|alcoholics?|abusers?)`,
        ),
      },
      {
        // "former user" alone is left alone: it is as often about a computer account.
        pattern: word(`(?:former|ex|reformed|recovering|recovered)${JOIN_OPT}(?:${ROUTE}|${SUBSTANCES})${JOIN}(?<w>users?)`),
      },
    ].map((rule) => ({
      ...rule,
      suggest: ({ groups }: MatchContext) =>
        isPlural(groups.w)
          ? ['people in recovery', 'people who used to use drugs']
          : ['person in recovery', 'person who used to use drugs'],
    })),
  },
  {
    id: 'addict',
    avoid: ['addict', 'addicts', 'heroin addict', 'drug addict'],
    prefer: ['person who uses drugs', 'person with a substance use disorder'],
    why: 'Person-first words describe someone by who they are, not by their substance use.',
    sources: ['nida-words-matter', 'ondcp-2017', 'aap-2022'],
    keywords: ['addict'],
    rules: [
      {
        pattern: word(`(?:(?<q>${ROUTE}|${SUBSTANCES})${JOIN})?(?<w>addicts?)`),
        suggest: ({ groups }) => personWhoUses(groups.q, isPlural(groups.w)),
      },
    ],
  },
  {
    id: 'user',
    avoid: ['drug user', 'IV drug user', 'heroin user', 'meth users', 'users of heroin', 'IVDU'],
    prefer: ['person who uses drugs', 'person who injects drugs'],
    why: '"Person who uses drugs" keeps the person first and says only what is known.',
    sources: ['nida-words-matter', 'ondcp-2017'],
    keywords: ['user', 'ivdu'],
    // "User" alone is not flagged: it names staff accounts ("staff user", "end user", "username")
    // and "service user" is a description some people choose. Only a substance or an injection
    // route next to it ("drug user", "IV user", "users of meth") makes it a label for a person.
    rules: [
      {
        pattern: word(`(?<q>${ROUTE}|${SUBSTANCES})${JOIN}(?<w>users?)`),
        suggest: ({ groups }) => personWhoUses(groups.q, isPlural(groups.w)),
      },
      {
        pattern: word(`(?<w>users?)\\s+of\\s+(?<q>${SUBSTANCES})`),
        suggest: ({ groups }) => personWhoUses(groups.q, isPlural(groups.w)),
      },
      {
        pattern: word('(?<w>ivdus?)'),
        suggest: ({ groups }) => personWhoUses('IV', isPlural(groups.w)),
      },
    ],
  },
  {
    id: 'junkie',
    avoid: ['junkie', 'junkies'],
    prefer: ['person who uses drugs'],
    why: 'Slang labels carry a lot of hurt; describing the person first keeps the record respectful.',
    sources: ['nida-words-matter'],
    keywords: ['junkie'],
    rules: [
      {
        pattern: word(`(?:(?<q>${SUBSTANCES})${JOIN})?(?<w>junkies?)`),
        // "News junkie" and "adrenaline junkie" are about enthusiasm, not substance use.
        accept: (ctx) =>
          !before(
            ctx,
            /(?:adrenaline|news|gym|fitness|politic(?:al|s)|sugar|coffee|caffeine|data|tech|sports?|exercise|thrill|culture|music|movie|film|book|gaming|workout|health|food)[\s-]+$/iu,
          ),
        suggest: ({ groups }) => personWhoUses(groups.q, isPlural(groups.w)),
      },
    ],
  },
  {
    id: 'abuser',
    avoid: ['drug abuser', 'substance abuser', 'alcohol abuser', 'IVDA'],
    prefer: ['person who uses drugs', 'person with a substance use disorder'],
    why: '"Abuser" ties substance use to blame, and research shows it leads even clinicians to favour punishment over care.',
    sources: ['nida-words-matter', 'ondcp-2017', 'botticelli-koh-2016', 'aap-2022'],
    keywords: ['abuser', 'ivda'],
    // "Her abuser" and "child abuser" are about violence, so a substance must be named.
    rules: [
      {
        pattern: word(`(?<q>${ROUTE}|${SUBSTANCES})${JOIN}(?<w>abusers?)`),
        suggest: ({ groups }) => personWhoUses(groups.q, isPlural(groups.w)),
      },
      {
        pattern: word(`(?<w>abusers?)\\s+of\\s+(?<q>${SUBSTANCES})`),
        suggest: ({ groups }) => personWhoUses(groups.q, isPlural(groups.w)),
      },
      {
        pattern: word('(?<w>ivdas?)'),
        suggest: ({ groups }) => personWhoUses('IV', isPlural(groups.w)),
      },
    ],
  },
  {
    id: 'alcoholic',
    avoid: ['alcoholic', 'alcoholics'],
    prefer: ['person with alcohol use disorder', 'person who drinks'],
    why: 'Naming the condition, rather than labelling the person, keeps the person first.',
    sources: ['nida-words-matter', 'ondcp-2017'],
    keywords: ['alcoholic'],
    rules: [
      {
        pattern: word('(?<w>alcoholics?)'),
        // Drinks, medical conditions and the names of mutual-help groups are not labels for a person.
        accept: (ctx) =>
          !before(ctx, /(?:^|[^\p{L}])(?:non[\s\-\u2010\u2011]*|children\s+of\s+)$/iu) &&
          !after(
            ctx,
            /^\s*(?:anonymous|[\s-]*(?:beverages?|drinks?|liver|hepatitis|cirrhosis|ketoacidosis|pancreatitis|cardiomyopathy|neuropathy|polyneuropathy|myopathy|fatty|steatohepatitis|content|liquor|spirits|gastritis|hallucinosis|dementia|encephalopathy|punch|cider|seltzer))/iu,
          ),
        suggest: ({ groups }) =>
          isPlural(groups.w)
            ? ['people with alcohol use disorder', 'people who drink']
            : ['person with alcohol use disorder', 'person who drinks'],
      },
    ],
  },
  {
    id: 'substance-abuse',
    avoid: ['drug abuse', 'substance abuse', 'alcohol abuse', 'opioid abuse', 'abusing alcohol'],
    prefer: ['substance use', 'substance use disorder'],
    why: '"Abuse" suggests wrongdoing; "use" describes what happens without judgement.',
    sources: ['nida-words-matter', 'ondcp-2017', 'botticelli-koh-2016', 'aap-2022'],
    keywords: ['abus'],
    // "Abuse" alone stays unflagged: physical, sexual, child and domestic abuse are harms done to
    // a person, and the record must be able to name them plainly.
    rules: [
      {
        pattern: word(`(?<q>${ROUTE}|${SUBSTANCES})${JOIN}abuse`),
        // Organisation names keep their own words (NIDA, NIAAA, SAMHSA).
        accept: (ctx) =>
          !before(ctx, /institute\s+on\s+$/iu) && !after(ctx, /^\s+and\s+(?:mental\s+health|alcoholism)/iu),
        suggest: ({ groups }) => {
          const q = tidy(groups.q);
          const first = /prescription/iu.test(q) ? [`${q} misuse`, `${q} use`] : [`${q} use`];
          return [...first, 'substance use', disorderFor(groups.q)];
        },
      },
      {
        pattern: word(
          `(?<t>abus(?:e|es|ed|ing))\\s+(?:of\\s+)?(?:(?:his|her|their|the|prescribed)\\s+)?(?<q>${SUBSTANCES})`,
        ),
        suggest: ({ groups }) => [
          inflect(groups.t, { base: 'use', third: 'uses', past: 'used', ing: 'using' }),
          inflect(groups.t, { base: 'misuse', third: 'misuses', past: 'misused', ing: 'misusing' }),
        ],
      },
    ],
  },
  {
    id: 'habit',
    avoid: ['drug habit', 'heroin habit', '$100 a day habit'],
    prefer: ['substance use', 'substance use disorder'],
    why: '"Habit" can suggest it is only a matter of willpower, which is not how substance use works.',
    sources: ['nida-words-matter', 'ondcp-2017', 'aap-2022'],
    keywords: ['habit'],
    // Everyday habits (sleep habits, good habits) are left alone: a substance or a price must be named.
    rules: [
      {
        pattern: word(`(?<q>${ROUTE}|${SUBSTANCES})${JOIN}(?<w>habits?)`),
        suggest: ({ groups }) => [`${tidy(groups.q)} use`, disorderFor(groups.q)],
      },
      {
        pattern: word(
          `(?:\\$\\s?\\d[\\d,.]*|\\d[\\d,.]*\\s*dollars?)(?:[\\s-]*(?:a|an|per|/)[\\s-]*(?:day|week))?[\\s-]+(?<t>habit)`,
        ),
        suggest: () => ['use', 'substance use'],
      },
    ],
  },
  {
    id: 'clean-dirty-test',
    avoid: ['clean urine', 'dirty UA', 'urine was clean', 'tested clean', 'came back dirty'],
    prefer: ['negative', 'positive'],
    why: 'Results are positive or negative, as for any other test; "dirty" can feel like it is about the person.',
    sources: ['nida-words-matter', 'ondcp-2017'],
    keywords: ['clean', 'dirty'],
    rules: [
      {
        // "clean urine", "dirty UA", "clean tox screen" (not "clean test strips" or a clean-catch sample).
        pattern: word(`(?<a>clean|dirty)${JOIN}(?<n>${TEST_NOUN_AFTER})`),
        accept: (ctx) => !after(ctx, /^[\s-]*(?:strips?|kits?|tubes?|cups?)\b/iu),
        suggest: ({ groups }) => {
          const result = NEGATIVE_OR_POSITIVE(groups.a);
          const noun = tidy(groups.n);
          return [noun.toLowerCase() === 'urine' ? `${result} urine test` : `${result} ${noun}`, `${result} result`];
        },
      },
      {
        // "urine was clean", "UA came back dirty": only the adjective is underlined.
        pattern: word(`${TEST_NOUN_BEFORE}\\s+(?:${TEST_LINKS}\\s+)*(?<t>clean|dirty)`),
        accept: (ctx) => !after(ctx, /^[\s-]*catch/iu),
        suggest: ({ groups }) => [NEGATIVE_OR_POSITIVE(groups.t)],
      },
      {
        // "tested clean", "came up dirty", "popped dirty": the verb and adjective become "tested positive".
        pattern: word(
          '(?<v>tested|tests|testing|test|came\\s+(?:up|back)|comes?\\s+(?:up|back)|coming\\s+(?:up|back)|popped|pops?|popping|dropped|drops?|dropping|peed|pees?|peeing|turned\\s+up)\\s+(?<a>clean|dirty)',
        ),
        suggest: ({ groups }) => [
          `${inflect(groups.v, { base: 'test', third: 'tests', past: 'tested', ing: 'testing' })} ${NEGATIVE_OR_POSITIVE(groups.a)}`,
        ],
      },
      {
        // "dirty for fentanyl": a result for a named substance.
        pattern: word(`(?<t>clean|dirty)\\s+for\\s+${SUBSTANCES}`),
        suggest: ({ groups }) => [NEGATIVE_OR_POSITIVE(groups.t)],
      },
    ],
  },
  {
    id: 'clean-person',
    avoid: ['clean for 3 months', 'she is clean', 'got clean', 'clean and sober'],
    prefer: ['not currently using', 'in recovery'],
    why: 'Saying what is happening ("not using", "in recovery") avoids suggesting that someone who uses is dirty.',
    sources: ['nida-words-matter', 'ondcp-2017'],
    keywords: ['clean'],
    // "Clean" as hygiene, wound care and supplies ("cleaned the wound", "clean dressing", "clean
    // water", "keep the site clean for 48 hours", "wound is clean and dry") is everyday language
    // and is left alone; only time spent not using, and a person as the subject, are flagged.
    rules: [
      {
        pattern: word('(?<t>clean)') + `(?=\\s+(?:for|since)\\s+${TIME_START})`,
        accept: (ctx) => !thingOrCleaningBefore(ctx.text, ctx.matchStart),
        suggest: (ctx) =>
          /(?:^|[^\p{L}])(?:is|was|are|were|am|be|been|being|stay|stays|stayed|staying|remain|remains|remained)\s+$|['’](?:s|re|m)\s+$/iu.test(
            sentenceBefore(ctx.text, ctx.matchStart),
          )
            ? ['in recovery', 'abstinent']
            : ['not using', 'in recovery', 'abstinent'],
      },
      {
        pattern: word(`(?<d>${DURATION})[\\s-]+clean`),
        accept: (ctx) => !thingOrCleaningBefore(ctx.text, ctx.matchStart) && fitsPersonAfter(ctx.text, ctx.matchEnd),
        suggest: ({ groups }) => {
          const d = tidy(groups.d);
          return [`${d} without using`, `${d} in recovery`];
        },
      },
      {
        pattern: word('clean\\s*(?:and|&|\\+)\\s*sober'),
        suggest: () => ['in recovery', 'not currently using'],
      },
      {
        pattern: word(`clean${JOIN}(?<n>time|date)`),
        suggest: ({ groups }) =>
          groups.n?.toLowerCase() === 'date' ? ['recovery date'] : ['time in recovery', 'time without using'],
      },
      {
        // "she is clean", "he's been clean", "I'm clean", "stay clean".
        pattern:
          `(?:${START}(?<v>is|was|are|were|am|be|been|being|stay|stays|stayed|staying|remain|remains|remained|remaining)|['’](?:s|re|m))` +
          `\\s+(?<adv>(?:(?:still|now|currently|totally|completely|fully|finally|not|never|always|really|mostly|been)\\s+)*)(?<t>clean)${END}`,
        accept: (ctx) =>
          subjectBefore(ctx.text, ctx.matchStart).kind !== 'thing' && fitsPersonAfter(ctx.text, ctx.matchEnd),
        // "Not currently using" only fits straight after "is"/"was": after "not" it would say the
        // opposite, and after "been" or "stay" it does not read.
        suggest: ({ groups }) => {
          const verb = groups.v?.toLowerCase() ?? '';
          const adverbs = groups.adv ?? '';
          if (/\b(?:not|never)\b/iu.test(adverbs) || /^(?:stay|remain)/u.test(verb)) return ['abstinent', 'in recovery'];
          if (/^be/u.test(verb) || /\bbeen\b/iu.test(adverbs)) return ['in recovery', 'abstinent'];
          return ['not currently using', 'in recovery', 'abstinent'];
        },
      },
      {
        // "got clean", "getting clean" (but not "got clean needles").
        pattern: word('(?<v>get|gets|got|gotten|getting)\\s+clean'),
        accept: (ctx) => fitsPersonAfter(ctx.text, ctx.matchEnd),
        suggest: ({ groups }) => [
          inflect(groups.v, { base: 'stop using', third: 'stops using', past: 'stopped using', ing: 'stopping use' }),
          inflect(groups.v, {
            base: 'start recovery',
            third: 'starts recovery',
            past: 'started recovery',
            ing: 'starting recovery',
          }),
        ],
      },
    ],
  },
  {
    id: 'needle',
    avoid: ['clean needle', 'dirty needle', 'dirty syringe', 'dirty rig'],
    prefer: ['unused syringe', 'used syringe'],
    why: '"Used" and "unused" describe the equipment plainly, without suggesting anyone is dirty.',
    sources: ['doorway-care-principles'],
    keywords: ['clean', 'dirty'],
    rules: [
      {
        pattern: word(`(?<a>clean|dirty)${JOIN}(?<n>needles?|syringes?|rigs?|sharps|cookers?)`),
        suggest: ({ groups }) => {
          const noun = tidy(groups.n).toLowerCase();
          const s = isPlural(noun) && noun !== 'sharps' ? 's' : '';
          const isNeedle = noun.startsWith('needle');
          if (groups.a?.toLowerCase() === 'dirty') {
            return isNeedle ? [`used syringe${s}`, `used needle${s}`] : [`used ${noun}`];
          }
          return isNeedle ? [`unused syringe${s}`, `new needle${s}`] : [`unused ${noun}`, `new ${noun}`];
        },
      },
    ],
  },
  {
    id: 'replacement-therapy',
    avoid: ['opioid replacement therapy', 'substitution therapy', 'methadone maintenance'],
    prefer: ['medication for opioid use disorder', 'opioid agonist treatment'],
    why: 'Medication for opioid use disorder is treatment, not swapping one drug for another.',
    sources: ['nida-words-matter', 'ondcp-2017'],
    keywords: ['replacement', 'substitut', 'maintenance'],
    rules: [
      {
        pattern: word(
          `(?:opioid|opiate|methadone|buprenorphine|suboxone|drug|narcotic)s?${JOIN}(?:replacement|substitution|substitute)(?:${JOIN}(?:therapy|therapies|treatments?|tx|programs?|medications?|meds))?`,
        ),
      },
      {
        pattern: word(`(?:replacement|substitution)${JOIN}(?:therapy|therapies|treatment|tx)`),
        // Nicotine, hormone, enzyme and renal replacement therapies are other treatments altogether.
        accept: (ctx) =>
          !before(
            ctx,
            /(?:nicotine|hormone|hormonal|enzyme|renal|thyroid|o?estrogen|testosterone|androgen|vitamin|fluid|electrolyte|iron|factor|insulin|joint|hip|knee|valve|kidney|gender[\s-]+affirming)[\s-]+$/iu,
          ),
      },
      {
        pattern: word(`methadone${JOIN}maintenance(?:${JOIN}(?:therapy|treatment|tx))?`),
        suggest: () => ['methadone treatment', 'opioid agonist treatment', 'medication for opioid use disorder'],
      },
    ],
  },
  {
    id: 'relapse',
    avoid: ['relapse', 'relapsed', 'relapsing'],
    prefer: ['return to use', 'recurrence of use'],
    why: '"Return to use" describes what happened without suggesting failure; it can be part of anyone\'s path.',
    sources: ['ondcp-2017'],
    keywords: ['relaps'],
    rules: [
      {
        pattern: word('(?<t>relaps(?:e|es|ed|ing|ers?))'),
        // Relapsing-remitting MS, relapsed leukaemia and the like are other illnesses.
        accept: (ctx) =>
          !after(
            ctx,
            /^(?:[\s-]+(?:remitting|fever|polychondritis|leuka?emia|lymphoma|myeloma|cancer|disease)|\s*(?:\/|or|and)\s*refractory)/iu,
          ) &&
          !before(
            ctx,
            /(?:\bms|sclerosis|cancer|leuka?emia|lymphoma|myeloma|malaria|crohn['’]?s|lupus|tb|tuberculosis)[\s-]+$/iu,
          ),
        suggest: ({ groups }) => {
          const w = tidy(groups.t).toLowerCase();
          if (w.startsWith('relapser')) {
            return isPlural(w) ? ['people who returned to use'] : ['person who returned to use'];
          }
          return [
            inflect(w, {
              base: 'return to use',
              third: 'returns to use',
              past: 'returned to use',
              ing: 'returning to use',
            }),
            ...(w === 'relapse' ? ['recurrence of use'] : []),
          ];
        },
      },
    ],
  },
  {
    id: 'treatment-failure',
    avoid: ['treatment failure', 'failed treatment', 'failed rehab', 'failed detox'],
    prefer: ['treatment attempt'],
    why: 'Every try at treatment counts; a plan that did not fit is not the person failing.',
    sources: ['doorway-care-principles'],
    keywords: ['fail', 'flunk'],
    rules: [
      {
        pattern: word(`treatment${JOIN}(?<w>failures?)`),
        // HIV, antibiotic or cancer treatment failure is a clinical finding about a medicine.
        accept: (ctx) =>
          !before(
            ctx,
            /(?:hiv|art|antiretroviral|antibiotics?|virologic(?:al)?|hcv|hep(?:atitis)?\s*c|tb|tuberculosis|cancer|chemo(?:therapy)?|antifungal|antiviral)[\s-]+$/iu,
          ),
        suggest: ({ groups }) => (isPlural(groups.w) ? ['treatment attempts'] : ['treatment attempt']),
      },
      {
        pattern: word(
          `(?<v>${FAIL_VERB})\\s+(?:out\\s+of\\s+|at\\s+)?(?<rest>(?:${DETERMINER}\\s+)?(?:${WHICH_TRY}\\s+)?${TREATMENT})`,
        ),
        // "Afraid she'll fail detox" must not become "try detox", so the base form offers "stop".
        suggest: ({ groups }) => {
          const rest = tidy(groups.rest);
          const stopped = inflect(groups.v, { base: 'stop', third: 'stops', past: 'stopped', ing: 'stopping' });
          if (verbForm(groups.v) === 'base') return [`${stopped} ${rest}`];
          const tried = inflect(groups.v, { base: 'try', third: 'tries', past: 'tried', ing: 'trying' });
          return [`${tried} ${rest}`, `${stopped} ${rest}`];
        },
      },
    ],
  },
  {
    id: 'failed-goal',
    avoid: ['failed goal', 'failed her goal', 'goal failed', 'failed to meet goal'],
    prefer: ['set aside', 'still working on it'],
    why: 'Goals belong to the person and can be set aside or picked up again; nobody fails a goal here.',
    sources: ['doorway-care-principles'],
    keywords: ['fail'],
    rules: [
      {
        pattern: word(
          `(?<t>failed|fails|fail|failing)(?=\\s+(?:${DETERMINER}\\s+)?(?:own\\s+|(?:first|second|last|main|big)\\s+)?goals?${END})`,
        ),
        suggest: ({ groups }) =>
          groups.t?.toLowerCase() === 'failing'
            ? ['setting aside', 'working on']
            : [inflect(groups.t, { base: 'set aside', third: 'sets aside', past: 'set aside', ing: 'setting aside' })],
      },
      {
        pattern: word('goals?\\s+(?:(?:was|were|is|are|has\\s+been|have\\s+been|got|been)\\s+)?(?<t>failed)'),
        suggest: () => ['set aside'],
      },
      {
        pattern: word(
          `(?<t>(?:failed|fails|fail|failing)\\s+to\\s+(?:meet|reach|achieve|complete|accomplish|hit|make|keep))(?=\\s+(?:${DETERMINER}\\s+)?(?:own\\s+)?goals?${END})`,
        ),
        suggest: () => ['is still working on', 'set aside'],
      },
      {
        pattern: word(`goals?${JOIN}failures?`),
        suggest: () => ['goal set aside'],
      },
    ],
  },
  {
    id: 'non-compliant',
    avoid: ['non-compliant', 'noncompliant', 'non compliance', 'not compliant'],
    prefer: ['not currently following the plan', 'looking for other options'],
    why: 'Describing what the person is doing, or choosing, keeps the door open without blame.',
    sources: ['ondcp-2017', 'doorway-care-principles'],
    keywords: ['complian'],
    rules: [
      {
        pattern: word(`(?<t>non${JOIN_OPT}complian(?:t|ce|cy))`),
        // Regulatory compliance ("non-compliant with HIPAA") is about systems, not people.
        accept: (ctx) =>
          !after(ctx, /^\s+(?:with\s+)?(?:hipaa|regulations?|polic(?:y|ies)|standards?|the\s+law|law|requirements?|code)\b/iu),
        suggest: ({ groups }) =>
          /t$/iu.test(groups.t ?? '')
            ? ['not currently following the plan', 'looking for other options']
            : ['not following the plan right now', 'choosing other options'],
      },
      {
        pattern: word('not\\s+(?:being\\s+)?compliant'),
        suggest: () => ['not currently following the plan', 'looking for other options'],
      },
    ],
  },
  {
    id: 'drug-seeking',
    avoid: ['drug-seeking', 'drug seeking', 'drug seeker', 'med seeking'],
    prefer: ['seeking relief', 'needs not met'],
    why: 'Asking for medicine usually means a need is not met yet, such as pain or withdrawal.',
    sources: ['doorway-care-principles'],
    keywords: ['seek'],
    rules: [
      {
        pattern: word(
          `(?:drugs?|meds?|medications?|narcotics?|opioids?|opiates?|benzos?|pain${JOIN}(?:meds?|medications?))${JOIN_OPT}(?<w>seeking|seekers?)`,
        ),
        suggest: ({ groups }) => {
          const w = tidy(groups.w).toLowerCase();
          if (w === 'seeker') return ['person seeking relief'];
          if (w === 'seekers') return ['people seeking relief'];
          return ['seeking relief', 'needs not met'];
        },
      },
    ],
  },
  {
    id: 'manipulative',
    avoid: ['manipulative', 'manipulating staff'],
    prefer: ['trying to get needs met'],
    why: 'People often work hard to get their needs met in systems that can feel controlling.',
    sources: ['ondcp-2017'],
    keywords: ['manipulat'],
    rules: [
      {
        pattern: word('manipulative(?:ness)?'),
        suggest: () => ['trying to get needs met', 'working to get needs met'],
      },
      {
        // Only with people as the object: "manipulated the shoulder" is a physical examination.
        pattern:
          word('(?<t>manipulat(?:ing|es|ed|e))') +
          '(?=\\s+(?:staff|people|providers?|doctors?|nurses?|clinicians?|workers?|us|me|others|everyone|the\\s+(?:system|team|staff|clinic|doctors?|nurses?)))',
        suggest: ({ groups }) => [
          inflect(groups.t, {
            base: 'try to get needs met from',
            third: 'tries to get needs met from',
            past: 'tried to get needs met from',
            ing: 'trying to get needs met from',
          }),
        ],
      },
    ],
  },
  {
    id: 'in-denial',
    avoid: ['in denial'],
    prefer: ['not ready', 'seeing it differently'],
    why: 'Someone may not be ready, or may see things differently, and that is theirs to decide.',
    sources: ['doorway-care-principles'],
    keywords: ['denial'],
    rules: [{ pattern: word(`in${JOIN}denial`) }],
  },
  {
    id: 'unmotivated',
    avoid: ['unmotivated', 'not motivated', 'lacks motivation'],
    prefer: ['not ready', 'focused on other priorities'],
    why: 'People have their own priorities and timing; "not ready" leaves room for later.',
    sources: ['doorway-care-principles'],
    keywords: ['motivat'],
    rules: [
      { pattern: word(`(?:un${JOIN_OPT}motivated|not\\s+motivated|poorly\\s+motivated)`) },
      {
        pattern: word('lacks\\s+motivation'),
        suggest: () => ['is not ready', 'has other priorities right now'],
      },
    ],
  },
  {
    id: 'lost-to-follow-up',
    avoid: ['lost to follow-up', 'LTFU'],
    prefer: ['having time away', 'not in touch lately'],
    why: "Gaps in contact are a normal pattern, and the door stays open for when they're ready.",
    sources: ['doorway-care-principles'],
    keywords: ['lost', 'ltfu'],
    rules: [{ pattern: word(`lost\\s+to${JOIN}(?:follow${JOIN_OPT}up|f/u|fu)`) }, { pattern: word('ltfu') }],
  },
  {
    id: 'drop-out',
    avoid: ['dropped out of treatment', 'drop-out', 'dropout'],
    prefer: ['time away', 'stepping away'],
    why: "Stepping away is part of many people's path; they are welcome back whenever they are ready.",
    sources: ['doorway-care-principles'],
    keywords: ['drop'],
    rules: [
      {
        pattern: word('(?<v>dropped|drops|drop|dropping)\\s+out(?<of>\\s+of)?'),
        // Leaving school or a team is not about care.
        accept: (ctx) =>
          !after(
            ctx,
            /^\s+(?:the\s+)?(?:(?:high|middle|grad(?:uate)?)\s+)?(?:school|college|university|uni|class(?:es)?|course|race|band|team|competition)\b/iu,
          ),
        suggest: ({ groups }) => {
          const from = groups.of === undefined ? '' : ' from';
          return [
            `${inflect(groups.v, { base: 'step', third: 'steps', past: 'stepped', ing: 'stepping' })} away${from}`,
            `${inflect(groups.v, { base: 'take', third: 'takes', past: 'took', ing: 'taking' })} time away${from}`,
          ];
        },
      },
      {
        pattern: word('drop[\\-\\u2010\\u2011]?(?<w>outs?)'),
        accept: (ctx) => !before(ctx, /(?:school|college|university|uni)[\s-]+$/iu),
        suggest: ({ groups }) => (isPlural(groups.w) ? ['times away', 'people stepping away'] : ['time away', 'stepping away']),
      },
    ],
  },
  {
    id: 'slang-labels',
    avoid: ['crackhead', 'pothead', 'methhead', 'tweaker', 'druggie', 'dope fiend', 'stoner'],
    prefer: ['person who uses drugs'],
    why: 'Slang labels reduce someone to their substance use; describing the person first keeps the record respectful.',
    sources: ['doorway-care-principles'],
    keywords: ['head', 'tweak', 'drugg', 'fiend', 'stoner'],
    rules: [
      {
        pattern: word(
          `(?<w>(?<s>crack|pot|meth|dope)${JOIN_OPT}heads?|tweakers?|druggies|druggie|dope${JOIN_OPT}fiends?|stoners?)`,
        ),
        suggest: ({ groups }) => {
          const w = tidy(groups.w).toLowerCase();
          return personWhoUses(SLANG_SUBSTANCE[groups.s?.toLowerCase() ?? w.replace(/s$/u, '')], isPlural(w));
        },
      },
    ],
  },
];
