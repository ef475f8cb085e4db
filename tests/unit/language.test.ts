import { describe, expect, it } from 'vitest';
import { checkLanguage, insideQuotes, LANGUAGE_SOURCES, LANGUAGE_TERMS, quoteSpan, suggestReplacement, unquotedFindings } from '../../shared/language';

/**
 * Each row: the text, the term ids expected in order of position (empty for text that must not be
 * flagged), and, where it matters, the exact substrings that are underlined.
 */
type Row = [text: string, termIds: string[], matched?: string[]];

const ROWS: Row[] = [
  // Labels for people
  ['He is an addict.', ['addict'], ['addict']],
  ['Two addicts came by the van.', ['addict'], ['addicts']],
  ['Known heroin addict.', ['addict'], ['heroin addict']],
  ['She does not want to be called a junkie.', ['junkie'], ['junkie']],
  ['A few junkies were at the park.', ['junkie'], ['junkies']],
  ['He calls himself a news junkie.', []],
  ['Long history as a drug abuser.', ['abuser'], ['drug abuser']],
  ['Substance abusers often avoid clinics.', ['abuser'], ['Substance abusers']],
  ['She is staying away from her abuser.', []],
  ['The child abuser was arrested.', []],
  ['He is an alcoholic.', ['alcoholic'], ['alcoholic']],
  ['Admitted with alcoholic hepatitis.', []],
  ['Offered a non-alcoholic drink.', []],
  ['Goes to Alcoholics Anonymous on Tuesdays.', []],
  ['Former addict, now a peer worker.', ['former-addict'], ['Former addict']],
  ['He is an ex-addict.', ['former-addict'], ['ex-addict']],
  ['Support group for recovering alcoholics.', ['former-addict'], ['recovering alcoholics']],
  ['Many of our volunteers are former drug users.', ['former-addict'], ['former drug users']],
  ['Slang: crackhead, pothead, tweaker.', ['slang-labels', 'slang-labels', 'slang-labels']],

  // "User" is only a label next to a substance or an injection route
  ['IV drug user, new to the program.', ['user'], ['IV drug user']],
  ['Heroin users and meth users both came.', ['user', 'user'], ['Heroin users', 'meth users']],
  ['Sees a lot of users of fentanyl.', ['user'], ['users of fentanyl']],
  ['Pt is an IVDU.', ['user'], ['IVDU']],
  ['Reset the username for the staff user.', []],
  ['Create a user account for the end user.', []],
  ['Most users of the SSP come on Fridays.', []],
  ['The last user signed out at 5.', []],

  // Abuse: substance sense flagged, harm done to a person never
  ['History of drug abuse.', ['substance-abuse'], ['drug abuse']],
  ['Referred for substance abuse counselling.', ['substance-abuse'], ['substance abuse']],
  ['Alcohol abuse in her twenties.', ['substance-abuse'], ['Alcohol abuse']],
  ['Worried about opioid abuse.', ['substance-abuse'], ['opioid abuse']],
  ['History of drug and alcohol abuse.', ['substance-abuse'], ['drug and alcohol abuse']],
  ['He has been abusing alcohol.', ['substance-abuse'], ['abusing']],
  ['Disclosed physical abuse and sexual abuse.', []],
  ['Child abuse report filed; domestic abuse shelter called.', []],
  ['She was abused by her partner.', []],
  ['Called the National Institute on Drug Abuse hotline.', []],
  ['Substance Abuse and Mental Health Services Administration grant.', []],

  // Habit
  ['Says his drug habit costs a lot.', ['habit'], ['drug habit']],
  ['Has a $100 a day habit.', ['habit'], ['habit']],
  ['Talked about sleep habits and a good routine.', []],
  ['Camp is near the creek habitat.', []],
  ['Habitual late riser.', []],

  // Clean and dirty: test results
  ['Clean urine today.', ['clean-dirty-test'], ['Clean urine']],
  ['Dirty UA on Monday.', ['clean-dirty-test'], ['Dirty UA']],
  ['Her urine was clean.', ['clean-dirty-test'], ['clean']],
  ['Tox screen came back dirty for fentanyl.', ['clean-dirty-test'], ['came back dirty']],
  ['He tested clean last week.', ['clean-dirty-test'], ['tested clean']],
  ['Dirty for meth and fentanyl.', ['clean-dirty-test'], ['Dirty']],
  ['Collected a clean-catch urine sample.', []],
  ['Gave out clean test strips.', []],

  // Clean: about a person, versus hygiene and wound care
  ['Clean for 3 months.', ['clean-person'], ['Clean']],
  ['She is clean.', ['clean-person'], ['clean']],
  ["He's been clean x2 weeks.", ['clean-person'], ['clean']],
  ['Maria has been clean since January.', ['clean-person'], ['clean']],
  ['6 months clean and proud of it.', ['clean-person'], ['6 months clean']],
  ['Clean and sober since spring.', ['clean-person'], ['Clean and sober']],
  ['He got clean in 2019.', ['clean-person'], ['got clean']],
  ['She wants to stay clean.', ['clean-person'], ['clean']],
  ['Cleaned the wound and applied a clean dressing.', []],
  ['Gave clean water and clean supplies.', []],
  ['Wound is clean and dry.', []],
  ['Keep the site clean for 48 hours.', []],
  ['Pt is clean and well groomed.', []],
  ['He is clean-shaven today.', []],
  ['Had a clean break in the tibia.', []],
  ['The kitchen at the shelter was clean.', []],

  // Needles and equipment
  ['Asked for a clean needle.', ['needle'], ['clean needle']],
  ['Was sharing dirty needles.', ['needle'], ['dirty needles']],
  ['Bring back dirty rigs for disposal.', ['needle'], ['dirty rigs']],

  // Medication for opioid use disorder
  ['Interested in opioid replacement therapy.', ['replacement-therapy'], ['opioid replacement therapy']],
  ['On methadone maintenance for five years.', ['replacement-therapy'], ['methadone maintenance']],
  ['Was on substitution therapy before.', ['replacement-therapy'], ['substitution therapy']],
  ['Started nicotine replacement therapy.', []],
  ['Continues hormone replacement therapy.', []],

  // Return to use
  ['She relapsed last month.', ['relapse'], ['relapsed']],
  ['Relapse is common.', ['relapse'], ['Relapse']],
  ['He keeps relapsing and relapses again.', ['relapse', 'relapse'], ['relapsing', 'relapses']],
  ['Has relapsing-remitting MS.', []],

  // Failure words
  ['Treatment failure noted.', ['treatment-failure'], ['Treatment failure']],
  ['She failed rehab twice.', ['treatment-failure'], ['failed rehab']],
  ['He failed treatment at the county program.', ['treatment-failure'], ['failed treatment']],
  ['Failed goal: housing.', ['failed-goal'], ['Failed']],
  ['He failed his goal this month.', ['failed-goal'], ['failed']],
  ['The printer failed again.', []],
  ['Switched after HIV treatment failure.', []],

  // Attitudes and gaps
  ['Non-compliant with meds.', ['non-compliant'], ['Non-compliant']],
  ['non compliant; noncompliant; non-compliance', ['non-compliant', 'non-compliant', 'non-compliant']],
  ['Drug-seeking behaviour at triage.', ['drug-seeking'], ['Drug-seeking']],
  ['ED says drug seeking.', ['drug-seeking'], ['drug seeking']],
  ['Staff called her manipulative.', ['manipulative'], ['manipulative']],
  ['Manipulated the shoulder gently.', []],
  ['He is in denial.', ['in-denial'], ['in denial']],
  ['Denies use today.', []],
  ['Seems unmotivated.', ['unmotivated'], ['unmotivated']],
  ['Lost to follow-up since May.', ['lost-to-follow-up'], ['Lost to follow-up']],
  ['LTFU x6 months.', ['lost-to-follow-up'], ['LTFU']],
  ['Dropped out of treatment in March.', ['drop-out'], ['Dropped out of']],
  ['Treatment drop-out rate.', ['drop-out'], ['drop-out']],
  ['Dropped out of high school at 16.', []],
  ['Overdose response: naloxone given, 911 called.', []],

  // Several terms and lines in one note
  [
    'Known addict.\nUA came back dirty.\nNon-compliant, drug-seeking.',
    ['addict', 'clean-dirty-test', 'non-compliant', 'drug-seeking'],
    ['addict', 'came back dirty', 'Non-compliant', 'drug-seeking'],
  ],
];

