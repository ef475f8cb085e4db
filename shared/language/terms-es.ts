/**
 * Doorway's list of words to offer alternatives for in Spanish notes, with where each suggestion
 * comes from. Same rules as the English list (terms.ts): it only suggests, a person's own words are
 * theirs to keep, and every source is one that was actually found, cited as found.
 *
 * What each cited document says, as read when this list was written:
 * - NIDA, "Las palabras importan: términos preferidos al hablar de la adicción" (the Spanish
 *   edition of "Words Matter"): addiction is a treatable medical condition; words that cast a
 *   negative or shaming light on the person keep people from seeking treatment; use person-first
 *   language. Cited for the labels for a person (adicto, usuario de drogas).
 * - lasdrogas.info, a Spanish summary of NIDA's guidance: instead of "abuso", "uso / mal uso";
 *   instead of "usuario/adicto", "persona con un trastorno por uso de sustancias", "persona que
 *   usa …" or "persona adicta a …"; people who stopped using are not "limpias" (which makes those
 *   who use "sucias"): "no usa drogas", "sobrio", "en rehabilitación"; for a screening or
 *   diagnostic test, "positivo / negativo". This is why "la muestra salió limpia" IS flagged:
 *   a test result is negative or positive, like any other test.
 * - MedlinePlus Magazine (NIH), Spanish: "trastorno por uso de alcohol" has replaced "abuso del
 *   alcohol", and the same for "abuso de drogas".
 * - Salud con lupa: "adicto", "drogadicto" and similar labels -> "persona con un uso problemático
 *   de drogas", "persona con un trastorno por consumo de drogas".
 * - gTt-VIH, reporting the Global Commission on Drug Policy's report on how drugs are perceived:
 *   calling someone a "yonqui" or a "drogadicto" entails discrimination.
 * - salutmental.info, the Global Commission's recommendations: not "drogadicto, vicioso, yonqui,
 *   enganchado", but "persona con dependencia a las drogas, con uso problemático".
 * Pairs no published Spanish source found here names (toxicómano, abusador, recaída as blame,
 * "perdido en el seguimiento", incumplimiento and "no cumple", "jeringa sucia") cite the clinic's
 * care principles alone, as the English list does for its own such pairs.
 *
 * "Recaída" is left alone in its clinical sense ("prevención de recaídas", "riesgo de recaída",
 * "enfermedad crónica con recaídas"): NIDA's own Spanish materials define addiction as "una
 * enfermedad crónica con recaídas". Only a recaída told as something the person did is flagged.
 */
import { tidy, type MatchContext } from './context';
import {
  afterEs,
  agree,
  beforeEs,
  feminineDeterminer,
  fitsPersonAfterEs,
  inflectEs,
  isPluralEs,
  masculineDeterminer,
  subjectBeforeEs,
} from './context-es';
import { END, START } from './fragments';
import type { LanguageSource, LanguageTerm } from './terms';

export type SourceIdEs =
  | 'nida-las-palabras-importan'
  | 'lasdrogas-cuidar-el-lenguaje'
  | 'medlineplus-una-mejor-forma'
  | 'salud-con-lupa-tus-palabras'
  | 'gtt-vih-desestigmatizar'
  | 'salutmental-como-no-hablar'
  | 'doorway-care-principles';

