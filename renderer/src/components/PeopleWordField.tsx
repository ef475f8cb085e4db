import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, Label, Radio, RadioGroup, Text } from 'react-aria-components';
import { PEOPLE_WORDS, type PeopleWord } from '../../../shared/people-word';
import { FieldErrorContext } from './use-field-errors';

interface PeopleWordFieldProps {
  value: PeopleWord;
  onChange(value: PeopleWord): void;
  name?: string;
  /** The wizard adds that the word can be changed later; Settings is where that happens. */
  description: string;
}

const isPeopleWord = (v: string): v is PeopleWord => (PEOPLE_WORDS as readonly string[]).includes(v);

/** The clinic's word for the people it serves, with a line on where each is usual. */
export function PeopleWordField({ value, onChange, name = 'peopleWord', description }: PeopleWordFieldProps) {
  const { t } = useTranslation();
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  return (
    <RadioGroup
      name={name}
      value={value}
      onChange={(v) => {
        if (!isPeopleWord(v)) return;
        scope?.clear(name);
        onChange(v);
      }}
      isInvalid={Boolean(error)}
      className="field radio-group"
    >
      <Label className="field-label">{t('peopleWord.label')}</Label>
      <Text slot="description" className="field-description">
        {description}
      </Text>
      <div className="radio-options">
        {PEOPLE_WORDS.map((word) => (
          <Radio key={word} value={word} className="radio-card">
            <span className="radio-indicator" aria-hidden="true" />
            <span className="radio-text">
              <span className="radio-title">{t(`peopleWord.options.${word}.title`)}</span>
              <span className="radio-detail">{t(`peopleWord.options.${word}.detail`)}</span>
            </span>
          </Radio>
        ))}
      </div>
      <FieldError className="field-error">{error}</FieldError>
    </RadioGroup>
  );
}
