import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError, Label, Radio, RadioGroup } from 'react-aria-components';
import { ROLES, type Role } from '../../../../shared/roles';
import { FieldErrorContext } from '../../components/use-field-errors';

const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);

/** The three roles, each with a line on what it opens, so the choice is made knowing what it means. */
export function RoleField({ value, onChange, isDisabled = false, description }: { value: Role; onChange(role: Role): void; isDisabled?: boolean; description?: string }) {
  const { t } = useTranslation();
  const scope = useContext(FieldErrorContext);
  const error = scope?.errors.role;
  return (
    <RadioGroup
      name="role"
      value={value}
      isDisabled={isDisabled}
      onChange={(v) => {
        if (!isRole(v)) return;
        scope?.clear('role');
        onChange(v);
      }}
      isInvalid={Boolean(error)}
      className="field radio-group"
    >
      <Label className="field-label">{t('staff.add.role')}</Label>
      {description ? <p className="field-description">{description}</p> : null}
      <div className="radio-options">
        {ROLES.map((role) => (
          <Radio key={role} value={role} className="radio-card">
            <span className="radio-indicator" aria-hidden="true" />
            <span className="radio-text">
              <span className="radio-title">{t(`roles.${role}`)}</span>
              <span className="radio-detail">{t(`staff.roleHelp.${role}`)}</span>
            </span>
          </Radio>
        ))}
      </div>
      <FieldError className="field-error">{error}</FieldError>
    </RadioGroup>
  );
}