export const LANGUAGE_SOURCES_ES: Readonly<Record<SourceIdEs, LanguageSource<SourceIdEs>>> = {
  'nida-las-palabras-importan': {
    id: 'nida-las-palabras-importan',
    short: 'NIDA, Las palabras importan',
    title: 'Las palabras importan: términos preferidos al hablar de la adicción',
    publisher: 'National Institute on Drug Abuse (NIDA), National Institutes of Health',
    citation:
      'National Institute on Drug Abuse. Las palabras importan: términos preferidos al hablar de la adicción. NIDA (edición en español de Words Matter).',
    url: 'https://nida.nih.gov/es/node/38234',
  },
  'lasdrogas-cuidar-el-lenguaje': {
    id: 'lasdrogas-cuidar-el-lenguaje',
    short: 'lasdrogas.info',
    // Title as in the page's address; the page summarises NIDA's guidance in Spanish.
    title: 'Cuidar el lenguaje para prevenir el estigma',
    publisher: 'lasdrogas.info',
    citation: 'lasdrogas.info. Cuidar el lenguaje para prevenir el estigma (resumen de la guía de NIDA).',
    url: 'https://www.lasdrogas.info/noticias/cuidar-el-lenguaje-para-prevenir-el-estigma/',
  },
  'medlineplus-una-mejor-forma': {
    id: 'medlineplus-una-mejor-forma',
    short: 'MedlinePlus Magazine',
    // Title as in the page's address.
    title: 'Una mejor forma de decirlo: el lenguaje estigmatizante afecta la forma de tratar la adicción',
    publisher: 'NIH MedlinePlus Magazine, National Library of Medicine',
    citation:
      'NIH MedlinePlus Magazine. Una mejor forma de decirlo: el lenguaje estigmatizante afecta la forma de tratar la adicción.',
    url: 'https://magazine.medlineplus.gov/es/art%C3%ADculo/una-mejor-forma-de-decirlo-el-lenguaje-estigmatizante-afecta-la-forma-de-tratar-la-adiccion',
  },
  'salud-con-lupa-tus-palabras': {
    id: 'salud-con-lupa-tus-palabras',
    short: 'Salud con lupa',
    // Title as in the page's address.
    title: 'Tus palabras importan: un vocabulario para reaprender sobre abuso de drogas',
    publisher: 'Salud con lupa',
    citation: 'Salud con lupa. Tus palabras importan: un vocabulario para reaprender sobre abuso de drogas.',
    url: 'https://saludconlupa.com/salud-mental/tus-palabras-importan-un-vocabulario-para-reaprender-sobre-abuso-de-drogas',
  },
  'gtt-vih-desestigmatizar': {
    id: 'gtt-vih-desestigmatizar',
    short: 'gTt-VIH',
    title: 'Un informe norteamericano señala la necesidad de desestigmatizar el lenguaje en torno al uso de drogas',
    publisher: 'gTt-VIH',
    citation:
      'gTt-VIH, La noticia del día (19-01-18). Un informe norteamericano señala la necesidad de desestigmatizar el lenguaje en torno al uso de drogas (sobre el informe de la Comisión Global de Política de Drogas).',
    url: 'https://www.gtt-vih.org/publicaciones/la-noticia-del-dia/19-01-18/',
  },
  'salutmental-como-no-hablar': {
    id: 'salutmental-como-no-hablar',
    short: 'Comisión Global (salutmental.info)',
    // Title as in the page's address; the text is from pacifista.co, on the Global Commission's recommendations.
    title: 'Guía sobre cómo no hablar de drogas',
    publisher: 'salutmental.info',
    citation:
      'salutmental.info. Guía sobre cómo no hablar de drogas (recomendaciones de la Comisión Global de Política de Drogas; texto de pacifista.co).',
    url: 'https://salutmental.info/es/guia-sobre-como-no-hablar-de-drogas/',
  },
  'doorway-care-principles': {
    id: 'doorway-care-principles',
    short: 'Principios de cuidado de Doorway',
    citation:
      'Documento de diseño de Doorway, principios de cuidado y lenguaje no estigmatizante: primero la persona; un tiempo sin contacto es normal y la puerta sigue abierta; nada de «fracasó» ni de «incumplimiento».',
  },
};

export type LanguageTermEs = LanguageTerm<SourceIdEs>;

const word = (pattern: string): string => `${START}${pattern}${END}`;

/** Substances named next to a label ("adicto a la heroína", "abuso de alcohol"). */
const SUBSTANCE_ES =
  /(?:drogas?(?:\s+inyectables)?|sustancias?(?:\s+psicoactivas)?|alcohol|heroína|heroina|fentanilo|fentanil|cocaína|cocaina|crack|piedra|metanfetaminas?|meth|cristal|opioides?|opiáceos?|opiaceos?|marihuana|mariguana|cannabis|pastillas|benzodiacepinas?|benzodiazepinas?|benzos?|inhalantes?|ketamina|xilacina|medicamentos?|analgésicos?)/u
    .source;

/** An article before a substance: "de la heroína", "del alcohol", "a las pastillas". */
const OF = /(?:(?:de|a)\s+(?:la|las|los|el)\s+|del\s+|al\s+|de\s+|a\s+)/u.source;

