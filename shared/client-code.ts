import { msg, type Message } from './messages';
/**
 * The clinic's client-code recipe: A is a letter, 9 a digit, anything else stands for itself; an
 * empty recipe takes any code. One definition for both sides: core refuses a code that does not fit,
 * and the form says what is expected while the code is typed.
 */
export function codeMatchesRecipe(code: string, mask: string): boolean {
  const c = code.trim().toUpperCase();
  if (!mask) return true;
  if (c.length !== mask.length) return false;
  return [...mask].every((m, i) => {
    const ch = c[i] ?? '';
    if (m === 'A') return /[A-Z]/.test(ch);
    if (m === '9') return /[0-9]/.test(ch);
    return ch === m.toUpperCase();
  });
}

export type RecipePart = { kind: 'letters' | 'digits'; count: number } | { kind: 'literal'; text: string };

/** "AA99-A" → 2 letters, 2 digits, "-", 1 letter: for a sentence that says what the recipe asks for. */
export function recipeParts(mask: string): RecipePart[] {
  const parts: RecipePart[] = [];
  for (const m of mask.toUpperCase()) {
    const kind = m === 'A' ? 'letters' : m === '9' ? 'digits' : null;
    const last = parts[parts.length - 1];
    if (kind && last && last.kind === kind) last.count += 1;
    else if (kind) parts.push({ kind, count: 1 });
    else if (last && last.kind === 'literal') last.text += m;
    else parts.push({ kind: 'literal', text: m });
  }
  return parts;
}

/** A made-up code that fits the recipe, to show its shape ("AB12-C"). */
export function exampleCode(mask: string): string {
  const letters = 'ABCDEFGHJK';
  const digits = '1234567890';
  let l = 0;
  let d = 0;
  return [...mask.toUpperCase()].map((m) => (m === 'A' ? letters[l++ % letters.length] : m === '9' ? digits[d++ % digits.length] : m)).join('');
}

/** Why a new code cannot be used under the clinic's recipe, as a message, or null when it can (a person's form and the import say the same). */
export function recipeMessage(code: string, recipe: { mask: string; hint: string }): Message | null {
  if (codeMatchesRecipe(code, recipe.mask)) return null;
  return recipe.hint ? msg('records.codeOffRecipeHint', { mask: recipe.mask, hint: recipe.hint }) : msg('records.codeOffRecipe', { mask: recipe.mask });
}

