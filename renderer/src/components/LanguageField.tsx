import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/languages';
import { SelectField } from './SelectField';

/** Each language named in its own words ("Español"), so someone who does not read the current one still finds theirs. */
export function useLanguageOptions() {
  const { t } = useTranslation();
  return LANGUAGES.map((value) => ({ value, label: t(`languages.names.${value}`) }));
}

interface LanguageFieldProps {
  label: string;
  value: Language;
  onChange(value: Language): void;
  name?: string;
  description?: string;
  className?: string;
}

/** A choice of the interface's language (the clinic's, or the sign-in screen's on this computer). */
export function LanguageField({ label, value, onChange, name = 'language', description, className }: LanguageFieldProps) {
  const options = useLanguageOptions();
  return <SelectField label={label} name={name} value={value} options={options} onChange={onChange} description={description} className={className} />;
}
