import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../../../shared/contract';
import { ActionButton } from '../../components/ActionButton';
import { formatDateTime } from '../../components/dates';
import { StaffStatus } from './StaffStatus';

export type StaffAction = 'edit' | 'reset' | 'turnOff' | 'turnOn';

/** Everyone with an account, active first. Each row says what can be done to it, and for whom. */
export function StaffTable({ accounts, onAction }: { accounts: StaffAccount[]; onAction(action: StaffAction, account: StaffAccount): void }) {
  const { t } = useTranslation();
  return (
    <table className="data-table data-table-middle">
      <caption className="visually-hidden">{t('staff.table.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('staff.table.name')}</th>
          <th scope="col">{t('staff.table.username')}</th>
          <th scope="col">{t('staff.table.role')}</th>
          <th scope="col">{t('staff.table.status')}</th>
          <th scope="col">{t('staff.table.lastSignIn')}</th>
          <th scope="col" className="st-actions-head">
            <span className="visually-hidden">{t('staff.table.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {accounts.map((a) => (
          <tr key={a.id} className={a.disabled ? 'st-row-off' : undefined} data-testid="staff-row">
            <th scope="row" className="st-name">
              {a.displayName}
              {a.you ? <span className="muted"> ({t('staff.table.you')})</span> : null}
            </th>
            <td className="st-mono">{a.username}</td>
            <td>{t(`roles.${a.role}`)}</td>
            <td>
              <StaffStatus account={a} />
            </td>
            <td className="st-when">{a.lastSignInAt ? formatDateTime(a.lastSignInAt) : <span className="muted">{t('staff.table.never')}</span>}</td>
            <td className="st-actions">
              <ActionButton variant="quiet" aria-label={t('staff.actions.editLabel', { name: a.displayName })} onPress={() => onAction('edit', a)}>
                {t('staff.actions.edit')}
              </ActionButton>
              {a.disabled ? (
                <ActionButton variant="quiet" aria-label={t('staff.actions.turnOnLabel', { name: a.displayName })} onPress={() => onAction('turnOn', a)}>
                  {t('staff.actions.turnOn')}
                </ActionButton>
              ) : a.you ? null : (
                <>
                  <ActionButton variant="quiet" aria-label={t('staff.actions.resetLabel', { name: a.displayName })} onPress={() => onAction('reset', a)}>
                    {t('staff.actions.reset')}
                  </ActionButton>
                  <ActionButton variant="quiet" aria-label={t('staff.actions.turnOffLabel', { name: a.displayName })} onPress={() => onAction('turnOff', a)}>
                    {t('staff.actions.turnOff')}
                  </ActionButton>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
