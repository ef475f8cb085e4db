import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, StaffAccount } from '../../../../shared/contract';
import type { RotateKeys } from '../../../../shared/contract/users';
import { canReadClinical } from '../../../../shared/roles';
import { appErrorOf } from '../../api/invoke';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { PageHeading } from '../../components/PageHeading';
import { useDocumentTitle } from '../../components/use-document-title';
import { AddStaffForm } from './AddStaffForm';
import { ConfirmDialog } from './ConfirmDialog';
import { EditStaffDialog } from './EditStaffDialog';
import { useStaffAccounts, useStaffChange } from '../../api/staff-queries';
import { RotateKeyDialog } from './RotateKeyDialog';
import { StaffTable, type StaffAction } from './StaffTable';
import { TemporaryPasswordDialog, type TemporaryReason } from './TemporaryPasswordDialog';
import './users.css';

type AccountChange = { kind: 'reset' | 'turnOff' | 'turnOn'; account: StaffAccount };
type Open =
  | { kind: 'none' }
  | { kind: 'edit'; account: StaffAccount }
  | AccountChange
  | { kind: 'temporary'; account: StaffAccount; password: string; reason: TemporaryReason }
  | { kind: 'rotate'; mode: 'offer' | 'confirm'; keys: RotateKeys; intro?: string };

/** Turning off, turning on and resetting: each confirmed, each answered in the dialog it started in. */
function AccountChangeDialog({ open, onDone, onClose }: { open: AccountChange; onDone(next: Open): void; onClose(): void }) {
  const { t } = useTranslation();
  const reset = useStaffChange('users.resetPassword');
  const toggle = useStaffChange('users.setDisabled');
  const { account } = open;
  const name = account.displayName;
  const pending = reset.isPending || toggle.isPending;
  const error = reset.error?.error.message ?? toggle.error?.error.message ?? null;
  const texts = {
    reset: { title: t('staff.reset.title', { name }), body: t('staff.reset.body'), confirm: t('staff.reset.confirm') },
    turnOff: { title: t('staff.off.title', { name }), body: t('staff.off.body'), confirm: t('staff.off.confirm') },
    turnOn: { title: t('staff.on.title', { name }), body: t('staff.on.body'), confirm: t('staff.on.confirm') },
  }[open.kind];

  const confirm = () => {
    if (open.kind === 'reset') {
      reset.mutate({ id: account.id }, { onSuccess: (r) => onDone({ kind: 'temporary', account: r.user, password: r.temporaryPassword, reason: 'reset' }) });
    } else if (open.kind === 'turnOn') {
      toggle.mutate({ id: account.id, disabled: false }, {
        onSuccess: (r) => onDone(r.temporaryPassword ? { kind: 'temporary', account: r.user, password: r.temporaryPassword, reason: 'on' } : { kind: 'none' }),
      });
    } else {
      // A front-desk colleague held only the main key; a clinician or administrator held the clinical key too.
      const keys: RotateKeys = canReadClinical(account.role) ? 'both' : 'main';
      toggle.mutate({ id: account.id, disabled: true }, { onSuccess: (r) => onDone({ kind: 'rotate', mode: 'offer', keys, intro: t('staff.off.done', { name: r.user.displayName }) }) });
    }
  };

  return <ConfirmDialog title={texts.title} body={texts.body} confirmLabel={texts.confirm} pending={pending} error={error} onConfirm={confirm} onClose={onClose} />;
}

/** Staff accounts, for administrators: who can sign in, with which role; and the vault key. */
export function StaffPage({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  useDocumentTitle(t('staff.title'));
  const isAdmin = info.user.role === 'administrator';
  const accounts = useStaffAccounts(isAdmin);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const close = () => setOpen({ kind: 'none' });

  return (
    <div className="page st-page">
      <PageHeading>{t('staff.heading')}</PageHeading>
      {!isAdmin ? (
        <p>{t('staff.adminsOnly')}</p>
      ) : (
        <>
          <p className="lead">{t('staff.intro')}</p>
          {accounts.isPending ? (
            <p role="status">{t('staff.loading')}</p>
          ) : accounts.isError ? (
            <Notice tone="error">{appErrorOf(accounts.error).message}</Notice>
          ) : (
            <section className="panel st-list" aria-label={t('staff.table.caption')}>
              <StaffTable accounts={accounts.data} onAction={(kind: StaffAction, account) => setOpen(kind === 'edit' ? { kind, account } : { kind, account })} />
            </section>
          )}
          <AddStaffForm onAdded={(account, password) => setOpen({ kind: 'temporary', account, password, reason: 'new' })} />
          <section className="panel st-key" aria-labelledby="st-key-heading">
            <h2 id="st-key-heading">{t('staff.key.heading')}</h2>
            <p>{t('staff.key.body')}</p>
            <div className="form-actions form-actions-start">
              <ActionButton onPress={() => setOpen({ kind: 'rotate', mode: 'confirm', keys: 'both' })}>{t('staff.key.button')}</ActionButton>
            </div>
          </section>
        </>
      )}
      {open.kind === 'edit' ? (
        <EditStaffDialog
          account={open.account}
          onClose={close}
          onSaved={(before, after) =>
            // Someone who held the clinical key may remember it: offer to change it.
            canReadClinical(before.role) && !canReadClinical(after.role)
              ? setOpen({ kind: 'rotate', mode: 'offer', keys: 'clinical', intro: t('staff.key.roleChanged', { name: after.displayName }) })
              : close()
          }
        />
      ) : null}
      {open.kind === 'reset' || open.kind === 'turnOff' || open.kind === 'turnOn' ? (
        <AccountChangeDialog key={`${open.kind}-${open.account.id}`} open={open} onDone={setOpen} onClose={close} />
      ) : null}
      {open.kind === 'temporary' ? <TemporaryPasswordDialog account={open.account} password={open.password} reason={open.reason} onClose={close} /> : null}
      {open.kind === 'rotate' ? <RotateKeyDialog mode={open.mode} keys={open.keys} intro={open.intro} onClose={close} /> : null}
    </div>
  );
}
