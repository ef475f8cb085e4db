import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactSetting, ImportPreview, ImportResult, SessionInfo } from '../../../../shared/contract';
import type { ImportKind, ImportMapping } from '../../../../shared/contract/import';
import { CLINICAL_ROLES } from '../../../../shared/roles';
import { cancelImport, readFileBase64, useImportPreview, useImportProgress, useImportRun } from '../../api/import-queries';
import { appErrorOf } from '../../api/invoke';
import { routeHref } from '../../app/hash-route';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../components/numbers';
import { PageHeading } from '../../components/PageHeading';
import { RadioChoice } from '../../components/RadioChoice';
import { useDocumentTitle } from '../../components/use-document-title';
import { capitalise } from '../people/person-name';
import { DateOrderChoice } from './DateOrderChoice';
import { ImportFileField } from './ImportFileField';
import { ImportProgressPanel } from './ImportProgressPanel';
import { ImportReady } from './ImportReady';
import { MappingFields } from './MappingFields';
import { MatchList } from './MatchList';
import { PreviewTable } from './PreviewTable';
import { ProblemList } from './ProblemList';
import './import.css';
import { formatFileSize } from '../../components/numbers';

interface ChosenFile {
  name: string;
  size: number;
  base64: string;
}

/** What staff chose on top of the file: each change checks the file again. */
interface Choices {
  mapping?: ImportMapping;
  dateOrder?: ImportPreview['dateOrder'];
  defaultSetting?: ContactSetting;
  matchExisting: boolean;
}

const FRESH: Choices = { matchExisting: false };

/**
 * #/import: a spreadsheet of people or contacts in. The file is checked as soon as it is chosen
 * (nothing written), the columns Doorway guessed are shown for staff to fix, every problem is listed
 * by row and column, people already in Doorway are matched only with staff's agreement, and the
 * import writes the whole file or nothing, with a progress bar and a cancel for large files.
 */
