import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract';
import { RadioChoice } from '../../components/RadioChoice';

type DateOrder = ImportPreview['dateOrder'];

/** Shown when dates read both ways (03/04/2025): the order in use, where it came from, and the choice. */
export function DateOrderChoice({ preview, onChange }: { preview: ImportPreview; onChange(order: DateOrder): void }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="im-dates-heading">
      <h2 id="im-dates-heading">{t('import.dates.heading')}</h2>
      <p>{t('import.dates.explain', { count: preview.ambiguousDates })}</p>
      <RadioChoice
        name="dateOrder"
        label={t('import.dates.label')}
        description={t(`import.dates.from_${preview.dateOrderFrom}`)}
        value={preview.dateOrder}
        orientation="vertical"
        options={[
          { value: 'day_first', label: t('import.dates.dayFirst') },
          { value: 'month_first', label: t('import.dates.monthFirst') },
        ]}
        onChange={onChange}
      />
    </section>
  );
}
