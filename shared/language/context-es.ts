/**
 * Readers of the words around a match in a Spanish note, and the small grammar the Spanish
 * suggestions need (articles that agree with "persona", verbs in the tense that was written).
 * As in English (context.ts), some words are only stigmatizing in one sense: "está limpia desde
 * marzo" is about a person, "la herida está limpia" is wound care.
 */
import { sentenceAfter, sentenceBefore, tidy, type MatchContext } from './context';

const WORD = /[\p{L}\p{N}]+/gu;

function words(s: string): string[] {
  return s.match(WORD) ?? [];
}

/** Words between a subject and "limpia" that are not the subject (Spanish often drops it). */
const SKIP = new Set(
  (
    'ha han he has hemos había habían ya todavía aún no nunca se me te nos lo que quiere quieren quería ' +
    'puede pueden dice dicen dijo según sigue siguen totalmente completamente muy y pero hoy ahora estado ' +
    'si también creo cree refiere reporta comenta comentó mencionó afirma lleva llevo llevas llevamos llevan ' +
    'llevaba llevaban'
  ).split(' '),
);

/** Articles and determiners: they stand before the subject, never are it. */
const DETERMINERS = new Set(
  'el la los las un una unos unas su sus mi mis tu tus este esta estos estas ese esa esos esas del al'.split(' '),
);

/** Words for people: a subject from this list makes "está limpia" about a person. */
const PERSON_WORDS = new Set(
  (
    'yo tú usted ustedes él ella ellos ellas nosotros nosotras paciente pacientes participante participantes ' +
    'cliente clientes persona personas hombre hombres mujer mujeres chico chica chicos chicas chavo chava ' +
    'muchacho muchacha joven jóvenes señor señora hijo hija hijos hijas pareja novio novia esposo esposa ' +
    'madre padre mamá papá hermano hermana amigo amiga amigos amigas vecino vecina compañero compañera'
  ).split(' '),
);

/** Things that are often "limpio" or "sucio" in the everyday sense. */
const THING_WORDS = new Set(
  (
    'herida heridas zona área sitio piel vendaje apósito apósitos gasa material materiales equipo equipos ' +
    'kit kits agua manos mano ropa cama sábanas piso suelo mesa cuarto habitación casa baño cocina lugar ' +
    'campamento carpa tienda coche carro camioneta espacio aguja agujas jeringa jeringas todo esto eso ' +
    'muestra orina prueba examen análisis resultado resultados uñas pelo cabello instrumental quirófano'
  ).split(' '),
);

export type SubjectKind = 'person' | 'thing' | 'none';

/**
 * Walks back from `index` over words such as "ya", "sigue", "dice que" to the likely subject.
 * A capitalised word that is not a known thing is taken to be a name; no subject at all ("Está
 * limpia desde marzo") is the dropped subject Spanish uses for a person.
 */
export function subjectBeforeEs(text: string, index: number): SubjectKind {
  // A comma or a dash starts a new clause, whose subject Spanish often leaves out:
  // "Vino al local — está limpia" is about her, not the place.
  const sentence = sentenceBefore(text, index);
  const clause = sentence.slice(Math.max(...[',', '\u2014', '\u2013', '('].map((c) => sentence.lastIndexOf(c))) + 1);
  // ...but "la habitación, que está limpia" is still about the room.
  const before = words(/^\s*que\s/iu.test(clause) ? sentence : clause);
  for (let i = before.length - 1; i >= 0; i--) {
    const raw = before[i]!;
    const lower = raw.toLowerCase();
    if (SKIP.has(lower) || DETERMINERS.has(lower)) continue;
    if (PERSON_WORDS.has(lower)) return 'person';
    if (THING_WORDS.has(lower)) return 'thing';
    if (/^\p{Lu}\p{Ll}/u.test(raw)) return 'person';
    return 'thing';
  }
  return 'none';
}

/** Words that may follow "limpia" when it is about a person: "limpia desde marzo", "limpio y sobrio". */
const PERSON_FOLLOWERS = new Set(
  'desde hace por durante y o ya todavía aún hasta otra ahora hoy casi más de sin gracias pero porque'.split(' '),
);

