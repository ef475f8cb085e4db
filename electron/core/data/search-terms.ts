/**
 * How typed search text becomes terms, the same on both engines: words split on spaces, only letters,
 * digits and dashes kept. Three letters or more in every word: each word is found anywhere (a
 * fragment of a name or code); otherwise each part of each word (split on dashes too) is found at
 * the start of a word.
 */
export interface SearchTerms {
  mode: 'anywhere' | 'wordStart';
  terms: string[];
}

export function searchTerms(query: string): SearchTerms | null {
  const words = query
    .trim()
    .split(/\s+/)
    .map((t) => t.replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter(Boolean);
  if (words.length === 0) return null;
  if (words.every((t) => t.length >= 3)) return { mode: 'anywhere', terms: words };
  const parts = words.flatMap((t) => t.split('-').filter(Boolean));
  return parts.length ? { mode: 'wordStart', terms: parts } : null;
}
