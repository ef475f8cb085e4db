import { useTranslation } from 'react-i18next';
import { contactPrefsSchema } from '../../../../shared/contract';
import { ReachSummary } from './PersonHeader';
import { RecordHistory } from '../../components/RecordHistory';

const FIELD_KEYS = {
  clientCode: 'person.clientCode',
  name: 'personForm.name',
  preferredName: 'personForm.preferredName',
  pronouns: 'personForm.pronouns',
  birthYear: 'personForm.birthYear',
  usualStaffId: 'personForm.usualStaff',
  contactPrefs: 'reach.title',
} as const;

const isField = (k: string): k is keyof typeof FIELD_KEYS => k in FIELD_KEYS;

/** Earlier versions of the person's details: which fields changed and what they said before. */
export function PersonDetailsHistory({ personId, staffName }: { personId: number; staffName(id: number): string }) {
  const { t } = useTranslation();
  return (
    <RecordHistory
      recordType="person"
      id={personId}
      label={t('person.detailsHistory')}
      describePrevious={(prev) => (
        <dl className="facts">
          {Object.entries(prev)
            .filter(([k]) => isField(k))
            .map(([k, v]) => (
              <div key={k} className="facts-pair">
                <dt>{t(FIELD_KEYS[k as keyof typeof FIELD_KEYS])}</dt>
                <dd>{describe(k, v)}</dd>
              </div>
            ))}
        </dl>
      )}
    />
  );

  function describe(field: string, value: unknown) {
    if (value === null || value === undefined || value === '') return t('contact.none');
    if (field === 'usualStaffId' && typeof value === 'number') return staffName(value);
    if (field === 'contactPrefs') {
      const prefs = contactPrefsSchema.safeParse(value);
      return prefs.success ? <ReachSummary prefs={prefs.data} /> : t('contact.none');
    }
    return String(value);
  }
}
