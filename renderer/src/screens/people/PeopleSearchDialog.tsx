import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Autocomplete, Dialog, Heading, Input, Label, ListBox, ListBoxItem, Modal, ModalOverlay, SearchField } from 'react-aria-components';
import type { PersonSummary } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { usePeopleSearch } from '../../api/people-queries';
import { navigate } from '../../app/hash-route';
import { ActionButton } from '../../components/ActionButton';
import { useDebounced } from './language/use-debounced';
import { enterChoice } from './search-enter';
import { RelativeTime } from '../../components/RelativeTime';
import { leadingName, secondaryName } from './person-name';
import './people.css';

export function isSearchShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'key'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

const shortcutLabel = () => (/Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘K' : 'Ctrl+K');

/**
 * Find someone from anywhere: Ctrl/Cmd+K (or the button in the header) opens a search that asks as
 * the name or code is typed; arrow keys move through the results and Enter opens the record. A full
 * client code and Enter, however fast (a barcode scanner), opens that person once the answer comes.
 */
export function PeopleSearchDialog({ person }: { person: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!isSearchShortcut(e)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <>
      {/* The name is the visible word and the rest in hidden text (no aria-label): what is read starts with what is seen. */}
      <ActionButton variant="secondary" onPress={() => setOpen(true)} aria-keyshortcuts="Control+K Meta+K" className="search-open">
        {t('search.open', { person })}
        <span className="visually-hidden"> {t('search.openFor', { person })}</span>
        <kbd aria-hidden="true">{shortcutLabel()}</kbd>
      </ActionButton>
      <ModalOverlay isOpen={open} onOpenChange={setOpen} isDismissable className="modal-overlay modal-overlay-top">
        <Modal className="modal search-modal">
          <Dialog className="dialog" aria-label={t('search.title', { person })}>
            {({ close }) => (
              <SearchBody
                person={person}
                onOpen={(id) => {
                  close();
                  navigate(`/people/${id}`);
                }}
              />
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </>
  );
}

function SearchBody({ person, onOpen }: { person: string; onOpen(id: number): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  /** What was typed when Enter had to wait for its results; they decide once they come. */
  const [enteredFor, setEnteredFor] = useState<string | null>(null);
  const q = query.trim();
  const debounced = useDebounced(query, 150);
  // Enter does not wait out the typing pause: it asks for exactly what was typed, at once.
  const settled = enteredFor === q ? query : debounced;
  const results = usePeopleSearch(settled, 12);
  const items: PersonSummary[] = settled.trim() === '' ? [] : (results.data ?? []);
  // The answer to what is typed now; earlier results stay on screen meanwhile but never decide.
  const answered = results.isSuccess && !results.isPlaceholderData && settled.trim() === q ? results.data : null;
  const waiting = enteredFor === q && q !== '' && answered === null && !results.isError;
  const waited = enteredFor === q && answered !== null ? enterChoice(q, { query: q, people: answered }, true) : null;
  const openWhenAnswered = waited?.kind === 'open' ? waited.id : null;
  const openRef = useRef(onOpen);
  useEffect(() => {
    openRef.current = onOpen;
  });
  useEffect(() => {
    if (openWhenAnswered !== null) openRef.current(openWhenAnswered);
  }, [openWhenAnswered]);

  const emptyText = () => {
    if (query.trim() === '') return t('search.hint');
    if (results.isError) return appErrorOf(results.error).message;
    if (results.isFetching || settled !== query) return t('search.searching');
    return t('search.none', { query: settled.trim(), person });
  };
  const status = waiting ? t('search.lookingUp', { query: q }) : waited?.kind === 'stay' && items.length > 0 ? t('search.noExactCode', { query: q }) : '';

  return (
    <div className="search-body">
      <Heading slot="title" className="visually-hidden">
        {t('search.title', { person })}
      </Heading>
      {/* No result takes focus as the code is typed: Enter opens what was typed, never a result for less of it. */}
      <Autocomplete
        inputValue={query}
        onInputChange={(next) => {
          setQuery(next);
          setEnteredFor(null);
        }}
        disableAutoFocusFirst
      >
        <SearchField autoFocus className="field search-field" aria-label={t('search.label')}>
          <Label className="field-label">{t('search.label')}</Label>
          <Input
            className="field-input search-input"
            placeholder={t('search.placeholder')}
            onKeyDown={(e) => {
              // A result arrowed to opens itself; otherwise Enter opens what was typed (search-enter.ts).
              if (e.key !== 'Enter' || e.currentTarget.getAttribute('aria-activedescendant')) return;
              e.preventDefault();
              const choice = enterChoice(query, answered === null ? null : { query: q, people: answered }, false);
              if (choice.kind === 'open') onOpen(choice.id);
              else if (choice.kind === 'wait') setEnteredFor(q);
            }}
          />
        </SearchField>
        <ListBox
          className="search-results"
          aria-label={t('search.results')}
          items={items}
          onAction={(key) => onOpen(Number(key))}
          renderEmptyState={() => <p className="search-empty">{emptyText()}</p>}
        >
          {(p) => {
            const other = secondaryName(p);
            return (
              // Named by everything it shows (no separate label and description), so what is read out
              // is what is seen, whichever part of it someone speaks or looks for.
              <ListBoxItem id={p.id} textValue={`${leadingName(p)} ${p.clientCode}`} className="search-result">
                <span className="search-result-name">
                  {leadingName(p)}
                  {p.pronouns ? <> <span className="pronouns">{p.pronouns}</span></> : null}
                </span>{' '}
                <span className="search-result-detail">
                  {other ? `${other} · ` : ''}
                  <code className="client-code">{p.clientCode}</code> · {t(`phase.names.${p.phase}`)} · {t('search.lastContact')} <RelativeTime iso={p.lastContactAt} none={t('people.noContactYet')} reveal="always" />
                </span>
              </ListBoxItem>
            );
          }}
        </ListBox>
      </Autocomplete>
      <p role="status" className="search-keys">
        {status}
      </p>
      <p className="search-keys muted">{t('search.keys')}</p>
    </div>
  );
}
