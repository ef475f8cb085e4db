import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { formatCount } from '../../components/numbers';

/** What the import will add, and the one button that writes it all (only when nothing is left to fix). */
interface ImportReadyProps {
  preview: ImportPreview;
  words: { person: string; people: string };
  busy: boolean;
  onImport(): void;
  /** The run's progress and outcome, shown here, where staff pressed the button. */
  children?: ReactNode;
}

export function ImportReady({ preview, words, busy, onImport, children }: ImportReadyProps) {
  const { t } = useTranslation();
  const c = preview.counts;
  const who = (n: number) => (n === 1 ? words.person : words.people);
  const ready = preview.problemCount === 0 && (c.peopleAdded > 0 || c.contactsAdded > 0 || c.peopleMatched > 0);
  return (
    <section className="panel" aria-labelledby="im-ready-heading">
      <h2 id="im-ready-heading">{t('import.ready.heading')}</h2>
      {ready ? (
        <p>
          {preview.kind === 'people'
            ? t('import.ready.summaryPeople', { peopleAdded: formatCount(c.peopleAdded), people: who(c.peopleAdded) })
            : t('import.ready.summary', { peopleAdded: formatCount(c.peopleAdded), contacts: t('import.contacts', { count: c.contactsAdded, formatted: formatCount(c.contactsAdded) }), people: who(c.peopleAdded) })}
          {c.peopleMatched > 0 ? ` ${t('import.ready.matched', { matched: formatCount(c.peopleMatched), people: who(c.peopleMatched) })}` : null}
        </p>
      ) : (
        <p>{t('import.ready.notYet')}</p>
      )}
      <p className="im-muted">{t('import.ready.allOrNothing')}</p>
      <div className="button-row">
        <ActionButton variant="primary" isDisabled={!ready} isPending={busy && ready} onPress={onImport}>
          {t('import.ready.button')}
        </ActionButton>
      </div>
      {children}
    </section>
  );
}
