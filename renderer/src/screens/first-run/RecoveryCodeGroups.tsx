import { useTranslation } from 'react-i18next';

/**
 * The code in numbered groups, large and monospaced. Numbers let the confirm step say "group 3", and
 * each group is read out on its own rather than as one long string.
 */
export function RecoveryCodeGroups({ code, forPrint = false }: { code: string; forPrint?: boolean }) {
  const { t } = useTranslation();
  const groups = code.split('-');
  return (
    <ol className="code-groups" aria-label={t('firstRun.recovery.codeLabel')}>
      {groups.map((group, i) => (
        <li key={i} className="code-group">
          <span className="code-group-number">{t('firstRun.recovery.groupNumber', { number: i + 1 })}</span>
          <span className="code-group-value" data-testid={forPrint ? undefined : `recovery-group-${i + 1}`}>
            {group}
          </span>
        </li>
      ))}
    </ol>
  );
}
