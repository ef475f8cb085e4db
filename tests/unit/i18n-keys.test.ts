import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/languages';
import { PEOPLE_WORDS } from '../../shared/people-word';
import { ROLES } from '../../shared/roles';
import { GOAL_STATUSES, PHASES, REFERRAL_STATUSES } from '../../shared/contract/record-schemas';

/*
 * Strings are checked by tooling, not by memory: every file read here is whatever exists in
 * renderer/src/i18n, so a new feature's en-<feature>.json is covered the day it lands.
 */

const dir = join(process.cwd(), 'renderer', 'src', 'i18n');
/** Core's messages (shared/messages): the same rules, in their own files. */
const messagesDir = join(process.cwd(), 'shared', 'messages');
const src = join(process.cwd(), 'renderer', 'src');
type Tree = { [key: string]: string | Tree };

const readIn = (folder: string, file: string): Tree => JSON.parse(readFileSync(join(folder, file), 'utf8')) as Tree;
const read = (file: string): Tree => readIn(dir, file);
const jsonIn = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.json'));
const enIn = (folder: string) => jsonIn(folder).filter((f) => /^en(-[a-z-]+)?\.json$/.test(f));
const esIn = (folder: string) => jsonIn(folder).filter((f) => /^es(-[a-z-]+)?\.json$/.test(f));
const enFiles = enIn(dir);
const esFiles = esIn(dir);
const twin = (enFile: string) => `es${enFile.slice(2)}`;

function flatten(tree: Tree, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v, key, out);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');

/** {{name}} (without any format), <1>…</1> tags and $t(nesting): what must be the same in every language. */
function placeholders(text: string, ignoreCount: boolean): string[] {
  const found = [
    ...[...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => `{{${m[1]}}}`),
    ...[...text.matchAll(/<\/?[A-Za-z0-9]+\s*\/?>/g)].map((m) => m[0].replace(/\s/g, '')),
    ...[...text.matchAll(/\$t\([^)]*\)/g)].map((m) => m[0]),
  ];
  // A plural form may leave the number out ("one day" / "un día"): the count is the plural's own.
  return [...new Set(found.filter((p) => !(ignoreCount && p === '{{count}}')))].sort();
}

const en = new Map<string, string>();
for (const f of enFiles) flatten(read(f), '', en);
const es = new Map<string, string>();
for (const f of esFiles) flatten(read(f), '', es);

