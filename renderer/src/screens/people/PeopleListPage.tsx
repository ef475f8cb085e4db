import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Input, Label, SearchField, Button as AriaButton } from 'react-aria-components';
import type { Phase, SessionInfo } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { usePeopleList, usePeopleSearch, useRecordsChanged, type PeopleListParams } from '../../api/people-queries';
import { useApiMutation } from '../../api/queries';
import { routeHref } from '../../app/hash-route';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { useFlash } from './flash';
import { useDebounced } from './language/use-debounced';
import { PeopleTable } from './PeopleTable';
import { SelectField } from '../../components/SelectField';
import { capitalise, leadingName } from './person-name';

type PhaseFilter = Phase | 'all';
type View = 'current' | 'removed';

/** How the list was last arranged in this window, so coming back from a record finds it the same. */
let remembered: PeopleListParams = { sort: 'last_contact', phase: null, removed: false };

/** #/people: everyone the clinic knows, most recently seen first, with search, filter and sort. */
export function PeopleListPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { person, people } = usePeopleWords(info.settings.peopleWord);
  useDocumentTitle(capitalise(people));
  const isAdmin = info.user.role === 'administrator';
  const [params, setParamsState] = useState<PeopleListParams>(() => (isAdmin ? remembered : { ...remembered, removed: false }));
  const setParams = (patch: Partial<PeopleListParams>) =>
    setParamsState((p) => {
      remembered = { ...p, ...patch };
      return remembered;
    });
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 200);
  const searching = settled.trim() !== '';

  const list = usePeopleList(params);
  const search = usePeopleSearch(searching ? settled : '', 50);
  const changed = useRecordsChanged();
  const [status, setStatus] = useFlash();
  const restore = useApiMutation('people.restore', {
    onSuccess: () => {
      void changed();
      setStatus(t('people.restored'));
    },
  });

  const rows = searching ? (search.data ?? []) : (list.data?.pages.flatMap((p) => p.items) ?? []);
  const total = searching ? rows.length : (list.data?.pages[0]?.total ?? 0);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const onNearEnd = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const error = searching ? search.error : list.error;
  const loading = searching ? search.isPending : list.isPending;

  const phaseOptions: { value: PhaseFilter; label: string }[] = [
    { value: 'all', label: t('people.phaseAll') },
    { value: 'engagement', label: t('phase.names.engagement') },
    { value: 'maintenance', label: t('phase.names.maintenance') },
  ];
  const viewOptions: { value: View; label: string }[] = [
    { value: 'current', label: t('people.viewCurrent', { people }) },
    { value: 'removed', label: t('people.viewRemoved') },
  ];

  const summary = searching
    ? t('people.found', { count: total, query: settled.trim() })
    : params.removed
      ? t('people.removedCount', { count: total })
      : params.phase
        ? t('people.countInPhase', { count: total, people, person, phase: t(`phase.names.${params.phase}`).toLowerCase() })
        : t('people.count', { count: total, people, person });

  return (
    <div className="page page-list">
      <div className="page-title-row">
        <PageHeading>{capitalise(people)}</PageHeading>
        <a className="button button-primary" href={routeHref('/people/new')}>
          {t('people.add', { person })}
        </a>
      </div>
      <p className="lead">{t('people.intro', { people })}</p>
      <p role="status" className="section-status">
        {status}
      </p>
      <div className="people-toolbar" role="search" aria-label={t('people.toolsLabel', { people })}>
        <SearchField value={query} onChange={setQuery} className="field search-field">
          <Label className="field-label">{t('people.search')}</Label>
          <div className="search-input-wrap">
            <Input className="field-input" placeholder={t('people.searchPlaceholder')} />
            {query ? (
              <AriaButton className="search-clear" aria-label={t('people.clearSearch')}>
                ×
              </AriaButton>
            ) : null}
          </div>
        </SearchField>
        {searching ? null : (
          <SelectField<PhaseFilter> label={t('people.phaseFilter')} name="phase" value={params.phase ?? 'all'} options={phaseOptions} onChange={(v) => setParams({ phase: v === 'all' ? null : v })} />
        )}
        {isAdmin && !searching ? <SelectField<View> label={t('people.view')} name="view" value={params.removed ? 'removed' : 'current'} options={viewOptions} onChange={(v) => setParams({ removed: v === 'removed' })} /> : null}
      </div>
      <p className="list-summary" aria-live="polite">
        {loading ? t('people.loading') : summary}
      </p>
      {error ? <Notice tone="error">{appErrorOf(error).message}</Notice> : null}
      {restore.isError ? <Notice tone="error">{appErrorOf(restore.error).message}</Notice> : null}
      {!loading && rows.length === 0 ? (
        <div className="empty-state">
          {searching ? (
            <p>{t('people.noneFound', { query: settled.trim(), person })}</p>
          ) : params.removed ? (
            <p>{t('people.noneRemoved')}</p>
          ) : params.phase ? (
            <p>{t('people.noneInPhase', { people })}</p>
          ) : (
            <p>{t('people.noneYet', { people, person })}</p>
          )}
        </div>
      ) : (
        <PeopleTable
          caption={capitalise(people)}
          rows={rows}
          total={total}
          sort={searching ? undefined : { value: params.sort, onChange: (sort) => setParams({ sort }) }}
          onNearEnd={searching ? undefined : onNearEnd}
          action={
            params.removed && isAdmin && !searching
              ? {
                  header: t('people.restoreColumn'),
                  cell: (p) => (
                    <ActionButton className="button-small" onPress={() => restore.mutate({ id: p.id })} aria-label={t('people.restoreLabel', { name: leadingName(p) })}>
                      {t('people.restore')}
                    </ActionButton>
                  ),
                }
              : undefined
          }
        />
      )}
    </div>
  );
}
