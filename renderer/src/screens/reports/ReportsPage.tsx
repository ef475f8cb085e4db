import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_SETTINGS, type ContactSetting, type SessionInfo } from '../../../../shared/contract';
import type { ExportFile, ExportFormat, OverdoseFigures, ReportFigures, ReportTemplate } from '../../../../shared/contract/reports';
import { canReadClinical } from '../../../../shared/roles';
import { appErrorOf } from '../../api/invoke';
import { useCatalog } from '../../api/people-queries';
import { useExportLineList, useExportTemplate, useOverdoseFigures, useReportFigures } from '../../api/report-queries';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { PeriodPicker, usePeriodChoice } from '../../components/PeriodPicker';
import type { PeriodPreset } from '../../components/period';
import { formatLongDay } from '../../components/dates';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../components/numbers';
import { PageHeading } from '../../components/PageHeading';
import { SelectField } from '../../components/SelectField';
import { useDocumentTitle } from '../../components/use-document-title';
import { capitalise, categoryLabel } from '../continuity/format';
import { saveExport } from './download';
import '../continuity/continuity.css';
import './reports.css';

type Scope = { from: string; to: string; setting: ContactSetting | null; itemId: number | null };

const REPORT_PRESETS: readonly PeriodPreset[] = ['lastQuarter', 'thisQuarter', 'lastMonth', 'last12Months'];

function FigureCard({ title, value, help }: { title: string; value: number; help: string }) {
  return (
    <div className="cx-count-card">
      <dt>{title}</dt>
      <dd className="cx-count-value">{formatCount(value)}</dd>
      <dd className="cx-count-help">{help}</dd>
    </div>
  );
}

