import { useTranslation } from 'react-i18next';
import type { PeopleWord } from '../../../shared/people-word';

/** The clinic's word for the people it serves, singular and plural, ready to interpolate. */
export function usePeopleWords(word: PeopleWord): { person: string; people: string } {
  const { t } = useTranslation();
  return { person: t(`peopleWord.words.${word}.one`), people: t(`peopleWord.words.${word}.other`) };
}