describe('language assistant: phrase table', () => {
  it('has at least 40 phrases, hits and non-hits', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    expect(ROWS.filter(([, ids]) => ids.length === 0).length).toBeGreaterThanOrEqual(20);
    expect(ROWS.filter(([, ids]) => ids.length > 0).length).toBeGreaterThanOrEqual(20);
  });

  it.each(ROWS)('%j', (text, termIds, matched) => {
    const findings = checkLanguage(text);
    expect(findings.map((f) => f.termId)).toEqual(termIds);
    if (matched !== undefined) expect(findings.map((f) => f.matched)).toEqual(matched);
    for (const f of findings) {
      expect(text.slice(f.start, f.end)).toBe(f.matched);
      expect(f.suggestions.length).toBeGreaterThan(0);
      expect(f.why.length).toBeGreaterThan(0);
      expect(f.sources.length).toBeGreaterThan(0);
    }
  });
});

describe('language assistant: term list', () => {
  const allowed = new Set(['nida-words-matter', 'ondcp-2017', 'botticelli-koh-2016', 'aap-2022', 'doorway-care-principles']);

  it('covers every pair DESIGN.md lists, with unique ids', () => {
    const ids = LANGUAGE_TERMS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'addict',
      'user',
      'junkie',
      'abuser',
      'alcoholic',
      'substance-abuse',
      'habit',
      'clean-dirty-test',
      'clean-person',
      'former-addict',
      'replacement-therapy',
      'relapse',
      'treatment-failure',
      'non-compliant',
      'drug-seeking',
      'manipulative',
      'in-denial',
      'unmotivated',
      'needle',
      'lost-to-follow-up',
      'drop-out',
      'failed-goal',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.each(LANGUAGE_TERMS.map((t) => [t.id, t] as const))(
    '%s has a suggestion, a reason and sources from the allowed set',
    (_id, term) => {
      expect(term.prefer.length).toBeGreaterThanOrEqual(1);
      expect(term.why).toMatch(/^\S.*[.!]$/u);
      expect(term.sources.length).toBeGreaterThanOrEqual(1);
      for (const s of term.sources) {
        expect(allowed.has(s)).toBe(true);
        expect(LANGUAGE_SOURCES[s].citation.length).toBeGreaterThan(10);
      }
      for (const rule of term.rules) expect(() => new RegExp(rule.pattern, 'dgiu')).not.toThrow();
    },
  );

  it.each(LANGUAGE_TERMS.flatMap((t) => t.avoid.map((example) => [t.id, example] as const)))(
    '%s flags its own example "%s"',
    (id, example) => {
      expect(checkLanguage(example).map((f) => f.termId)).toContain(id);
    },
  );

  it('cites only the design brief where no published source was confirmed', () => {
    const byId = new Map(LANGUAGE_TERMS.map((t) => [t.id, t.sources]));
    for (const id of ['drug-seeking', 'in-denial', 'unmotivated', 'needle', 'lost-to-follow-up', 'drop-out', 'failed-goal']) {
      expect(byId.get(id)).toEqual(['doorway-care-principles']);
    }
  });
});

describe('language assistant: dismissal, offsets and blocking', () => {
  it('suppresses only the dismissed term', () => {
    const text = 'Known addict, non-compliant.';
    expect(checkLanguage(text).map((f) => f.termId)).toEqual(['addict', 'non-compliant']);
    const findings = checkLanguage(text, { dismissed: new Set(['addict']) });
    expect(findings.map((f) => f.termId)).toEqual(['non-compliant']);
  });

  it('does not bring back a shorter term inside a dismissed longer one', () => {
    expect(checkLanguage('Former addict.', { dismissed: new Set(['former-addict']) })).toEqual([]);
    expect(checkLanguage('Former addict.', { dismissed: new Set(['addict']) }).map((f) => f.termId)).toEqual([
      'former-addict',
    ]);
  });

  it('points at the matched span in the original multi-line text', () => {
    const text = 'First line.\r\nSecond line: she RELAPSED.\n\tThird: DIRTY UA';
    const findings = checkLanguage(text);
    expect(findings.map((f) => [f.start, f.end, f.matched])).toEqual([
      [text.indexOf('RELAPSED'), text.indexOf('RELAPSED') + 8, 'RELAPSED'],
      [text.indexOf('DIRTY UA'), text.length, 'DIRTY UA'],
    ]);
  });

  it('keeps offsets right after characters outside the basic alphabet', () => {
    const text = 'Café staff 👋 said the naïve junkie…';
    const [finding] = checkLanguage(text);
    expect(finding?.matched).toBe('junkie');
    expect(finding?.start).toBe(text.indexOf('junkie'));
  });

  it('only returns findings, for any input', () => {
    expect(checkLanguage('')).toEqual([]);
    expect(checkLanguage('   \n\n ')).toEqual([]);
    expect(Array.isArray(checkLanguage('addict '.repeat(2000)))).toBe(true);
  });

  it('checks a 5,000-character note in well under 5 ms', () => {
    const paragraph =
      'Met at the van. Gave 10 syringes, 2 naloxone kits and wound care supplies. Cleaned the wound, ' +
      'clean dressing applied, site clean and dry. She talked about her partner and the shelter closing. ';
    const tail = ' UA came back dirty. He relapsed. Non-compliant.';
    const note = paragraph.repeat(40).slice(0, 5000 - tail.length) + tail;
    expect(note.length).toBe(5000);
    expect(checkLanguage(note).length).toBeGreaterThan(0);
    for (let i = 0; i < 20; i++) checkLanguage(note);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      checkLanguage(note);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[25]!).toBeLessThan(5);
  });
});

describe('language assistant: suggestReplacement', () => {
  const replace = (text: string, index = 0, suggestion = 0): string => {
    const finding = checkLanguage(text)[index];
    if (finding === undefined) throw new Error(`nothing flagged in ${JSON.stringify(text)}`);
    return suggestReplacement(text, finding, suggestion);
  };

  it('replaces the span and keeps a leading capital', () => {
    expect(replace('Drug user, new today.')).toBe('Person who uses drugs, new today.');
    expect(replace('Relapse is common.')).toBe('Return to use is common.');
    expect(replace('Clean urine today.')).toBe('Negative urine test today.');
    expect(replace('her urine was clean')).toBe('her urine was negative');
  });

  it('makes "a" or "an" fit the new wording', () => {
    expect(replace('He is an addict.')).toBe('He is a person who uses drugs.');
    expect(replace('Asked for a clean needle.')).toBe('Asked for an unused syringe.');
    expect(replace('Found a dirty needle.')).toBe('Found a used syringe.');
    expect(replace('An IVDU came in.')).toBe('A person who injects drugs came in.');
  });

  it('does not capitalise after an acronym written mid-sentence', () => {
    expect(replace('Pt is an IVDU.')).toBe('Pt is a person who injects drugs.');
    expect(replace('He is an IV drug user.')).toBe('He is a person who injects drugs.');
  });

  it('fits the tense and number of what was written', () => {
    expect(replace('She relapsed in May.')).toBe('She returned to use in May.');
    expect(replace('Heroin users came by.')).toBe('People who use heroin came by.');
    expect(replace('He tested clean.')).toBe('He tested negative.');
    expect(replace('Dropped out of treatment.')).toBe('Stepped away from treatment.');
    expect(replace('She is clean now.')).toBe('She is not currently using now.');
    expect(replace('She is not clean.')).toBe('She is not abstinent.');
    expect(replace('He has abused alcohol.')).toBe('He has used alcohol.');
  });

  it('uses the chosen suggestion', () => {
    expect(replace('Non-compliant with meds.', 0, 1)).toBe('Looking for other options with meds.');
  });

  it('leaves the text alone when it changed since it was checked, or the suggestion does not exist', () => {
    const text = 'He is an addict.';
    const [finding] = checkLanguage(text);
    expect(finding).toBeDefined();
    expect(suggestReplacement('He is a person.', finding!, 0)).toBe('He is a person.');
    expect(suggestReplacement(text, finding!, 99)).toBe(text);
  });
});

describe('language assistant: their own words are quoted, never reworded', () => {
  it('finds the word still to quote, and none once it is quoted', () => {
    const text = 'Said she has been clean since March.';
    const [finding] = checkLanguage(text);
    expect(finding?.matched).toBe('clean');
    expect(unquotedFindings(text, checkLanguage(text))).toHaveLength(1);
    const quoted = quoteSpan(text, finding!);
    expect(quoted).toBe('Said she has been “clean” since March.');
    expect(unquotedFindings(quoted, checkLanguage(quoted))).toEqual([]);
  });

  it('treats a whole quoted sentence, straight quotes and guillemets as quoted', () => {
    for (const text of ['“I want to stay clean for my kids.”', 'She said "I relapsed last week" and laughed.', 'Called himself «an addict» twice.']) {
      const f = checkLanguage(text)[0];
      expect(f, text).toBeDefined();
      expect(insideQuotes(text, f!.start, f!.end), text).toBe(true);
    }
    const text = 'Said “thanks”, then: I relapsed.';
    const f = checkLanguage(text).find((x) => x.matched === 'relapsed')!;
    expect(insideQuotes(text, f.start, f.end)).toBe(false);
  });

  it('leaves the text alone when it changed since it was checked, or is already quoted', () => {
    const f = checkLanguage('He is an addict.')[0]!;
    expect(quoteSpan('He is an adict.', f)).toBe('He is an adict.');
    expect(quoteSpan('He is “addict”.', { start: 7, end: 13, matched: 'addict' })).toBe('He is “addict”.');
  });
});
