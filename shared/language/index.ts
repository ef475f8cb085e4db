/** The language assistant's public surface: the checker, the replacement helper and the term list. */
export { checkLanguage, suggestReplacement, type CheckOptions, type LanguageFinding } from './check';
export { insideQuotes, quoteSpan, unquotedFindings } from './quote';
export { LANGUAGE_SOURCES, LANGUAGE_TERMS, type LanguageSource, type LanguageTerm, type SourceId } from './terms';
export { detectLanguage, MIN_EVIDENCE, THRESHOLD, type Detection, type NoteLanguage } from './detect';
export { insideDialogue, insideQuotesEs } from './quote-es';
export { LANGUAGE_SOURCES_ES, LANGUAGE_TERMS_ES, type LanguageTermEs, type SourceIdEs } from './terms-es';
