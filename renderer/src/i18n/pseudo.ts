/*
 * The pseudo-locale: every English string made longer, accented and wrapped in ⟦…⟧, so a screenshot
 * shows at once which words are not going through the string files (they stay plain English) and
 * which labels clip when a translation is longer (Spanish runs about a third longer than English).
 * It is generated from the English files at load and is never offered to staff.
 */

const ACCENTS: Record<string, string> = {
  a: 'á', b: 'ƀ', c: 'ç', d: 'ď', e: 'é', f: 'ƒ', g: 'ĝ', h: 'ĥ', i: 'í', j: 'ĵ', k: 'ķ', l: 'ĺ', m: 'ɱ',
  n: 'ñ', o: 'ó', p: 'þ', r: 'ŕ', s: 'š', t: 'ţ', u: 'ú', w: 'ŵ', y: 'ý', z: 'ž',
  A: 'Á', B: 'Ɓ', C: 'Ç', D: 'Ď', E: 'É', F: 'Ƒ', G: 'Ĝ', H: 'Ĥ', I: 'Í', J: 'Ĵ', K: 'Ķ', L: 'Ĺ', M: 'Ṁ',
  N: 'Ñ', O: 'Ó', P: 'Þ', R: 'Ŕ', S: 'Š', T: 'Ţ', U: 'Ú', W: 'Ŵ', Y: 'Ý', Z: 'Ž',
};

/** Placeholders ({{name}}), nesting ($t(key)) and tags (<1>, </1>, <strong/>) stay exactly as they are. */
const UNTOUCHED = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<\/?[A-Za-z0-9]+\s*\/?>)/;

export const PSEUDO_OPEN = '⟦';
export const PSEUDO_CLOSE = '⟧';

export function pseudoString(text: string): string {
  if (text === '') return text;
  const parts = text.split(UNTOUCHED);
  let letters = 0;
  const out = parts
    .map((part, i) => {
      // split with one capturing group: odd parts are the untouched pieces.
      if (i % 2 === 1) return part;
      return [...part]
        .map((ch) => {
          if (/[A-Za-z]/.test(ch)) letters += 1;
          return ACCENTS[ch] ?? ch;
        })
        .join('');
    })
    .join('');
  // ~35% longer: padding after the text, so the words themselves stay readable in a screenshot.
  const pad = '·'.repeat(Math.max(1, Math.round(letters * 0.35)));
  return `${PSEUDO_OPEN}${out}${pad}${PSEUDO_CLOSE}`;
}

type Tree = { [key: string]: string | Tree };

export function pseudoTree<T>(tree: T): T {
  const walk = (node: Tree): Tree =>
    Object.fromEntries(Object.entries(node).map(([k, v]) => [k, typeof v === 'string' ? pseudoString(v) : walk(v)]));
  return walk(tree as unknown as Tree) as unknown as T;
}
