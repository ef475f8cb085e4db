import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { displayNameSchema, usernameSchema, type StaffAccount } from '../../../../shared/contract';
import type { Role } from '../../../../shared/roles';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { useStaffChange } from '../../api/staff-queries';
import { RoleField } from './RoleField';
import { sayIssue } from '../../i18n/say';

/** A new colleague: name, username and role. Doorway makes the temporary password. */
export function AddStaffForm({ onAdded }: { onAdded(account: StaffAccount, temporaryPassword: string): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('front_desk');
  const [problem, setProblem] = useState<string | null>(null);
  const { formRef, scope, setErrors } = useFieldErrors();
  const create = useStaffChange('users.create');

  return (
    <section className="panel st-add" aria-labelledby="st-add-heading">
      <h2 id="st-add-heading">{t('staff.add.heading')}</h2>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          const found: FieldErrors = {};
          const n = displayNameSchema.safeParse(name);
          if (!n.success) found.displayName = sayIssue(n.error.issues[0]) ?? t('staff.add.nameNeeded');
          const u = usernameSchema.safeParse(username);
          if (!username.trim()) found.username = t('staff.add.usernameNeeded');
          else if (!u.success) found.username = sayIssue(u.error.issues[0]) ?? t('staff.add.usernameNeeded');
          setErrors(found);
          setProblem(null);
          if (!n.success || !u.success || Object.keys(found).length > 0) return;
          create.mutate(
            { displayName: n.data, username: u.data, role },
            {
              onSuccess: ({ user, temporaryPassword }) => {
                setName('');
                setUsername('');
                // Back to the narrowest role, so the next colleague is never an administrator by accident.
                setRole('front_desk');
                onAdded(user, temporaryPassword);
              },
              onError: ({ error }) => {
                setErrors({ ...(error.fields ?? {}) });
                setProblem(error.message);
              },
            },
          );
        }}
      >
        {problem ? <Notice tone="error">{problem}</Notice> : null}
        <div className="st-add-names">
          <TextInput label={t('staff.add.name')} name="displayName" value={name} onChange={setName} description={t('staff.add.nameDescription')} />
          <TextInput
            label={t('staff.add.username')}
            name="username"
            value={username}
            onChange={setUsername}
            autoCapitalize="none"
            spellCheck="false"
            description={t('staff.add.usernameDescription')}
          />
        </div>
        <RoleField value={role} onChange={setRole} />
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={create.isPending}>
            {t('staff.add.submit')}
          </ActionButton>
        </div>
      </ValidatedForm>
    </section>
  );
}
