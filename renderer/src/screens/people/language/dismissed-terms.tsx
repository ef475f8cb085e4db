import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

interface DismissedTerms {
  dismissed: ReadonlySet<string>;
  dismiss(termId: string): void;
}

const DismissedTermsContext = createContext<DismissedTerms | null>(null);

/**
 * Terms the writer has dismissed, for one form: dismissing "relapse" in the note also quietens it in
 * "what mattered", and a new form starts fresh (DESIGN.md: the checker suggests, never insists).
 */
export function DismissedTermsProvider({ children }: { children: ReactNode }) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const dismiss = useCallback((termId: string) => setDismissed((s) => new Set([...s, termId])), []);
  const value = useMemo(() => ({ dismissed, dismiss }), [dismissed, dismiss]);
  return <DismissedTermsContext.Provider value={value}>{children}</DismissedTermsContext.Provider>;
}

/** The form's dismissed terms, or the field's own when it stands outside a provider. */
export function useDismissedTerms(): DismissedTerms {
  const shared = useContext(DismissedTermsContext);
  const [own, setOwn] = useState<ReadonlySet<string>>(() => new Set());
  const dismissOwn = useCallback((termId: string) => setOwn((s) => new Set([...s, termId])), []);
  return shared ?? { dismissed: own, dismiss: dismissOwn };
}