/** Hygiene and wound care after the adjective: "limpia y seca", "limpio, bien arreglado". */
const HYGIENE_AFTER =
  /^\s*,?\s*(?:y\s+)?(?:sec[oa]s?|bien|ordenad[oa]s?|asead[oa]s?|arreglad[oa]s?|vestid[oa]s?|peinad[oa]s?|sin\s+(?:signos|secreción|exudado|olor)|cicatrizando|afeitad[oa]s?|bañad[oa]s?|duchad[oa]s?|con\s+ropa)/iu;

/** True when the words after `index` fit the adjective as said of a person. */
export function fitsPersonAfterEs(text: string, index: number): boolean {
  const after = sentenceAfter(text, index);
  if (HYGIENE_AFTER.test(after)) return false;
  const next = words(after)[0];
  if (next === undefined) return true;
  if (/^\s*[,)\u2013\u2014]/u.test(after)) return true;
  return PERSON_FOLLOWERS.has(next.toLowerCase()) || /^\d/u.test(next);
}

export const beforeEs = (ctx: MatchContext, re: RegExp): boolean => re.test(sentenceBefore(ctx.text, ctx.matchStart));
export const afterEs = (ctx: MatchContext, re: RegExp): boolean => re.test(sentenceAfter(ctx.text, ctx.matchEnd));

/** The determiner that goes with "persona" (feminine), from the one written before "adicto". */
const FEMININE: Readonly<Record<string, string>> = {
  un: 'una',
  una: 'una',
  el: 'la',
  la: 'la',
  los: 'las',
  las: 'las',
  unos: 'unas',
  unas: 'unas',
  este: 'esta',
  esta: 'esta',
  estos: 'estas',
  estas: 'estas',
  ese: 'esa',
  esa: 'esa',
  esos: 'esas',
  esas: 'esas',
  otro: 'otra',
  otra: 'otra',
  otros: 'otras',
  otras: 'otras',
  aquel: 'aquella',
  aquella: 'aquella',
  del: 'de la',
  al: 'a la',
  su: 'su',
  sus: 'sus',
  mi: 'mi',
  mis: 'mis',
  nuestro: 'nuestra',
  nuestra: 'nuestra',
  nuestros: 'nuestras',
  nuestras: 'nuestras',
};

/** The determiner that goes with a masculine noun ("regreso"), from one written before "recaída". */
const MASCULINE: Readonly<Record<string, string>> = {
  una: 'un',
  la: 'el',
  las: 'los',
  otra: 'otro',
  otras: 'otros',
  esta: 'este',
  estas: 'estos',
  esa: 'ese',
  su: 'su',
  sus: 'sus',
  cada: 'cada',
  nueva: 'nuevo',
};

/** "los" -> "las ", "" -> "" (with the space that joins it to the noun). */
export function feminineDeterminer(det: string | undefined): string {
  const d = tidy(det).toLowerCase().replace(/\/as?$/u, '');
  if (d === '') return '';
  return `${FEMININE[d] ?? d} `;
}

export function masculineDeterminer(det: string | undefined): string {
  const d = tidy(det).toLowerCase();
  if (d === '') return '';
  return `${MASCULINE[d] ?? d} `;
}

/** True when the Spanish noun or adjective is plural: "adictos", "limpias", "usuarios". */
export function isPluralEs(word: string | undefined): boolean {
  return word !== undefined && /s(?:\/as?|\(as?\))?$/iu.test(tidy(word));
}

/** True when the adjective is feminine: "limpia", "sucias". */
export function isFeminineEs(word: string | undefined): boolean {
  return word !== undefined && /as?$/iu.test(tidy(word));
}

/** "negativ" + the ending of "limpias" -> "negativas". */
export function agree(stem: string, like: string | undefined): string {
  return `${stem}${isFeminineEs(like) ? 'a' : 'o'}${isPluralEs(like) ? 's' : ''}`;
}

/** The same verb phrase in another verb, by the tense written: "recayó" -> "volvió a consumir". */
export function inflectEs(written: string | undefined, forms: Readonly<Record<string, string>>, fallback: string): string {
  const key = tidy(written).toLowerCase();
  return forms[key] ?? fallback;
}
