import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract';
import { formatDateTime } from '../../components/dates';
import { formatCount } from '../../components/numbers';
import { useSay } from '../../i18n/say';

type Value = ImportPreview['rows'][number]['values'][string];

/** Contact values in the order a contact reads; `day` and `occurredAt` show as one "When". */
const CONTACT_ORDER = ['clientCode', 'newPerson', 'occurredAt', 'setting', 'staff', 'services', 'supplies', 'whatMattered', 'note'];

/** The first rows as Doorway will store them: settings in words, times in the clinic's zone, yes or no. */
export function PreviewTable({ preview, timeZone }: { preview: ImportPreview; timeZone: string }) {
  const { t } = useTranslation();
  const say = useSay();
  if (preview.rows.length === 0) return <p className="im-muted">{t('import.preview.noRows')}</p>;
  const labels = new Map(preview.fields.map((f) => [f.field, say(f.label)]));
  labels.set('newPerson', t('import.preview.newPerson'));
  labels.set('occurredAt', t('import.preview.when'));
  const present = new Set(preview.rows.flatMap((r) => Object.entries(r.values).filter(([, v]) => v !== null && v !== '' && v !== false).map(([k]) => k)));
  const order = preview.kind === 'contacts' ? CONTACT_ORDER : preview.fields.map((f) => f.field);
  const keys = order.filter((k) => k === 'clientCode' || k === 'newPerson' || present.has(k));

  const show = (key: string, v: Value): string => {
    if (v === null || v === '') return t('import.preview.empty');
    if (typeof v === 'boolean') return v ? t('import.preview.yes') : t('import.preview.no');
    if (key === 'occurredAt' && typeof v === 'string') return formatDateTime(v, { timeZone });
    if (key === 'setting' && typeof v === 'string') return t(`contact.settings.${v}` as 'contact.settings.drop_in', { defaultValue: v });
    return String(v);
  };

  return (
    <div className="im-table-scroll" role="region" aria-labelledby="im-preview-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="im-preview-caption">{t('import.preview.caption', { count: preview.rows.length, total: formatCount(preview.counts.rows) })}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">
              {t('import.preview.row')}
            </th>
            {keys.map((k) => (
              <th key={k} scope="col">
                {labels.get(k) ?? k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={r.row}>
              <th scope="row" className="num">
                {r.row}
              </th>
              {keys.map((k) => (
                <td key={k}>{show(k, r.values[k] ?? null)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