describe.each([
  ['the screens (renderer/src/i18n)', dir],
  ["core's messages (shared/messages)", messagesDir],
])('%s', (_name, folder) => {
  const enHere = enIn(folder);
  const esHere = esIn(folder);
  const enStrings = new Map<string, string>();
  for (const f of enHere) flatten(readIn(folder, f), '', enStrings);
  const esStrings = new Map<string, string>();
  for (const f of esHere) flatten(readIn(folder, f), '', esStrings);

  it('every English file has its Spanish twin, and every Spanish file its English one', () => {
    expect(enHere.filter((f) => !esHere.includes(twin(f)))).toEqual([]);
    expect(esHere.filter((f) => !enHere.includes(`en${f.slice(2)}`))).toEqual([]);
  });

  it.each(enHere)('%s and its Spanish twin have the same keys (Spanish may add _many beside _other)', (enFile) => {
    if (!esHere.includes(twin(enFile))) return; // the test above names the missing file
    const a = flatten(readIn(folder, enFile));
    const b = flatten(readIn(folder, twin(enFile)));
    const missingInEs = [...a.keys()].filter((k) => !b.has(k));
    const extraInEs = [...b.keys()].filter((k) => !a.has(k) && !(k.endsWith('_many') && a.has(k.replace(/_many$/, '_other'))));
    expect({ missingInEs, extraInEs }).toEqual({ missingInEs: [], extraInEs: [] });
  });

  it('no string is empty', () => {
    expect([...enStrings, ...esStrings].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
  });

  it('no key is in two files (files are merged: one would hide the other)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const f of enHere) {
      for (const key of flatten(readIn(folder, f)).keys()) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${f})`);
        seen.set(key, f);
      }
    }
    expect(twice).toEqual([]);
  });

  it('each Spanish string has the same {{placeholders}}, <n> tags and $t() as its English one', () => {
    const differing: string[] = [];
    for (const [key, text] of esStrings) {
      const english = enStrings.get(key) ?? (key.endsWith('_many') ? enStrings.get(key.replace(/_many$/, '_other')) : undefined);
      if (english === undefined) continue;
      const plural = PLURAL.test(key);
      const a = placeholders(english, plural);
      const b = placeholders(text, plural);
      if (a.join(' ') !== b.join(' ')) differing.push(`${key}: en ${a.join(' ') || '(none)'} / es ${b.join(' ') || '(none)'}`);
    }
    expect(differing).toEqual([]);
  });
});

describe('the placeholder checker', () => {
  it('the checker itself catches a difference', () => {
    expect(placeholders('{{count}} days since {{name}}', false)).toEqual(['{{count}}', '{{name}}']);
    expect(placeholders('<1>Open</1> {{n, number}}', false)).toEqual(['</1>', '<1>', '{{n}}']);
    expect(placeholders('un día', true)).toEqual(placeholders('{{count}} day', true));
  });
});

// ---- keys used in code ------------------------------------------------------------------------

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const path = join(folder, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const code = sourceFiles(src).map((path) => ({ path: relative(process.cwd(), path), text: readFileSync(path, 'utf8') }));

/** t('a.b'), i18n.t('a.b'), i18nKey="a.b", i18n.exists('a.b'), words(t, 'a.b'): the project's literal-key forms. */
const LITERAL = [
  /(?<![\w$])t\(\s*'([A-Za-z0-9_.]+)'/g,
  /(?<![\w$])t\(\s*"([A-Za-z0-9_.]+)"/g,
  /i18nKey=["']([A-Za-z0-9_.]+)["']/g,
  /i18n\.exists\(\s*'([A-Za-z0-9_.]+)'/g,
  /words\(\s*t\s*,\s*'([A-Za-z0-9_.]+)'/g,
];
/** t(`a.b.${x}`), words(t, `a.${x}`): a key built from a list. */
const TEMPLATE = [/(?<![\w$])t\(\s*`([^`]+)`/g, /words\(\s*t\s*,\s*`([^`]+)`/g];

const hasKey = (strings: Map<string, string>, key: string) =>
  strings.has(key) || [...strings.keys()].some((k) => PLURAL.test(k) && base(k) === key);
const hasSubtree = (strings: Map<string, string>, prefix: string) => [...strings.keys()].some((k) => k.startsWith(prefix));

/**
 * Dynamic keys whose values come from a list the code shares with core: every value must have its
 * words in both languages.
 */
const KNOWN_LISTS: Record<string, readonly string[]> = {
  'languages.names.': LANGUAGES,
  'peopleWord.options.': PEOPLE_WORDS,
  'roles.': ROLES,
  'phase.names.': PHASES,
  'goals.statuses.': GOAL_STATUSES,
  'referrals.statuses.': REFERRAL_STATUSES,
};

/**
 * Keys whose first part itself is a variable (`${k}.title`), with the list the variable's type allows
 * in that file: PersonPage's sectionLabels(k: 'goals' | 'moments' | ...). Keep it in step with the type.
 */
const WHOLLY_DYNAMIC: Record<string, readonly string[]> = {
  'renderer/src/screens/people/PersonPage.tsx': ['goals', 'moments', 'phase', 'substances', 'treatment', 'overdose', 'consents'],
};

describe('every key used in code exists', () => {
  it('each literal key in the renderer is in the English and the Spanish strings', () => {
    const missing: string[] = [];
    for (const { path, text } of code) {
      for (const pattern of LITERAL) {
        for (const m of text.matchAll(pattern)) {
          const key = m[1]!;
          if (!key.includes('.') && !hasKey(en, key)) continue; // not a dotted key: some other t(...)
          for (const [lang, strings] of [['en', en], ['es', es]] as const) {
            if (!hasKey(strings, key)) missing.push(`${lang} ${key} (${path})`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('each key built in code has its words: for known lists every value, otherwise its static prefix', () => {
    const missing: string[] = [];
    const unchecked: string[] = [];
    for (const { path, text } of code) {
      for (const pattern of TEMPLATE) {
        for (const m of text.matchAll(pattern)) {
          const template = m[1]!;
          const prefix = template.slice(0, template.indexOf('${'));
          const own = WHOLLY_DYNAMIC[path];
          if (prefix === '' && !own) {
            unchecked.push(`${template} (${path})`);
            continue;
          }
          const list = prefix === '' ? own : KNOWN_LISTS[prefix];
          const rest = template.slice(template.indexOf('}') + 1);
          for (const [lang, strings] of [['en', en], ['es', es]] as const) {
            if (list && !rest.includes('${')) {
              for (const v of list) if (!hasKey(strings, `${prefix}${v}${rest}`)) missing.push(`${lang} ${prefix}${v}${rest} (${path})`);
            } else if (!hasSubtree(strings, prefix)) missing.push(`${lang} ${prefix}… (${path})`);
          }
        }
      }
    }
    expect({ missing, unchecked }).toEqual({ missing: [], unchecked: [] });
  });
});
