import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Autocomplete, Dialog, Heading, Input, Label, ListBox, ListBoxItem, Modal, ModalOverlay, SearchField, Text } from 'react-aria-components';
import type { PersonSummary } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { usePeopleSearch } from '../../api/people-queries';
import { navigate } from '../../app/hash-route';
import { ActionButton } from '../../components/ActionButton';
import { useDebounced } from './language/use-debounced';
import { RelativeTime } from './ui/RelativeTime';
import { leadingName, secondaryName } from './ui/person-name';

export function isSearchShortcut(e: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'key'>): boolean {
  return (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

const shortcutLabel = () => (/Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘K' : 'Ctrl+K');

/**
 * Find someone from anywhere: Ctrl/Cmd+K (or the button in the header) opens a search that asks as
 * the name or code is typed; arrow keys move through the results and Enter opens the record.
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
      <ActionButton variant="secondary" onPress={() => setOpen(true)} aria-keyshortcuts="Control+K Meta+K" aria-label={t('search.openLabel', { person })} className="search-open">
        {t('search.open', { person })}
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
  const settled = useDebounced(query, 150);
  const results = usePeopleSearch(settled, 12);
  const items: PersonSummary[] = settled.trim() === '' ? [] : (results.data ?? []);

  const emptyText = () => {
    if (query.trim() === '') return t('search.hint');
    if (results.isError) return appErrorOf(results.error).message;
    if (results.isFetching || settled !== query) return t('search.searching');
    return t('search.none', { query: settled.trim(), person });
  };

  return (
    <div className="search-body">
      <Heading slot="title" className="visually-hidden">
        {t('search.title', { person })}
      </Heading>
      <Autocomplete inputValue={query} onInputChange={setQuery}>
        <SearchField autoFocus className="field search-field" aria-label={t('search.label')}>
          <Label className="field-label">{t('search.label')}</Label>
          <Input
            className="field-input search-input"
            placeholder={t('search.placeholder')}
            onKeyDown={(e) => {
              // Results can arrive after the typing stops; Enter then opens the best match.
              if (e.key === 'Enter' && !e.currentTarget.getAttribute('aria-activedescendant') && items[0]) {
                e.preventDefault();
                onOpen(items[0].id);
              }
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
              <ListBoxItem id={p.id} textValue={`${leadingName(p)} ${p.clientCode}`} className="search-result">
                <Text slot="label" className="search-result-name">
                  {leadingName(p)}
                  {p.pronouns ? <span className="pronouns">{p.pronouns}</span> : null}
                </Text>
                <Text slot="description" className="search-result-detail">
                  {other ? `${other} · ` : ''}
                  <code className="client-code">{p.clientCode}</code> · {t(`phase.names.${p.phase}`)} · {t('search.lastContact')} <RelativeTime iso={p.lastContactAt} reveal="always" />
                </Text>
              </ListBoxItem>
            );
          }}
        </ListBox>
      </Autocomplete>
      <p className="search-keys muted">{t('search.keys')}</p>
    </div>
  );
}
