/**
 * The languages of the interface, as staff choose them (DESIGN.md: Spanish is a first-class language,
 * each staff member works in theirs). Neutral Latin-American Spanish. Code says `language`.
 */
export const LANGUAGES = ['en', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';