/** Determiners written before a label; kept in the underlined span so the suggestion can agree. */
const DET =
  /(?:un|una|unos|unas|el|la|los|las|este|esta|estos|estas|ese|esa|esos|esas|otro|otra|otros|otras|aquel|aquella|del|al|su|sus|mi|mis|nuestro|nuestra|nuestros|nuestras)/u
    .source;

const COPULA_BEFORE = /(?:^|[^\p{L}])(?:es|era|fue|sea|soy|eres|ser|será|sería|parece)\s+$/iu;

/** "la heroína" -> "heroína"; "drogas inyectables" stays. */
function substance(raw: string | undefined): string {
  return tidy(raw).toLowerCase();
}

function injects(raw: string | undefined): boolean {
  return /inyect|intraven|\budi/iu.test(tidy(raw));
}

/**
 * "una persona que usa heroína", "las personas que se inyectan drogas", with the article written
 * made to agree with "persona", and "una" added after "es" ("es adicto" -> "es una persona...").
 */
function personWhoUsesEs(ctx: MatchContext, q: string | undefined, plural: boolean, det?: string): string[] {
  let article = feminineDeterminer(det);
  if (article === '' && !plural && ctx.groups['det'] === undefined && COPULA_BEFORE.test(ctx.text.slice(0, ctx.matchStart))) {
    article = 'una ';
  }
  const who = plural ? 'personas' : 'persona';
  const disorder = `${article}${who} con un trastorno por consumo de sustancias`;
  if (injects(q)) return [`${article}${who} que se ${plural ? 'inyectan' : 'inyecta'} drogas`, disorder];
  const object = q === undefined || tidy(q) === '' ? 'drogas' : substance(q);
  return [`${article}${who} que ${plural ? 'usan' : 'usa'} ${object}`, disorder];
}

/** Enthusiasm, not substance use: "adicto al trabajo", "adicta al café". */
const NOT_SUBSTANCE_AFTER =
  /^\s+(?:a|al)\s+(?:(?:la|el|los|las)\s+)?(?:trabajo|café|ejercicio|chocolate|series|juegos?|teléfono|celular|redes|compras|deportes?|lectura|música|azúcar|libros?|fútbol|gimnasio|noticias)/iu;

const label = (id: string, stem: RegExp, why: string, sources: readonly SourceIdEs[], keywords: string[], avoid: string[]): LanguageTermEs => ({
  id,
  avoid,
  prefer: ['persona que usa drogas', 'persona con un trastorno por consumo de sustancias'],
  why,
  sources,
  keywords,
  rules: [
    {
      // "adictos/as" and "adicto(a)", the forms written for both genders, are one label.
      pattern: word(`(?:(?<det>${DET})(?:/as?)?\\s+)?(?<w>${stem.source}(?:/as?|\\(as?\\))?)(?:\\s+${OF}(?<q>${SUBSTANCE_ES}))?`),
      // "persona adicta a ..." is the person-first wording the NIDA summary itself offers.
      accept: (ctx) => !beforeEs(ctx, /(?:^|[^\p{L}])personas?\s+$/iu) && (ctx.groups['q'] !== undefined || !afterEs(ctx, NOT_SUBSTANCE_AFTER)),
      suggest: (ctx) => personWhoUsesEs(ctx, ctx.groups['q'], isPluralEs(ctx.groups['w']), ctx.groups['det']),
    },
  ],
});

const TEST_NOUN =
  /(?:muestras?|orina|pruebas?|exámenes|examen|análisis|analisis|tests?|resultados?|toxicológicos?|antidoping|antidopaje|tamizajes?|uroanálisis|urianálisis)/u
    .source;

const TEST_LINK =
  /(?:salió|salio|salieron|sale|salen|salía|fue|fueron|es|son|está|estaba|estuvo|resultó|resulto|resultaron|resulta|dio|dieron|da|vino|vinieron|viene|llegó|volvió|volvieron|vuelve|sigue|siguen|ha\s+salido|han\s+salido|había\s+salido|ha\s+dado|otra\s+vez|de\s+nuevo|nuevamente|ya|hoy|todavía|aún)/u
    .source;

const ADJ = /(?:limpi[oa]s?|suci[oa]s?)/u.source;

const resultFor = (adjective: string | undefined): string => {
  const stem = /^suci/iu.test(tidy(adjective)) ? 'positiv' : 'negativ';
  return agree(stem, adjective);
};

