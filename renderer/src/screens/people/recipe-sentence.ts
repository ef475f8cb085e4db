import { useTranslation } from 'react-i18next';
import { exampleCode, recipeParts } from '../../../../shared/client-code';

/** "2 letters, then 2 digits, then “-”, then 1 letter, for example AB12-C." */
export function useRecipeSentence(mask: string): string {
  const { t } = useTranslation();
  if (!mask) return t('recipe.any');
  const parts = recipeParts(mask).map((p) =>
    p.kind === 'literal' ? t('recipe.literal', { text: p.text }) : p.kind === 'letters' ? t('recipe.letters', { count: p.count }) : t('recipe.digits', { count: p.count }),
  );
  return t('recipe.sentence', { parts: parts.join(t('recipe.then')), example: exampleCode(mask) });
}