export function ImportPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('import.title'));
  const words = usePeopleWords(info.settings.peopleWord);
  const [kind, setKind] = useState<ImportKind>('contacts');
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [choices, setChoices] = useState<Choices>(FRESH);
  /** The last preview that came back, kept on screen while the next one is checked. */
  const [shown, setShown] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [cancelled, setCancelled] = useState<'preview' | 'run' | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [readFailed, setReadFailed] = useState(false);
  const preview = useImportPreview();
  const run = useImportRun();
  const { progress, reset: resetProgress } = useImportProgress();
  const cancelAsked = useRef(false);

  if (!CLINICAL_ROLES.includes(info.user.role)) {
    return (
      <div className="page">
        <PageHeading>{t('import.heading')}</PageHeading>
        <p>{t('import.notAllowed')}</p>
      </div>
    );
  }

  const busy = preview.isPending || run.isPending;
  const afterCancel = (e: unknown, what: 'preview' | 'run'): boolean => {
    if (!cancelAsked.current) return false;
    cancelAsked.current = false;
    setCancelling(false);
    if (appErrorOf(e).code !== 'CONFLICT') return false;
    setCancelled(what);
    return true;
  };

  function check(k: ImportKind, f: ChosenFile, c: Choices) {
    setCancelled(null);
    setDone(null);
    run.reset();
    resetProgress();
    preview.mutate(
      { kind: k, file: { name: f.name, base64: f.base64 }, ...c, previewRows: 20 },
      {
        onSuccess: (p) => setShown(p),
        onError: (e) => {
          if (afterCancel(e, 'preview')) preview.reset();
          setShown(null);
        },
      },
    );
  }

  function change(next: Partial<Choices>) {
    const c = { ...choices, ...next };
    setChoices(c);
    if (file) check(kind, file, c);
  }

  async function choose(picked: File) {
    setReadFailed(false);
    setShown(null);
    let base64: string;
    try {
      base64 = await readFileBase64(picked);
    } catch {
      setReadFailed(true);
      return;
    }
    const f = { name: picked.name, size: picked.size, base64 };
    // The same file chosen again (fixed and saved) keeps the columns and answers chosen for it; another starts afresh.
    const kept = file?.name === f.name ? choices : FRESH;
    setFile(f);
    setChoices(kept);
    check(kind, f, kept);
  }

  function chooseKind(k: ImportKind) {
    setKind(k);
    setChoices(FRESH);
    setShown(null);
    if (file) check(k, file, FRESH);
  }

  function setColumn(field: string, column: string | null) {
    if (!shown) return;
    const mapping = { ...shown.mapping };
    if (column === null) delete mapping[field];
    else mapping[field] = column;
    change({ mapping });
  }

  function start() {
    if (!file || !shown) return;
    setCancelled(null);
    resetProgress();
    run.mutate(
      { kind, file: { name: file.name, base64: file.base64 }, ...choices, mapping: shown.mapping },
      {
        onSuccess: (r) => {
          if (r.written) setDone(r);
        },
        onError: (e) => {
          if (afterCancel(e, 'run')) run.reset();
        },
      },
    );
  }

  function cancel() {
    cancelAsked.current = true;
    setCancelling(true);
    void cancelImport();
  }

  function startOver() {
    setFile(null);
    setShown(null);
    setDone(null);
    setChoices(FRESH);
    setCancelled(null);
    preview.reset();
    run.reset();
  }

  const who = (n: number) => (n === 1 ? words.person : words.people);
  const refused = run.data && !run.data.written ? run.data : null;

  return (
    <div className="page im-page">
      <PageHeading>{t('import.heading')}</PageHeading>
      <p className="lead">{t('import.intro', { people: words.people })}</p>

      {done ? (
        <section className="panel im-done" aria-labelledby="im-done-heading">
          <h2 id="im-done-heading">{t('import.done.heading')}</h2>
          <Notice tone="success">
            {done.kind === 'people'
              ? t('import.done.summaryPeople', { file: done.fileName, peopleAdded: formatCount(done.counts.peopleAdded), people: who(done.counts.peopleAdded) })
              : t('import.done.summary', {
                  file: done.fileName,
                  peopleAdded: formatCount(done.counts.peopleAdded),
                  contacts: t('import.contacts', { count: done.counts.contactsAdded, formatted: formatCount(done.counts.contactsAdded) }),
                  people: who(done.counts.peopleAdded),
                })}
            {done.counts.peopleMatched > 0 ? ` ${t('import.done.matched', { matched: formatCount(done.counts.peopleMatched), people: who(done.counts.peopleMatched) })}` : null}
          </Notice>
          <div className="button-row">
            <a className="button button-primary" href={routeHref('/people')}>
              {t('import.done.link', { people: capitalise(words.people) })}
            </a>
            <ActionButton onPress={startOver}>{t('import.done.another')}</ActionButton>
          </div>
        </section>
      ) : (
        <>
          <section className="panel" aria-labelledby="im-choose-heading">
            <h2 id="im-choose-heading">{t('import.choose.heading')}</h2>
            <RadioChoice
              name="kind"
              label={t('import.choose.kindLabel')}
              value={kind}
              orientation="vertical"
              options={[
                { value: 'contacts', label: t('import.choose.kindContacts') },
                { value: 'people', label: t('import.choose.kindPeople', { people: capitalise(words.people) }) },
              ]}
              onChange={chooseKind}
            />
            <ImportFileField
              label={t('import.choose.fileLabel')}
              button={t('import.choose.fileButton')}
              hint={t('import.choose.fileHint')}
              chosen={file ? t('import.choose.fileChosen', { name: file.name, size: formatFileSize(file.size) }) : t('import.choose.noFile')}
              isDisabled={run.isPending}
              onFile={(f) => void choose(f)}
            />
            {readFailed ? <Notice tone="error">{t('import.choose.unreadable')}</Notice> : null}
          </section>

          {preview.isPending ? <ImportProgressPanel progress={progress} cancelling={cancelling} onCancel={cancel} /> : null}
          {cancelled === 'preview' ? <Notice tone="info">{t('import.cancelledCheck')}</Notice> : null}
          {preview.error && cancelled !== 'preview' ? <Notice tone="error">{appErrorOf(preview.error).message}</Notice> : null}

          {shown && file ? (
            <>
              {/* While the file is being written nothing above can change it: the choices wait, out of reach. */}
              <div className="im-stack" inert={run.isPending}>
                <MappingFields preview={shown} defaultSetting={choices.defaultSetting} onColumn={setColumn} onDefaultSetting={(s) => change({ defaultSetting: s })} />
                {shown.kind === 'contacts' && (shown.ambiguousDates > 0 || choices.dateOrder) ? <DateOrderChoice preview={shown} onChange={(o) => change({ dateOrder: o })} /> : null}
                {shown.problemCount > 0 && !refused ? <ProblemList problems={shown.problems} count={shown.problemCount} /> : null}
                {shown.matches.length > 0 ? <MatchList matches={shown.matches} words={words} agreed={choices.matchExisting} onAgree={(a) => change({ matchExisting: a })} /> : null}
                <section className="panel" aria-labelledby="im-preview-heading">
                  <h2 id="im-preview-heading">{t('import.preview.heading')}</h2>
                  <PreviewTable preview={shown} timeZone={info.settings.timeZone} />
                </section>
              </div>
              <ImportReady preview={shown} words={words} busy={busy} onImport={start}>
                {run.isPending ? <ImportProgressPanel progress={progress} cancelling={cancelling} onCancel={cancel} inline /> : null}
                {cancelled === 'run' ? <Notice tone="info">{t('import.cancelled')}</Notice> : null}
                {run.error && cancelled !== 'run' ? <Notice tone="error">{appErrorOf(run.error).message}</Notice> : null}
                {refused ? <Notice tone="error">{t('import.refused')}</Notice> : null}
                {refused && refused.problemCount > 0 ? <ProblemList problems={refused.problems} count={refused.problemCount} /> : null}
              </ImportReady>
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