const PERSON_VERB =
  /(?:está|están|estaba|estaban|estuvo|estuvieron|estar|estoy|estamos|esté|estado|sigue|siguen|seguía|seguir|sigo|mantiene|mantienen|mantenía|mantenerse|mantenerme|continúa|continúan|permanece|permanecen|anda|andaba|vive)/u
    .source;

const DURATION_ES =
  /(?:\d+|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|unos|unas|varios|varias|muchos|muchas|casi\s+(?:\d+|un|una|dos|tres))\s+(?:días?|semanas?|mes|meses|años?)/u
    .source;

/**
 * "Sucio" said of a person is far more often hygiene ("llegó sucia y con frío", a plain
 * observation) than drug use, so it is only taken as drug use where the words say so: "sigue
 * sucio", "anda sucia", or a time since ("está sucio desde el lunes", "otra vez").
 */
function usingSenseOfSucio(ctx: MatchContext): boolean {
  if (/^(?:sigue|siguen|seguía|continúa|continúan|anda|andaba)$/iu.test(tidy(ctx.groups['v']))) return true;
  return afterEs(ctx, /^\s+(?:desde|hace|otra\s+vez|de\s+nuevo|todavía|aún)\b/iu);
}

/** Suggestions for "limpia"/"sucio" said of a person, after the verb that was written. */
const personSuggestions = (adjective: string | undefined): string[] =>
  /^suci/iu.test(tidy(adjective)) ? ['consumiendo', 'usando drogas'] : ['en recuperación', 'sin consumir'];

const RECAER: Readonly<Record<string, string>> = {
  recayó: 'volvió a consumir',
  recayeron: 'volvieron a consumir',
  recae: 'vuelve a consumir',
  recaen: 'vuelven a consumir',
  recaía: 'volvía a consumir',
  recaían: 'volvían a consumir',
  recaer: 'volver a consumir',
  recaiga: 'vuelva a consumir',
  recaigan: 'vuelvan a consumir',
  recaído: 'vuelto a consumir',
  recaí: 'volví a consumir',
  recaerá: 'volverá a consumir',
  recaería: 'volvería a consumir',
};

const TENER_RECAIDA: Readonly<Record<string, string>> = {
  tuvo: 'volvió a consumir',
  tuve: 'volví a consumir',
  tiene: 'vuelve a consumir',
  tienen: 'vuelven a consumir',
  tuvieron: 'volvieron a consumir',
  tenía: 'volvía a consumir',
  'ha tenido': 'ha vuelto a consumir',
  'han tenido': 'han vuelto a consumir',
  'había tenido': 'había vuelto a consumir',
};

/** Other illnesses that come back: "recaída del cáncer" is not about substance use. */
const OTHER_ILLNESS_AFTER =
  /^\s+(?:del?|de\s+la|de\s+su)\s+(?:cáncer|leucemia|linfoma|mieloma|esclerosis|enfermedad\s+de\s+crohn|lupus|tuberculosis|tb|malaria|depresión)/iu;

/** The clinical sense: "prevención de recaídas", "riesgo de recaída", "crónica con recaídas". */
const CLINICAL_BEFORE =
  /(?:^|[^\p{L}])(?:(?:prevenci[oó]n|prevenir|riesgo|riesgos|evitar|manejo|plan|señales|factores)\s+(?:de|del|contra)\s+(?:(?:la|las|una)\s+)?|con\s+|y\s+)$/iu;

const SEGUIR: Readonly<Record<string, [string, string]>> = {
  cumple: ['sigue', 'busca'],
  cumplen: ['siguen', 'buscan'],
  cumplió: ['siguió', 'buscó'],
  cumplieron: ['siguieron', 'buscaron'],
  cumplía: ['seguía', 'buscaba'],
  cumplían: ['seguían', 'buscaban'],
  'ha cumplido': ['ha seguido', 'ha buscado'],
  'han cumplido': ['han seguido', 'han buscado'],
  'está cumpliendo': ['está siguiendo', 'está buscando'],
  'están cumpliendo': ['están siguiendo', 'están buscando'],
  cumplirá: ['seguirá', 'buscará'],
};

/** Rules and eligibility, not a person's care: "no cumple los criterios", "incumplimiento del contrato". */
const SYSTEMS_AFTER =
  /^\s+(?:con\s+)?(?:(?:de|del|los|las|el|la)\s+)*(?:requisitos|criterios|años|edad|condiciones|contrato|ley|normas?|normativa|reglamentos?|pagos?|obligaciones|plazos?|hipaa|pol[ií]ticas?|función)/iu;

