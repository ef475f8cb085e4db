import type { TFunction } from 'i18next';
import type { PersonSummary } from '../../../../shared/contract';

/** The name the person goes by, else their name, else their client code. */
export function personLabel(p: Pick<PersonSummary, 'preferredName' | 'name' | 'clientCode'>): string {
  return p.preferredName ?? p.name ?? p.clientCode;
}

/** The client code beside the name, unless the code is all there is. */
export function personSecondary(p: Pick<PersonSummary, 'preferredName' | 'name' | 'clientCode'>): string | null {
  return p.preferredName ?? p.name ? p.clientCode : null;
}

/** For the clinic's word at the start of a sentence: "participants" → "Participants". */
export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const SUPPLY_CATEGORIES = ['naloxone', 'syringes', 'test_strips', 'safer_use', 'wound_care'] as const;

/** A supply category in words, as the catalog settings name it; no category reads as "Other". */
export function categoryLabel(t: TFunction, category: string | null): string {
  if (category === null) return t('catalog.categories.none');
  return (SUPPLY_CATEGORIES as readonly string[]).includes(category)
    ? t(`catalog.categories.${category as (typeof SUPPLY_CATEGORIES)[number]}`)
    : category.replace(/_/g, ' ');
}
