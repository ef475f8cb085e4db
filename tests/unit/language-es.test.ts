import { describe, expect, it } from 'vitest';
import {
  checkLanguage,
  detectLanguage,
  insideDialogue,
  LANGUAGE_SOURCES_ES,
  LANGUAGE_TERMS_ES,
  suggestReplacement,
  unquotedFindings,
} from '../../shared/language';
import enLanguage from '../../renderer/src/i18n/en-language.json';
import esLanguage from '../../renderer/src/i18n/es-language.json';

const es = (text: string, dismissed?: ReadonlySet<string>) => checkLanguage(text, { language: 'es', dismissed });

/**
 * Each row: the text, the term ids expected in order of position (empty: must not be flagged),
 * the underlined spans, and the text after taking the first suggestion.
 */
type Row = [text: string, termIds: string[], matched?: string[], replaced?: string];

const HITS: Row[] = [
  // Labels for a person, with gender and number, and the article made to agree with "persona"
  ['Es un adicto.', ['adicto'], ['un adicto'], 'Es una persona que usa drogas.'],
  ['Es adicta.', ['adicto'], ['adicta'], 'Es una persona que usa drogas.'],
  ['Los adictos del parque vinieron.', ['adicto'], ['Los adictos'], 'Las personas que usan drogas del parque vinieron.'],
  ['Habló con unas adictas.', ['adicto'], ['unas adictas'], 'Habló con unas personas que usan drogas.'],
  ['Es adicta a la heroína.', ['adicto'], ['adicta a la heroína'], 'Es una persona que usa heroína.'],
  ['Los/as adictos/as del barrio.', ['adicto'], ['Los/as adictos/as'], 'Las personas que usan drogas del barrio.'],
  ['Es usuario(a) de drogas.', ['usuario-de-drogas'], ['usuario(a) de drogas'], 'Es una persona que usa drogas.'],
  ['Vinieron dos drogadictos.', ['drogadicto'], ['drogadictos'], 'Vinieron dos personas que usan drogas.'],
  ['La drogadicta de la esquina.', ['drogadicto'], ['La drogadicta'], 'La persona que usa drogas de la esquina.'],
  ['Es toxicómano desde joven.', ['toxicomano'], ['toxicómano'], 'Es una persona que usa drogas desde joven.'],
  ['Unas toxicómanas pidieron naloxona.', ['toxicomano'], ['Unas toxicómanas'], 'Unas personas que usan drogas pidieron naloxona.'],
  ['Le dicen yonqui.', ['yonqui'], ['yonqui']],
  ['Los yonkis del puente.', ['yonqui'], ['Los yonkis'], 'Las personas que usan drogas del puente.'],
  ['Es abusador de sustancias.', ['abusador'], ['abusador de sustancias'], 'Es una persona que usa sustancias.'],
  ['Las abusadoras de alcohol.', ['abusador'], ['Las abusadoras de alcohol'], 'Las personas que usan alcohol.'],
  ['Historia de abuso de sustancias.', ['abuso-de-sustancias'], ['abuso de sustancias'], 'Historia de consumo de sustancias.'],
  ['Abuso de drogas desde los 15.', ['abuso-de-sustancias'], ['Abuso de drogas'], 'Consumo de drogas desde los 15.'],
  ['Abusa del alcohol los fines de semana.', ['abuso-de-sustancias'], ['Abusa del alcohol'], 'Consume alcohol los fines de semana.'],
  ['El usuario de drogas pidió jeringas.', ['usuario-de-drogas'], ['El usuario de drogas'], 'La persona que usa drogas pidió jeringas.'],
  ['Es usuaria de heroína.', ['usuario-de-drogas'], ['usuaria de heroína'], 'Es una persona que usa heroína.'],
  ['Usuarios de drogas inyectables.', ['usuario-de-drogas'], ['Usuarios de drogas inyectables'], 'Personas que se inyectan drogas.'],
  ['Es UDI.', ['usuario-de-drogas'], ['UDI'], 'Es una persona que se inyecta drogas.'],

  // Clean and dirty: a person, and a test result
  ['Está limpia desde marzo.', ['limpio-persona'], ['limpia'], 'Está en recuperación desde marzo.'],
  ['Dice que está limpio.', ['limpio-persona'], ['limpio'], 'Dice que está en recuperación.'],
  ['María sigue limpia.', ['limpio-persona'], ['limpia'], 'María sigue en recuperación.'],
  ['Vino ayer, está limpia.', ['limpio-persona'], ['limpia'], 'Vino ayer, está en recuperación.'],
  ['Se mantiene limpio desde enero.', ['limpio-persona'], ['limpio'], 'Se mantiene en recuperación desde enero.'],
  ['Lleva tres meses limpio.', ['limpio-persona'], ['tres meses limpio'], 'Lleva tres meses sin consumir.'],
  ['Limpia y sobria desde 2020.', ['limpio-persona'], ['Limpia y sobria'], 'En recuperación desde 2020.'],
  ['El paciente sigue sucio.', ['limpio-persona'], ['sucio'], 'El paciente sigue consumiendo.'],
  ['Está sucia desde el lunes.', ['limpio-persona'], ['sucia'], 'Está consumiendo desde el lunes.'],
  ['La muestra salió limpia.', ['limpio-sucio-prueba'], ['limpia'], 'La muestra salió negativa.'],
  ['Orina sucia el lunes.', ['limpio-sucio-prueba'], ['sucia'], 'Orina positiva el lunes.'],
  ['El examen toxicológico salió sucio.', ['limpio-sucio-prueba'], ['sucio'], 'El examen toxicológico salió positivo.'],
  ['Dio sucio para fentanilo.', ['limpio-sucio-prueba'], ['sucio'], 'Dio positivo para fentanilo.'],
  ['Trajo una jeringa sucia.', ['jeringa-sucia'], ['jeringa sucia'], 'Trajo una jeringa usada.'],
  ['Devolvió agujas sucias.', ['jeringa-sucia'], ['agujas sucias'], 'Devolvió agujas usadas.'],

  // Recaída as something the person did
  ['Recayó el fin de semana.', ['recaida'], ['Recayó'], 'Volvió a consumir el fin de semana.'],
  ['Tuvo una recaída en mayo.', ['recaida'], ['Tuvo una recaída'], 'Volvió a consumir en mayo.'],
  ['Otra recaída, la tercera.', ['recaida'], ['Otra recaída'], 'Otro regreso al consumo, la tercera.'],
  ['Ha recaído dos veces.', ['recaida'], ['recaído'], 'Ha vuelto a consumir dos veces.'],

  // Gaps and blame
  ['Perdido en el seguimiento desde mayo.', ['perdido-en-el-seguimiento'], ['Perdido en el seguimiento'], 'Sin contacto por ahora desde mayo.'],
  ['Pérdida de seguimiento.', ['perdido-en-el-seguimiento'], ['Pérdida de seguimiento'], 'Tiempo sin contacto.'],
  ['La paciente no cumple.', ['incumplimiento'], ['no cumple'], 'La paciente no sigue el plan por ahora.'],
  ['No cumplió con el tratamiento.', ['incumplimiento'], ['No cumplió'], 'No siguió por ahora con el tratamiento.'],
  ['Incumplimiento del tratamiento.', ['incumplimiento'], ['Incumplimiento del tratamiento'], 'Tratamiento en pausa.'],
  ['Paciente incumplidora.', ['incumplimiento'], ['incumplidora'], 'Paciente que no sigue el plan por ahora.'],

  // Several terms and lines in one note
  [
    'Es un adicto.\nLa muestra salió sucia.\nNo cumple.',
    ['adicto', 'limpio-sucio-prueba', 'incumplimiento'],
    ['un adicto', 'sucia', 'No cumple'],
  ],
];