/** A small two- or three-column table of counts, with a real caption for screen readers. */
function CountTable({ caption, head, rows }: { caption: string; head: string[]; rows: (string | number)[][] }) {
  return (
    <table className="data-table rp-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={typeof rows[0]?.[i] === 'number' ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={String(r[0])}>
            {r.map((c, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {c}
                </th>
              ) : (
                <td key={i} className={typeof c === 'number' ? 'num' : undefined}>
                  {typeof c === 'number' ? formatCount(c) : c}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Figures({ f, people, People }: { f: ReportFigures; people: string; People: string }) {
  const { t } = useTranslation();
  const ids = { counts: useId(), people: useId(), settings: useId(), supplies: useId() };
  return (
    <>
      <section aria-labelledby={ids.counts} className="cx-overview-section">
        <h2 id={ids.counts}>{t('reports.counts.heading')}</h2>
        <p className="cx-muted">{t('reports.counts.intro')}</p>
        <dl className="cx-count-grid">
          <FigureCard title={t('reports.counts.people', { People })} value={f.people} help={t('reports.counts.peopleHelp', { people })} />
          <FigureCard title={t('reports.counts.contacts')} value={f.contacts} help={t('reports.counts.contactsHelp')} />
          <FigureCard title={t('reports.counts.naloxone')} value={f.naloxoneKits} help={t('reports.counts.naloxoneHelp', { people })} />
        </dl>
      </section>

      <section aria-labelledby={ids.people} className="cx-overview-section">
        <h2 id={ids.people}>{t('reports.people.heading', { people })}</h2>
        <dl className="cx-count-grid">
          <FigureCard title={t('reports.people.new')} value={f.newPeople} help={t('reports.people.newHelp')} />
          <FigureCard title={t('reports.people.returning')} value={f.returningPeople} help={t('reports.people.returningHelp')} />
          <FigureCard title={t('reports.people.welcomeBacks')} value={f.returnsAfterTimeAway} help={t('reports.people.welcomeBacksHelp')} />
        </dl>
      </section>

      <div className="rp-two-columns">
        <section aria-labelledby={ids.settings} className="cx-overview-section">
          <h2 id={ids.settings}>{t('reports.settings.heading')}</h2>
          {f.bySetting.length === 0 ? (
            <p className="cx-muted">{t('reports.settings.none')}</p>
          ) : (
            <CountTable
              caption={t('reports.settings.heading')}
              head={[t('reports.settings.setting'), t('reports.settings.contacts'), t('reports.settings.people', { People })]}
              rows={f.bySetting.map((s) => [t(`timeline.settings.${s.setting}`), s.contacts, s.people])}
            />
          )}
        </section>

        <section aria-labelledby={ids.supplies} className="cx-overview-section">
          <h2 id={ids.supplies}>{t('reports.supplies.heading')}</h2>
          {f.supplies.length === 0 ? (
            <p className="cx-muted">{t('reports.supplies.none')}</p>
          ) : (
            <>
              <CountTable
                caption={t('reports.supplies.heading')}
                head={[t('reports.supplies.type'), t('reports.supplies.category'), t('reports.supplies.quantity')]}
                rows={f.supplies.map((s) => [s.label, categoryLabel(t, s.category), s.quantity])}
              />
              <h3 className="rp-subheading">{t('reports.supplies.byCategory')}</h3>
              <CountTable
                caption={t('reports.supplies.byCategory')}
                head={[t('reports.supplies.category'), t('reports.supplies.quantity')]}
                rows={f.supplyCategories.map((c) => [categoryLabel(t, c.category), c.quantity])}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}

function Overdose({ od }: { od: OverdoseFigures }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={id} className="cx-overview-section">
      <h2 id={id}>{t('reports.overdose.heading')}</h2>
      <p className="cx-muted">{t('reports.overdose.intro')}</p>
      <dl className="cx-count-grid">
        <FigureCard title={t('reports.overdose.total')} value={od.total} help={t('reports.overdose.totalHelp')} />
        <FigureCard title={t('reports.overdose.doses')} value={od.naloxoneDosesUsed} help={t('reports.overdose.dosesHelp')} />
      </dl>
      <div className="rp-two-columns">
        <CountTable
          caption={t('reports.overdose.outcome')}
          head={[t('reports.overdose.outcome'), t('reports.overdose.count')]}
          rows={od.byOutcome.map((o) => [t(`reports.overdose.outcomes.${o.outcome}`), o.count])}
        />
        <CountTable caption={t('reports.overdose.who')} head={[t('reports.overdose.who'), t('reports.overdose.count')]} rows={od.byWho.map((w) => [t(`reports.overdose.whoOptions.${w.who}`), w.count])} />
      </div>
    </section>
  );
}

function DownloadRow({ title, source, onDownload, pending }: { title: string; source: string; onDownload(format: ExportFormat): void; pending: ExportFormat | null }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <li className="rp-download">
      <div>
        <h3 id={`${id}-title`} className="rp-download-title">
          {title}
        </h3>
        <p id={`${id}-source`} className="cx-muted">
          {source}
        </p>
      </div>
      <div className="rp-download-actions">
        {(['csv', 'xlsx'] as const).map((format) => (
          <ActionButton key={format} isPending={pending === format} aria-describedby={`${id}-title`} onPress={() => onDownload(format)}>
            {t(`reports.downloads.${format}`)}
          </ActionButton>
        ))}
      </div>
    </li>
  );
}

function Downloads({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  const id = useId();
  const template = useExportTemplate();
  const lineList = useExportLineList();
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const done = (file: ExportFile) => {
    saveExport(file);
    setSaved(file.filename);
  };
  const error = template.error ?? lineList.error;
  const start = (key: string) => {
    setSaved(null);
    setPending(key);
    template.reset();
    lineList.reset();
  };
  const settle = { onSuccess: done, onSettled: () => setPending(null) };
  const templates: readonly ReportTemplate[] = ['ssp_indicators', 'naloxone_quarterly'];
  return (
    <section aria-labelledby={id} className="cx-overview-section">
      <h2 id={id}>{t('reports.downloads.heading')}</h2>
      <p className="cx-muted">{t('reports.downloads.intro')}</p>
      <ul className="rp-downloads">
        {templates.map((tpl) => (
          <DownloadRow
            key={tpl}
            title={t(`reports.downloads.templates.${tpl}.title`)}
            source={t(`reports.downloads.templates.${tpl}.source`)}
            pending={pending?.startsWith(`${tpl}:`) ? (pending.split(':')[1] as ExportFormat) : null}
            onDownload={(format) => {
              start(`${tpl}:${format}`);
              template.mutate({ ...scope, template: tpl, format }, settle);
            }}
          />
        ))}
        <DownloadRow
          title={t('reports.downloads.lineList.title')}
          source={t('reports.downloads.lineList.source')}
          pending={pending?.startsWith('lineList:') ? (pending.split(':')[1] as ExportFormat) : null}
          onDownload={(format) => {
            start(`lineList:${format}`);
            lineList.mutate({ ...scope, format }, settle);
          }}
        />
      </ul>
      {saved ? <Notice tone="success">{t('reports.downloads.saved', { file: saved })}</Notice> : null}
      {error ? <Notice tone="error">{appErrorOf(error).message}</Notice> : null}
    </section>
  );
}

/** Funder reports: a period, a setting and a supply; the counts and breakdowns; the files funders ask for. */
export function ReportsPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('reports.title'));
  const { people } = usePeopleWords(info.settings.peopleWord);
  const People = capitalise(people);
  const clinical = canReadClinical(info.user.role);
  const periodChoice = usePeriodChoice(info.settings.timeZone, 'thisQuarter');
  const { period } = periodChoice;
  const [setting, setSetting] = useState<ContactSetting | 'all'>('all');
  const [item, setItem] = useState<string>('all');
  // Retired supplies too: a report on a past period may need one the clinic no longer hands out.
  const catalog = useCatalog(true);
  const supplies = (catalog.data ?? []).filter((i) => i.kind === 'supply');

  const scope: Scope | null = period ? { ...period, setting: setting === 'all' ? null : setting, itemId: item === 'all' ? null : Number(item) } : null;
  const figures = useReportFigures(scope);
  const overdose = useOverdoseFigures(period, clinical);

  return (
    <div className="page page-wide cx-overview-page">
      <PageHeading>{t('reports.title')}</PageHeading>
      <p className="lead">{t('reports.intro', { People })}</p>

      <PeriodPicker label={t('reports.period.label')} presets={REPORT_PRESETS} state={periodChoice}>
        <SelectField<ContactSetting | 'all'>
          className="rp-select"
          label={t('reports.scope.setting')}
          name="setting"
          value={setting}
          onChange={setSetting}
          options={[{ value: 'all', label: t('reports.scope.allSettings') }, ...CONTACT_SETTINGS.map((s) => ({ value: s, label: t(`timeline.settings.${s}`) }))]}
        />
        <SelectField
          className="rp-select"
          label={t('reports.scope.supply')}
          name="supply"
          value={item}
          onChange={setItem}
          description={item === 'all' ? undefined : t('reports.scope.supplyHelp')}
          options={[{ value: 'all', label: t('reports.scope.allSupplies') }, ...supplies.map((s) => ({ value: String(s.id), label: s.label }))]}
        />
      </PeriodPicker>

      {period ? (
        <p className="cx-overview-period-line" aria-live="polite">
          {t('reports.period.showing', { from: formatLongDay(period.from), to: formatLongDay(period.to) })}
        </p>
      ) : null}

      {!scope ? null : figures.isPending ? (
        <p role="status">{t('reports.loading')}</p>
      ) : figures.isError ? (
        <Notice tone="error">{appErrorOf(figures.error).message}</Notice>
      ) : (
        <div aria-busy={figures.isPlaceholderData} className="cx-overview-results">
          <Figures f={figures.data} people={people} People={People} />
          {!clinical ? (
            <p className="cx-muted rp-clinical-note">{t('reports.overdose.clinicalOnly')}</p>
          ) : overdose.isError ? (
            <Notice tone="error">{appErrorOf(overdose.error).message}</Notice>
          ) : overdose.data ? (
            <Overdose od={overdose.data} />
          ) : null}
          {clinical ? <Downloads scope={scope} /> : null}
        </div>
      )}
    </div>
  );
}
