import { useTranslation } from 'react-i18next';
import { problemText, type ImportProblem } from '../../../../shared/contract/import';
import { useSay } from '../../i18n/say';

/** Every problem, where staff will find it in the spreadsheet ("Row 214, Date: 31/02/2025 is not a date."), in the staff member's language. */
export function ProblemList({ problems, count }: { problems: readonly ImportProblem[]; count: number }) {
  const { t } = useTranslation();
  const say = useSay();
  const more = count - problems.length;
  return (
    <section className="panel im-problems" aria-labelledby="im-problems-heading">
      <h2 id="im-problems-heading">{t('import.problems.heading', { count })}</h2>
      <p>{t('import.problems.intro')}</p>
      <ul className="im-problem-list">
        {problems.map((p, i) => (
          <li key={i}>{problemText(p, say)}</li>
        ))}
      </ul>
      {more > 0 ? <p className="im-muted">{t('import.problems.more', { count: more })}</p> : null}
    </section>
  );
}