const NON_HITS: string[] = [
  'Limpió la herida y puso un apósito.',
  'Le dimos jeringas sin usar.',
  'Restablecimos la contraseña del usuario del sistema.',
  'Nombre de usuario olvidado.',
  'Entregamos material limpio y agujas limpias.',
  'Jeringas limpias para la semana.',
  'La herida está limpia y seca.',
  'La ropa estaba sucia y mojada.',
  'Ella estaba sucia y con frío, le dimos ropa.',
  'Está sucio, pidió una ducha.',
  'Llegó limpio y bañado.',
  'El cuarto está limpio.',
  'La habitación, que está limpia, es grande.',
  'Lavamos la ropa sucia en el albergue.',
  'Hablamos de prevención de recaídas.',
  'Tiene riesgo de recaída alto esta semana.',
  'La adicción es una enfermedad crónica con recaídas.',
  'Recaída del cáncer en 2019.',
  'La responsabilidad recae en el equipo.',
  'Es adicta al trabajo, dice.',
  'Es una persona adicta a los opioides.',
  'Sustancia muy adictiva.',
  'Contó un abuso sexual en la infancia.',
  'Su abusador vive cerca.',
  'Llamó al Instituto Nacional sobre el Abuso de Drogas.',
  'No cumple los criterios del programa.',
  'No cumple 18 años hasta junio.',
  'Incumplimiento del contrato de la vivienda.',
  'Pidió naloxona y tiras reactivas de fentanilo.',
  'Se dio de alta del seguimiento.',
];

