import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  checkLanguage,
  detectLanguage,
  quoteSpan,
  suggestReplacement,
  unquotedFindings,
  type LanguageFinding,
  type NoteLanguage,
} from '../../../../../shared/language';
import { ActionButton } from '../../../components/ActionButton';
import { useDismissedTerms } from './dismissed-terms';
import { useDebounced } from './use-debounced';

/** Suggestions are read after a short pause in typing, so the list does not flicker mid-word. */
const PAUSE_MS = 350;

/**
 * Whose words a field holds. Staff's own writing gets other wording offered; a person's own words
 * are quoted, never corrected (DESIGN.md, Care principles), so there the assistant only offers to
 * put the word in quotation marks, and is quiet once it is quoted.
 */
export type FieldWords = 'staff' | 'theirs';

interface LanguageHintsProps {
  id: string;
  text: string;
  words?: FieldWords;
  /** The new text, and where the caret goes in it (just after what was changed). */
  onReplace(next: string, caret: number): void;
  /** A suggestion was dismissed: the field takes the keyboard back. */
  onDismiss?(): void;
}

/** One finding per term and wording: "addict" written twice is one suggestion, applied where it is first. */
function distinctFindings(findings: LanguageFinding[]): LanguageFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.termId}:${f.matched.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The language assistant under a text field: which words other wording is offered for, what, and
 * where the suggestion comes from. It never blocks saving; each term can be taken or dismissed.
 * The list is a polite live region, so a screen reader hears a new suggestion after the sentence.
 * Each button's name begins with the words it shows, so speech control finds it by what is on screen.
 */
export function LanguageHints({ id, text, words = 'staff', onReplace, onDismiss }: LanguageHintsProps) {
  const { i18n } = useTranslation();
  const { dismissed, dismiss } = useDismissedTerms();
  const settled = useDebounced(text, PAUSE_MS);
  // The note is checked in its own language: detected from the words, or, when it is too short or
  // too mixed to tell, the language the staff member works in. The hints are said in that language.
  const staffLanguage: NoteLanguage = i18n.language.startsWith('es') ? 'es' : 'en';
  const language = useMemo(() => detectLanguage(settled, staffLanguage).language, [settled, staffLanguage]);
  const t = useMemo(() => i18n.getFixedT(language), [i18n, language]);
  const findings = useMemo(() => {
    const found = distinctFindings(checkLanguage(settled, { dismissed, language }));
    return words === 'theirs' ? unquotedFindings(settled, found) : found;
  }, [settled, dismissed, words, language]);

  // The text may have moved on since the pause; check it again so the span is where we think.
  const fresh = (finding: LanguageFinding) => checkLanguage(text, { dismissed, language }).find((f) => f.termId === finding.termId && f.matched.toLowerCase() === finding.matched.toLowerCase());
  // Everything after the changed word is as it was, so the caret goes just before that part.
  const apply = (now: LanguageFinding, next: string) => {
    if (next !== text) onReplace(next, next.length - (text.length - now.end));
  };
  const use = (finding: LanguageFinding, index: number) => {
    const now = fresh(finding);
    if (now) apply(now, suggestReplacement(text, now, index));
  };
  const quote = (finding: LanguageFinding) => {
    const now = fresh(finding);
    if (now) apply(now, quoteSpan(text, now));
  };
  const drop = (termId: string) => {
    dismiss(termId);
    onDismiss?.();
  };

  if (words === 'theirs') {
    return (
      <div id={id} className="language-hints" aria-live="polite" lang={language}>
        {findings.length === 0 ? null : (
          <>
            <p className="language-hints-title">{t('languageAssistant.theirsTitle')}</p>
            <ul className="language-hints-list">
              {findings.map((f) => (
                <li key={`${f.termId}:${f.matched}`} className="language-hint">
                  <p>{t('languageAssistant.theirsKept', { matched: f.matched })}</p>
                  <div className="language-hint-actions">
                    <ActionButton className="button-small" onPress={() => quote(f)} aria-label={t('languageAssistant.quoteLabel', { matched: f.matched })}>
                      {t('languageAssistant.quote', { matched: f.matched })}
                    </ActionButton>
                    <ActionButton variant="quiet" className="button-small" onPress={() => drop(f.termId)} aria-label={t('languageAssistant.dismissLabel', { matched: f.matched })}>
                      {t('languageAssistant.dismiss')}
                    </ActionButton>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }

  return (
    <div id={id} className="language-hints" aria-live="polite" lang={language}>
      {findings.length === 0 ? null : (
        <>
          <p className="language-hints-title">{t('languageAssistant.title', { count: findings.length })}</p>
          <ul className="language-hints-list">
            {findings.map((f) => (
              <li key={`${f.termId}:${f.matched}`} className="language-hint">
                <p>
                  {t('languageAssistant.instead', { matched: f.matched })}{' '}
                  {f.suggestions.slice(0, 2).map((s, i) => (
                    <span key={s}>
                      {i > 0 ? ` ${t('languageAssistant.or')} ` : null}
                      <strong>{t('languageAssistant.quoted', { text: s })}</strong>
                    </span>
                  ))}
                </p>
                <p className="language-hint-why">
                  {f.why}{' '}
                  <span className="language-hint-source">
                    {t('languageAssistant.source', { sources: f.sources.map((s) => s.short).join('; ') })}
                  </span>
                </p>
                <div className="language-hint-actions">
                  {f.suggestions.slice(0, 2).map((s, i) => (
                    <ActionButton key={s} className="button-small" onPress={() => use(f, i)} aria-label={t('languageAssistant.useLabel', { matched: f.matched, suggestion: s })}>
                      {t('languageAssistant.use', { suggestion: s })}
                    </ActionButton>
                  ))}
                  <ActionButton variant="quiet" className="button-small" onPress={() => drop(f.termId)} aria-label={t('languageAssistant.dismissLabel', { matched: f.matched })}>
                    {t('languageAssistant.dismiss')}
                  </ActionButton>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
