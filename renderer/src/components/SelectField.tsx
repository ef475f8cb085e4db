import { useContext, type ReactNode } from 'react';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text, type Key } from 'react-aria-components';
import { FieldErrorContext } from './use-field-errors';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

interface SelectFieldProps<V extends string> {
  label: string;
  name: string;
  value: V | null;
  options: readonly SelectOption<V>[];
  onChange(value: V): void;
  description?: ReactNode;
  placeholder?: string;
  autoFocus?: boolean;
  className?: string;
}

/**
 * A labelled choice from a short list. Closed, it still takes a first letter ("d" for Drop-in), so
 * a practised hand never needs to open it.
 */
export function SelectField<V extends string>({ label, name, value, options, onChange, description, placeholder, autoFocus, className }: SelectFieldProps<V>) {
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors[name];
  const known = (k: Key | null): k is V => options.some((o) => o.value === k);
  return (
    <Select
      name={name}
      value={value}
      onChange={(k) => {
        if (!known(k)) return;
        scope?.clear(name);
        onChange(k);
      }}
      isInvalid={Boolean(error)}
      autoFocus={autoFocus}
      placeholder={placeholder}
      className={['field select-field', className].filter(Boolean).join(' ')}
    >
      <Label className="field-label">{label}</Label>
      <Button className="select-trigger">
        <SelectValue className="select-value" />
        <span className="select-chevron" aria-hidden="true">
          ▾
        </span>
      </Button>
      {description ? (
        <Text slot="description" className="field-description">
          {description}
        </Text>
      ) : null}
      <FieldError className="field-error">{error}</FieldError>
      <Popover className="select-popover">
        <ListBox className="select-list" items={options.map((o) => ({ id: o.value, ...o }))}>
          {(o) => (
            <ListBoxItem id={o.id} textValue={o.label} className="select-option">
              {o.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}