describe('language assistant in Spanish: phrases that must be flagged', () => {
  it.each(HITS)('%j', (text, termIds, matched, replaced) => {
    const findings = es(text);
    expect(findings.map((f) => f.termId)).toEqual(termIds);
    if (matched !== undefined) expect(findings.map((f) => f.matched)).toEqual(matched);
    for (const f of findings) {
      expect(f.language).toBe('es');
      expect(text.slice(f.start, f.end)).toBe(f.matched);
      expect(f.suggestions.length).toBeGreaterThan(0);
      expect(f.why).toMatch(/^\S.*[.!]$/u);
    }
    if (replaced !== undefined) expect(suggestReplacement(text, findings[0]!)).toBe(replaced);
  });
});

describe('language assistant in Spanish: phrases that must not be flagged', () => {
  it.each(NON_HITS)('%j', (text) => {
    expect(es(text)).toEqual([]);
  });

  it('has enough of both kinds', () => {
    expect(HITS.length).toBeGreaterThanOrEqual(40);
    expect(NON_HITS.length).toBeGreaterThanOrEqual(20);
  });
});

describe('language assistant in Spanish: a person’s own words are theirs', () => {
  it.each([
    'Dijo «soy adicta y estoy limpia».',
    'Dijo “estoy limpia desde marzo”.',
    'Dijo "tuve una recaída".',
    '«Me dijeron ‘yonqui’ en el hospital», contó.',
  ])('leaves quoted words alone: %j', (text) => {
    expect(es(text)).toEqual([]);
  });

  it('leaves dialogue after a long dash alone, and flags the narrator’s words', () => {
    const text = '—Llevo tres meses limpia —dijo, y la paciente no cumple— y quiero seguir así.';
    expect(es(text).map((f) => f.matched)).toEqual(['no cumple']);
    const speech = text.indexOf('limpia');
    expect(insideDialogue(text, speech, speech + 6)).toBe(true);
    const narrator = text.indexOf('no cumple');
    expect(insideDialogue(text, narrator, narrator + 9)).toBe(false);
  });

  it('treats a dash inside a staff line as punctuation, not dialogue', () => {
    const text = 'Vino al local — está limpia desde marzo.';
    expect(es(text).map((f) => f.termId)).toEqual(['limpio-persona']);
  });

  it('offers to quote the word in a "their words" field, and is quiet once it is quoted', () => {
    const text = 'Quiero dejar de ser adicta.';
    expect(unquotedFindings(text, es(text))).toHaveLength(1);
    expect(es('Quiero dejar de ser “adicta”.')).toEqual([]);
  });
});

describe('language assistant in Spanish: dismissal and the English list', () => {
  it('suppresses only the dismissed term', () => {
    const text = 'Es un adicto y no cumple.';
    expect(es(text).map((f) => f.termId)).toEqual(['adicto', 'incumplimiento']);
    expect(es(text, new Set(['adicto'])).map((f) => f.termId)).toEqual(['incumplimiento']);
  });

  it('checks English text with the English list unless told otherwise', () => {
    expect(checkLanguage('He is an addict.').map((f) => [f.termId, f.language])).toEqual([['addict', 'en']]);
    expect(checkLanguage('Es un adicto.')).toEqual([]);
    expect(es('He is an addict.')).toEqual([]);
  });

  it('checks a 5,000-character Spanish note in well under 5 ms', () => {
    const paragraph =
      'Nos vimos en la camioneta. Entregamos 10 jeringas, 2 kits de naloxona y material para heridas. ' +
      'Limpió la herida, apósito limpio, zona limpia y seca. Habló de su pareja y del albergue. ';
    const tail = ' La muestra salió sucia. Recayó. No cumple.';
    const note = paragraph.repeat(40).slice(0, 5000 - tail.length) + tail;
    expect(es(note).length).toBe(3);
    for (let i = 0; i < 20; i++) es(note);
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      es(note);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    expect(times[25]!).toBeLessThan(5);
  });
});

