import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkLanguage, suggestReplacement, type LanguageFinding } from '../../../../../shared/language';
import { ActionButton } from '../../../components/ActionButton';
import { useDismissedTerms } from './dismissed-terms';
import { useDebounced } from './use-debounced';

/** Suggestions are read after a short pause in typing, so the list does not flicker mid-word. */
const PAUSE_MS = 350;

interface LanguageHintsProps {
  id: string;
  text: string;
  onReplace(next: string): void;
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
 */
export function LanguageHints({ id, text, onReplace }: LanguageHintsProps) {
  const { t } = useTranslation();
  const { dismissed, dismiss } = useDismissedTerms();
  const settled = useDebounced(text, PAUSE_MS);
  const findings = useMemo(() => distinctFindings(checkLanguage(settled, { dismissed })), [settled, dismissed]);

  const use = (finding: LanguageFinding, index: number) => {
    // The text may have moved on since the pause; check it again so the span is where we think.
    const fresh = checkLanguage(text, { dismissed }).find((f) => f.termId === finding.termId && f.matched.toLowerCase() === finding.matched.toLowerCase());
    if (fresh) onReplace(suggestReplacement(text, fresh, index));
  };

  return (
    <div id={id} className="language-hints" aria-live="polite">
      {findings.length === 0 ? null : (
        <>
          <p className="language-hints-title">{t('language.title', { count: findings.length })}</p>
          <ul className="language-hints-list">
            {findings.map((f) => (
              <li key={`${f.termId}:${f.matched}`} className="language-hint">
                <p>
                  {t('language.instead', { matched: f.matched })}{' '}
                  {f.suggestions.slice(0, 2).map((s, i) => (
                    <span key={s}>
                      {i > 0 ? ` ${t('language.or')} ` : null}
                      <strong>“{s}”</strong>
                    </span>
                  ))}
                </p>
                <p className="language-hint-why">
                  {f.why}{' '}
                  <span className="language-hint-source">
                    {t('language.source', { sources: f.sources.map((s) => s.short).join('; ') })}
                  </span>
                </p>
                <div className="language-hint-actions">
                  {f.suggestions.slice(0, 2).map((s, i) => (
                    <ActionButton key={s} className="button-small" onPress={() => use(f, i)} aria-label={t('language.useLabel', { matched: f.matched, suggestion: s })}>
                      {t('language.use', { suggestion: s })}
                    </ActionButton>
                  ))}
                  <ActionButton variant="quiet" className="button-small" onPress={() => dismiss(f.termId)} aria-label={t('language.dismissLabel', { matched: f.matched })}>
                    {t('language.dismiss')}
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