const ABUSAR: Readonly<Record<string, [string, string]>> = {
  abusa: ['consume', 'usa'],
  abusan: ['consumen', 'usan'],
  abusaba: ['consumía', 'usaba'],
  abusaban: ['consumían', 'usaban'],
  abusó: ['consumió', 'usó'],
  abusaron: ['consumieron', 'usaron'],
  abusar: ['consumir', 'usar'],
  abusando: ['consumiendo', 'usando'],
  abusado: ['consumido', 'usado'],
  abuse: ['consuma', 'use'],
  abusen: ['consuman', 'usen'],
};

export const LANGUAGE_TERMS_ES: readonly LanguageTermEs[] = [
  label(
    'adicto',
    /adict[oa]s?/u,
    'Las palabras que ponen primero a la persona la describen por quién es, no por su consumo.',
    ['nida-las-palabras-importan', 'lasdrogas-cuidar-el-lenguaje', 'salud-con-lupa-tus-palabras'],
    ['adict'],
    ['adicto', 'adicta', 'adictos', 'adictas', 'adicto a la heroína'],
  ),
  label(
    'drogadicto',
    /drogadict[oa]s?/u,
    'Etiquetas como esta reducen a la persona a su consumo y alimentan la discriminación.',
    ['salud-con-lupa-tus-palabras', 'gtt-vih-desestigmatizar', 'salutmental-como-no-hablar'],
    ['drogadict'],
    ['drogadicto', 'drogadicta', 'drogadictos', 'drogadictas'],
  ),
  label(
    'toxicomano',
    /toxic[oó]man[oa]s?/u,
    'Nombrar a la persona primero mantiene el registro respetuoso.',
    ['doorway-care-principles'],
    ['toxic'],
    ['toxicómano', 'toxicómana', 'toxicómanos', 'toxicómanas'],
  ),
  label(
    'yonqui',
    /(?:yonquis?|yonkis?)/u,
    'Las etiquetas de la calle hieren; describir primero a la persona mantiene el registro respetuoso.',
    ['gtt-vih-desestigmatizar', 'salutmental-como-no-hablar'],
    ['yonqui', 'yonki'],
    ['yonqui', 'yonki', 'yonquis', 'yonkis'],
  ),
  {
    id: 'usuario-de-drogas',
    avoid: ['usuario de drogas', 'usuaria de drogas', 'usuarios de drogas', 'usuarios de drogas inyectables', 'UDI'],
    prefer: ['persona que usa drogas', 'persona que se inyecta drogas'],
    why: '«Persona que usa drogas» pone primero a la persona y dice solo lo que se sabe.',
    sources: ['nida-las-palabras-importan', 'lasdrogas-cuidar-el-lenguaje'],
    keywords: ['usuari', 'udi'],
    // "Usuario" alone is left alone: "usuario del sistema", "nombre de usuario" are about accounts.
    rules: [
      {
        pattern: word(`(?:(?<det>${DET})(?:/as?)?\\s+)?(?<w>usuari[oa]s?(?:/as?|\\(as?\\))?)\\s+${OF}(?<q>${SUBSTANCE_ES}|drogas?\\s+por\\s+v[ií]a\\s+intravenosa)`),
        suggest: (ctx) => personWhoUsesEs(ctx, ctx.groups['q'], isPluralEs(ctx.groups['w']), ctx.groups['det']),
      },
      {
        pattern: word(`(?:(?<det>${DET})\\s+)?(?<w>udis?)`),
        // Written in capitals as an abbreviation, so a word such as "udi" in another language is not taken.
        accept: (ctx) => /^UDIs?$/u.test(tidy(ctx.groups['w'])),
        suggest: (ctx) => personWhoUsesEs(ctx, 'inyectables', isPluralEs(ctx.groups['w']), ctx.groups['det']),
      },
    ],
  },
  {
    id: 'abusador',
    avoid: ['abusador de sustancias', 'abusadora de drogas', 'abusadores de alcohol'],
    prefer: ['persona que usa drogas', 'persona con un trastorno por consumo de sustancias'],
    why: '«Abusador» une el consumo con la culpa; describir a la persona abre la puerta al cuidado.',
    sources: ['doorway-care-principles'],
    keywords: ['abusador'],
    // "Su abusador", "abusador sexual" are about violence, so a substance must be named.
    rules: [
      {
        pattern: word(`(?:(?<det>${DET})\\s+)?(?<w>abusador(?:a|es|as)?)\\s+${OF}(?<q>${SUBSTANCE_ES})`),
        suggest: (ctx) => personWhoUsesEs(ctx, ctx.groups['q'], isPluralEs(ctx.groups['w']), ctx.groups['det']),
      },
    ],
  },
  {
    id: 'abuso-de-sustancias',
    avoid: ['abuso de sustancias', 'abuso de drogas', 'abuso del alcohol', 'abusa del alcohol'],
    prefer: ['consumo de sustancias', 'trastorno por consumo de sustancias'],
    why: '«Abuso» sugiere una falta; «consumo» o «uso» describen lo que pasa sin juzgar.',
    sources: ['lasdrogas-cuidar-el-lenguaje', 'medlineplus-una-mejor-forma'],
    keywords: ['abus'],
    // "Abuso" alone stays: abuso sexual, físico o infantil es un daño que el registro debe poder nombrar.
    rules: [
      {
        pattern: word(`abuso\\s+${OF}(?<q>${SUBSTANCE_ES})`),
        // NIDA's Spanish name keeps its own words.
        accept: (ctx) => !beforeEs(ctx, /instituto\s+nacional\s+sobre\s+el\s+$/iu),
        suggest: ({ groups }) => {
          const q = substance(groups['q']);
          return [`consumo de ${q}`, `uso de ${q}`, `trastorno por consumo de ${q}`];
        },
      },
      {
        pattern: word(`(?<v>abus(?:a|an|aba|aban|ó|aron|ar|ando|ado|e|en))\\s+${OF}(?<q>${SUBSTANCE_ES})`),
        suggest: ({ groups }) => {
          const q = substance(groups['q']);
          const [consume, usa] = ABUSAR[tidy(groups['v']).toLowerCase()] ?? ['consume', 'usa'];
          return [`${consume} ${q}`, `${usa} ${q}`];
        },
      },
    ],
  },
  {
    id: 'limpio-sucio-prueba',
    avoid: ['orina limpia', 'muestra sucia', 'la muestra salió limpia', 'dio sucio', 'sucia para fentanilo'],
    prefer: ['negativo', 'positivo'],
    why: 'Los resultados son positivos o negativos, como en cualquier otra prueba; «sucio» puede sentirse como un juicio sobre la persona.',
    sources: ['lasdrogas-cuidar-el-lenguaje', 'doorway-care-principles'],
    keywords: ['limpi', 'suci'],
    rules: [
      {
        // "orina limpia", "la muestra de ayer salió sucia": only the adjective is underlined.
        pattern: word(
          `${TEST_NOUN}(?:\\s+(?:de\\s+(?:orina|drogas|sustancias|detecci[oó]n)|toxicol[oó]gic[oa]s?))?(?:\\s+de\\s+(?:hoy|ayer|la\\s+semana(?:\\s+pasada)?|esta\\s+semana|este\\s+mes))?(?:\\s+${TEST_LINK})*\\s+(?<t>${ADJ})`,
        ),
        // "prueba ... limpia" of a cleaning ("el análisis del agua") is not a drug test.
        accept: (ctx) => !afterEs(ctx, /^\s+y\s+sec[oa]/iu),
        suggest: ({ groups }) => [resultFor(groups['t'])],
      },
      {
        // "dio limpio", "dieron sucio": "dar" with a result is always a test.
        pattern: word(`(?:dio|dieron|da|dan|daba|ha\\s+dado)\\s+(?<t>${ADJ})`),
        suggest: ({ groups }) => [resultFor(groups['t'])],
      },
      {
        // "sucia para fentanilo": a result for a named substance.
        pattern: word(`(?<t>${ADJ})\\s+(?:para|en)\\s+(?:(?:la|el)\\s+)?${SUBSTANCE_ES}`),
        accept: (ctx) => subjectBeforeEs(ctx.text, ctx.matchStart) !== 'thing' || /muestra|orina|prueba|examen|análisis|resultado/iu.test(ctx.text.slice(Math.max(0, ctx.matchStart - 40), ctx.matchStart)),
        suggest: ({ groups }) => [resultFor(groups['t'])],
      },
    ],
  },
  {
    id: 'limpio-persona',
    avoid: ['está limpia desde marzo', 'lleva tres meses limpio', 'sigue limpio', 'limpio y sobrio'],
    prefer: ['en recuperación', 'sin consumir'],
    why: 'Decir lo que pasa («sin consumir», «en recuperación») evita sugerir que quien consume está «sucio».',
    sources: ['lasdrogas-cuidar-el-lenguaje', 'doorway-care-principles'],
    keywords: ['limpi', 'suci'],
    // "Limpio" as hygiene, wound care and supplies ("limpió la herida", "material limpio", "la ropa
    // estaba sucia", "agujas limpias") is everyday language and is left alone.
    rules: [
      {
        // "está limpia", "sigue limpio", "se mantiene limpia", "ha estado limpio".
        pattern:
          word(`(?<v>${PERSON_VERB})`) +
          `\\s+(?:(?:ya|todavía|aún|totalmente|completamente|casi|nuevamente|de\\s+nuevo|otra\\s+vez)\\s+)*(?<t>${ADJ})${END}`,
        accept: (ctx) =>
          subjectBeforeEs(ctx.text, ctx.matchStart) !== 'thing' &&
          fitsPersonAfterEs(ctx.text, ctx.matchEnd) &&
          (!/^suci/iu.test(tidy(ctx.groups['t'])) || usingSenseOfSucio(ctx)),
        suggest: ({ groups }) => personSuggestions(groups['t']),
      },
      {
        // "lleva tres meses limpio", "6 meses limpia".
        // The length of time is underlined with the adjective, so the suggestion can keep it.
        pattern: word(`(?<d>${DURATION_ES})\\s+limpi[oa]s?`),
        accept: (ctx) => subjectBeforeEs(ctx.text, ctx.matchStart) !== 'thing' && fitsPersonAfterEs(ctx.text, ctx.matchEnd),
        suggest: ({ groups }) => {
          const d = tidy(groups['d']);
          return [`${d} sin consumir`, `${d} en recuperación`];
        },
      },
      {
        pattern: word(`limpi[oa]s?\\s+y\\s+sobri[oa]s?`),
        suggest: () => ['en recuperación', 'sin consumir'],
      },
    ],
  },
  {
    id: 'jeringa-sucia',
    avoid: ['jeringa sucia', 'jeringas sucias', 'aguja sucia', 'material sucio'],
    prefer: ['jeringa usada'],
    why: '«Usada» describe el material con claridad, sin sugerir que alguien está sucio.',
    sources: ['doorway-care-principles'],
    keywords: ['suci'],
    // "Jeringas limpias" and "material limpio" are supplies handed out and are left alone.
    rules: [
      {
        pattern: word(`(?<n>jeringas?|jeringuillas?|agujas?|equipos?|cucharas?|material(?:es)?)\\s+(?<a>suci[oa]s?)`),
        suggest: ({ groups }) => [`${tidy(groups['n']).toLowerCase()} ${agree('usad', groups['a'])}`],
      },
    ],
  },
  {
    id: 'recaida',
    avoid: ['recayó', 'tuvo una recaída', 'otra recaída', 'recaen'],
    prefer: ['volvió a consumir', 'regreso al consumo'],
    why: '«Volver a consumir» describe lo que pasó sin hablar de fracaso; puede ser parte del camino de cualquiera.',
    sources: ['doorway-care-principles'],
    keywords: ['reca'],
    rules: [
      {
        pattern: word(`(?<v>tuvo|tuve|tiene|tienen|tuvieron|tenía|ha\\s+tenido|han\\s+tenido|había\\s+tenido)\\s+(?:una|otra)\\s+(?:nueva\\s+)?reca[ií]da`),
        accept: (ctx) => !afterEs(ctx, OTHER_ILLNESS_AFTER),
        suggest: ({ groups }) => [inflectEs(groups['v'], TENER_RECAIDA, 'volvió a consumir')],
      },
      {
        pattern: word(`(?<t>recayó|recayeron|recae|recaen|recaía|recaían|recaer|recaiga|recaigan|recaído|recaí|recaerá|recaería)`),
        // "La responsabilidad recae en ..." is the other sense of the verb.
        accept: (ctx) => !afterEs(ctx, /^\s+(?:en|sobre)\s/iu) && !afterEs(ctx, OTHER_ILLNESS_AFTER),
        suggest: ({ groups }) => [inflectEs(groups['t'], RECAER, 'volver a consumir')],
      },
      {
        pattern: word(`(?:(?<det>una|la|otra|esta|su|sus|las|otras|cada)\\s+)?(?:nueva\\s+)?(?<w>reca[ií]das?)`),
        accept: (ctx) => !beforeEs(ctx, CLINICAL_BEFORE) && !afterEs(ctx, OTHER_ILLNESS_AFTER),
        suggest: ({ groups }) => {
          const plural = isPluralEs(groups['w']);
          const det = groups['det'];
          const feminine = tidy(det) === '' ? '' : `${tidy(det).toLowerCase()} `;
          return plural
            ? [`${masculineDeterminer(det)}regresos al consumo`, `${feminine}vueltas al consumo`]
            : [`${masculineDeterminer(det)}regreso al consumo`, `${feminine}vuelta al consumo`];
        },
      },
    ],
  },
  {
    id: 'perdido-en-el-seguimiento',
    avoid: ['perdido en el seguimiento', 'perdida al seguimiento', 'pérdida de seguimiento'],
    prefer: ['sin contacto por ahora', 'en un tiempo sin contacto'],
    why: 'Un tiempo sin contacto es algo normal, y la puerta sigue abierta para cuando quiera volver.',
    sources: ['doorway-care-principles'],
    keywords: ['perdid', 'pérdida'],
    rules: [
      {
        pattern: word(`perdid[oa]s?\\s+(?:en\\s+el|al|del|de|para\\s+el|en)\\s+seguimiento`),
        suggest: () => ['sin contacto por ahora', 'en un tiempo sin contacto'],
      },
      {
        pattern: word(`p[ée]rdida\\s+(?:de|del|en\\s+el|al)\\s+seguimiento`),
        suggest: () => ['tiempo sin contacto', 'un tiempo sin contacto'],
      },
    ],
  },
  {
    id: 'incumplimiento',
    avoid: ['incumplimiento', 'no cumple', 'incumplidor', 'no cumplió con el tratamiento'],
    prefer: ['no sigue el plan por ahora', 'busca otras opciones'],
    why: 'Describir lo que la persona hace, o elige, mantiene la puerta abierta sin culpa.',
    sources: ['doorway-care-principles'],
    keywords: ['cumpl'],
    rules: [
      {
        // "Incumplimiento del tratamiento" -> "Tratamiento en pausa": the thing named stays.
        pattern: word(
          'incumplimiento(?:\\s+(?:del|de\\s+la|de\\s+las|de\\s+los)\\s+(?<o>tratamiento|medicaci[oó]n|citas|plan|controles))?',
        ),
        accept: (ctx) => !afterEs(ctx, SYSTEMS_AFTER),
        suggest: ({ groups }) => {
          const o = tidy(groups['o']).toLowerCase();
          if (o === '') return ['no seguir el plan por ahora', 'buscar otras opciones'];
          return [`${o} en pausa`, 'buscar otras opciones'];
        },
      },
      {
        pattern: word('(?<w>incumplid(?:or|ora|ores|oras))'),
        suggest: ({ groups }) =>
          isPluralEs(groups['w'])
            ? ['que no siguen el plan por ahora', 'que buscan otras opciones']
            : ['que no sigue el plan por ahora', 'que busca otras opciones'],
      },
      {
        pattern: word(
          '(?<t>no\\s+(?<v>cumple|cumplen|cumplió|cumplieron|cumplía|cumplían|ha\\s+cumplido|han\\s+cumplido|está\\s+cumpliendo|están\\s+cumpliendo|cumplirá))',
        ),
        accept: (ctx) => !afterEs(ctx, SYSTEMS_AFTER) && !afterEs(ctx, /^\s+(?:\d|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|años)/iu),
        suggest: (ctx) => {
          const [sigue, busca] = SEGUIR[tidy(ctx.groups['v']).toLowerCase()] ?? ['sigue', 'busca'];
          // With an object ("con el tratamiento") the plan is already named.
          return afterEs(ctx, /^\s+(?:con|el|la|las|los|sus?)\s/iu)
            ? [`no ${sigue} por ahora`, `${busca} otras opciones`]
            : [`no ${sigue} el plan por ahora`, `${busca} otras opciones`];
        },
      },
    ],
  },
];
