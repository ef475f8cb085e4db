import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNameSchema, type StaffAccount } from '../../../../shared/contract';
import type { Role } from '../../../../shared/roles';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { useStaffChange } from '../../api/staff-queries';
import { RoleField } from './RoleField';
import { StaffDialog } from './StaffDialog';
import { sayIssue } from '../../i18n/say';

/**
 * A staff member's name and role. Nobody changes their own role: another administrator does. `onSaved`
 * gets the account before and after the change (the page offers a key change after some role changes).
 */
export function EditStaffDialog({ account, onClose, onSaved }: { account: StaffAccount; onClose(): void; onSaved(before: StaffAccount, after: StaffAccount): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(account.displayName);
  const [role, setRole] = useState<Role>(account.role);
  const [problem, setProblem] = useState<string | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const update = useStaffChange('users.update');

  return (
    <StaffDialog title={t('staff.edit.title', { name: account.displayName })} busy={update.isPending} onClose={onClose}>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const found: FieldErrors = {};
          const parsed = displayNameSchema.safeParse(name);
          if (!parsed.success) found.displayName = sayIssue(parsed.error.issues[0]) ?? t('staff.add.nameNeeded');
          setErrors(found);
          setProblem(null);
          if (Object.keys(found).length > 0) return;
          const changes = {
            ...(parsed.data !== account.displayName ? { displayName: parsed.data } : {}),
            ...(role !== account.role ? { role } : {}),
          };
          if (Object.keys(changes).length === 0) {
            onClose();
            return;
          }
          update.mutate(
            { id: account.id, ...changes },
            {
              onSuccess: (after) => onSaved(account, after),
              onError: ({ error }) => {
                setErrors({ ...(error.fields ?? {}) });
                setProblem(error.message);
              },
            },
          );
        }}
      >
        {problem ? <Notice tone="error">{problem}</Notice> : null}
        <TextInput label={t('staff.add.name')} name="displayName" value={name} onChange={setName} autoFocus />
        <RoleField value={role} onChange={setRole} isDisabled={account.you} description={account.you ? t('staff.edit.ownRole') : undefined} />
        <div className="form-actions">
          <ActionButton variant="quiet" isDisabled={update.isPending} onPress={onClose}>
            {t('staff.edit.cancel')}
          </ActionButton>
          <ActionButton type="submit" variant="primary" isPending={update.isPending}>
            {t('staff.edit.save')}
          </ActionButton>
        </div>
      </ValidatedForm>
    </StaffDialog>
  );
}