describe('language assistant in Spanish: the term list and its sources', () => {
  const sources = Object.values(LANGUAGE_SOURCES_ES);

  it('covers the terms the brief asks for, with unique ids', () => {
    const ids = LANGUAGE_TERMS_ES.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'adicto',
      'drogadicto',
      'toxicomano',
      'yonqui',
      'usuario-de-drogas',
      'abusador',
      'abuso-de-sustancias',
      'limpio-sucio-prueba',
      'limpio-persona',
      'jeringa-sucia',
      'recaida',
      'perdido-en-el-seguimiento',
      'incumplimiento',
    ]) {
      expect(ids).toContain(id);
    }
  });

  it.each(sources.map((s) => [s.id, s] as const))('%s has a title, a publisher and an address, or is the care principles', (id, source) => {
    expect(source.citation.length).toBeGreaterThan(10);
    if (id === 'doorway-care-principles') {
      expect(source.url).toBeUndefined();
      return;
    }
    expect(source.title?.length).toBeGreaterThan(5);
    expect(source.publisher?.length).toBeGreaterThan(3);
    expect(source.url).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]{2,}\//u);
    // The citation names the document it points to.
    expect(source.citation).toContain(source.title!);
  });

  it.each(LANGUAGE_TERMS_ES.map((t) => [t.id, t] as const))('%s has a suggestion, a reason and known sources', (_id, term) => {
    expect(term.prefer.length).toBeGreaterThanOrEqual(1);
    expect(term.why).toMatch(/^\S.*[.!]$/u);
    expect(term.sources.length).toBeGreaterThanOrEqual(1);
    for (const s of term.sources) expect(LANGUAGE_SOURCES_ES[s]).toBeDefined();
    for (const rule of term.rules) expect(() => new RegExp(rule.pattern, 'dgiu')).not.toThrow();
  });

  it.each(LANGUAGE_TERMS_ES.flatMap((t) => t.avoid.map((example) => [t.id, example] as const)))('%s flags its own example "%s"', (id, example) => {
    expect(es(example).map((f) => f.termId)).toContain(id);
  });

  it('cites only the care principles where no published Spanish source was found', () => {
    const byId = new Map(LANGUAGE_TERMS_ES.map((t) => [t.id, t.sources]));
    for (const id of ['toxicomano', 'abusador', 'jeringa-sucia', 'recaida', 'perdido-en-el-seguimiento', 'incumplimiento']) {
      expect(byId.get(id)).toEqual(['doorway-care-principles']);
    }
  });
});

describe('language detection', () => {
  it.each([
    ['La paciente vino hoy y está bien.', 'en', 'es', true],
    ['Llegó a la camioneta, pidió jeringas y naloxona.', 'en', 'es', true],
    ['She came to the van today and asked for naloxone.', 'es', 'en', true],
    ['He is doing well with the new plan.', 'es', 'en', true],
    // Too short to tell: the staff member's language.
    ['naloxona', 'en', 'en', false],
    ['naloxone', 'es', 'es', false],
    ['drogadictos', 'en', 'en', false],
    ['', 'es', 'es', false],
    // Mixed about evenly: the staff member's language.
    ['She said que está bien and the plan is ok para ella.', 'es', 'es', false],
    ['She said que está bien and the plan is ok para ella.', 'en', 'en', false],
  ] as const)('%j with fallback %s -> %s', (text, fallback, language, confident) => {
    const d = detectLanguage(text, fallback);
    expect(d.language).toBe(language);
    expect(d.confident).toBe(confident);
  });

  it('counts accents, but accents alone never outweigh a long English note', () => {
    const english = 'She met with the team at the café, and they talked about her week and the plan for it.';
    expect(detectLanguage(english, 'es').language).toBe('en');
  });
});

describe('the assistant’s own words in both languages', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
  const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/gu)].map((m) => m[1]).sort();

  it('has the same keys and placeholders in English and Spanish', () => {
    expect(keys(esLanguage).sort()).toEqual(keys(enLanguage).sort());
    const get = (o: unknown, path: string) => path.split('.').reduce((acc: unknown, k) => (acc as Record<string, unknown>)[k], o) as string;
    for (const k of keys(enLanguage)) expect(placeholders(get(esLanguage, k)), k).toEqual(placeholders(get(enLanguage, k)));
  });
});
