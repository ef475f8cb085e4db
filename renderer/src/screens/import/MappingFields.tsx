import { useTranslation } from 'react-i18next';
import { CONTACT_SETTINGS, type ContactSetting, type ImportPreview } from '../../../../shared/contract';
import { SelectField } from '../../components/SelectField';
import { useSay } from '../../i18n/say';

/** The choice for "this field is not in the file" (a select's keys must be non-empty). */
const NONE = '__none__';

interface MappingFieldsProps {
  preview: ImportPreview;
  defaultSetting: ContactSetting | undefined;
  onColumn(field: string, column: string | null): void;
  onDefaultSetting(setting: ContactSetting | undefined): void;
}

/** One select per field, showing the column Doorway guessed (or remembered), for staff to put right. */
export function MappingFields({ preview, defaultSetting, onColumn, onDefaultSetting }: MappingFieldsProps) {
  const { t } = useTranslation();
  const say = useSay();
  const options = [{ value: NONE, label: t('import.mapping.none') }, ...preview.columns.map((c) => ({ value: c, label: c }))];
  return (
    <section className="panel" aria-labelledby="im-mapping-heading">
      <h2 id="im-mapping-heading">{t('import.mapping.heading')}</h2>
      <p>{t(`import.mapping.from_${preview.mappingFrom}`)}</p>
      <div className="im-mapping-grid">
        {preview.fields.map((f) => (
          <SelectField
            key={f.field}
            name={`map-${f.field}`}
            label={f.required ? t('import.mapping.required', { label: say(f.label) }) : say(f.label)}
            value={f.column ?? NONE}
            options={options}
            onChange={(v) => onColumn(f.field, v === NONE ? null : v)}
          />
        ))}
      </div>
      {preview.kind === 'contacts' ? (
        <SelectField
          name="defaultSetting"
          label={t('import.mapping.defaultSetting')}
          description={t('import.mapping.defaultSettingHint')}
          value={defaultSetting ?? NONE}
          options={[{ value: NONE, label: t('import.mapping.noDefaultSetting') }, ...CONTACT_SETTINGS.map((s) => ({ value: s, label: t(`contact.settings.${s}`) }))]}
          onChange={(v) => onDefaultSetting(v === NONE ? undefined : (v as ContactSetting))}
        />
      ) : null}
    </section>
  );
}
