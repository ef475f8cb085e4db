import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction } from '../../../../shared/contract/audit';
import { call } from '../../api/invoke';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { TextInput } from '../../components/TextInput';
import { ValidatedForm } from '../../components/ValidatedForm';
import { useFieldErrors, type FieldErrors } from '../../components/use-field-errors';
import { DateInput } from '../../components/DateInput';
import { SelectField, type SelectOption } from '../../components/SelectField';
import { useStaffAccounts } from '../../api/staff-queries';
import { actionLabel } from './labels';
import type { AuditFilter } from '../../api/audit-queries';

const ANY = 'any';

/** Local midnight at the start of a YYYY-MM-DD day, as an instant. */
const startOfDay = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const startOfNextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
};

/**
 * Person (by client code), staff member, what happened, and a period in the computer's own days.
 * A client code is looked up once, when the filter is applied; the trail is filtered by the person's id.
 */
export function AuditFilters({ onApply }: { onApply(filter: AuditFilter): void }) {
  const { t } = useTranslation();
  const staff = useStaffAccounts();
  const [code, setCode] = useState('');
  const [staffId, setStaffId] = useState<string>(ANY);
  const [action, setAction] = useState<string>(ANY);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [looking, setLooking] = useState(false);
  const { formRef, scope, setErrors } = useFieldErrors();

  const staffOptions: SelectOption<string>[] = [
    { value: ANY, label: t('audit.filters.anyone') },
    ...(staff.data ?? []).map((s) => ({ value: String(s.id), label: s.displayName })),
  ];
  const actionOptions: SelectOption<string>[] = [
    { value: ANY, label: t('audit.filters.anything') },
    ...AUDIT_ACTIONS.map((a) => ({ value: a, label: actionLabel(t, a) })).sort((x, y) => x.label.localeCompare(y.label)),
  ];

  const apply = async () => {
    const found: FieldErrors = {};
    if (from && to && from > to) found.to = t('audit.filters.period');
    setProblem(null);
    let personId: number | null = null;
    const wanted = code.trim();
    if (wanted && Object.keys(found).length === 0) {
      setLooking(true);
      try {
        const matches = await call('people.search', { query: wanted, limit: 50 });
        const person = matches.find((p) => p.clientCode.toLowerCase() === wanted.toLowerCase());
        if (person) personId = person.id;
        else found.clientCode = t('audit.filters.personNotFound', { code: wanted });
      } catch (e) {
        setProblem(e instanceof Error ? e.message : String(e));
        return;
      } finally {
        setLooking(false);
      }
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    onApply({
      personId,
      staffId: staffId === ANY ? null : Number(staffId),
      action: action === ANY ? null : (action as AuditAction),
      from: from ? startOfDay(from) : null,
      to: to ? startOfNextDay(to) : null,
    });
  };

  return (
    <section className="panel au-filters" aria-labelledby="au-filters-heading">
      <h2 id="au-filters-heading">{t('audit.filters.heading')}</h2>
      <ValidatedForm
        formRef={formRef}
        scope={scope}
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void apply();
        }}
      >
        {problem ? <Notice tone="error">{problem}</Notice> : null}
        <div className="au-filter-grid">
          <TextInput
            label={t('audit.filters.person')}
            name="clientCode"
            value={code}
            onChange={setCode}
            mono
            autoCapitalize="characters"
            spellCheck="false"
            description={t('audit.filters.personDescription')}
          />
          <SelectField label={t('audit.filters.staff')} name="staffId" value={staffId} options={staffOptions} onChange={setStaffId} />
          <SelectField label={t('audit.filters.action')} name="action" value={action} options={actionOptions} onChange={setAction} />
          <DateInput label={t('audit.filters.from')} name="from" value={from} onChange={setFrom} />
          <DateInput label={t('audit.filters.to')} name="to" value={to} onChange={setTo} />
        </div>
        <div className="form-actions form-actions-start">
          <ActionButton type="submit" variant="primary" isPending={looking}>
            {t('audit.filters.apply')}
          </ActionButton>
          <ActionButton
            variant="quiet"
            onPress={() => {
              setCode('');
              setStaffId(ANY);
              setAction(ANY);
              setFrom(null);
              setTo(null);
              setErrors({});
              onApply({ personId: null, staffId: null, action: null, from: null, to: null });
            }}
          >
            {t('audit.filters.clear')}
          </ActionButton>
        </div>
      </ValidatedForm>
    </section>
  );
}
