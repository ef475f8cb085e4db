import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../../shared/contract';
import { CheckboxField } from '../../components/CheckboxField';
import { formatCount } from '../../components/numbers';

const SHOWN = 25;

/**
 * People the file names who are already in Doorway (the same client code). Their rows are added to
 * their records only when staff tick that these are the same people: never merged silently.
 */
interface MatchListProps {
  matches: ImportPreview['matches'];
  /** The clinic's word for the people served, one and many. */
  words: { person: string; people: string };
  agreed: boolean;
  onAgree(agreed: boolean): void;
}

export function MatchList({ matches, words, agreed, onAgree }: MatchListProps) {
  const { t } = useTranslation();
  return (
    <section className="panel im-matches" aria-labelledby="im-matches-heading">
      <h2 id="im-matches-heading">{t('import.matches.heading', { count: matches.length, person: words.person, people: words.people })}</h2>
      <p>{t('import.matches.intro')}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">{t('import.matches.code')}</th>
            <th scope="col" className="num">
              {t('import.matches.row')}
            </th>
            <th scope="col" className="num">
              {t('import.matches.rows')}
            </th>
          </tr>
        </thead>
        <tbody>
          {matches.slice(0, SHOWN).map((m) => (
            <tr key={m.clientCode}>
              <th scope="row">{m.clientCode}</th>
              <td className="num">{formatCount(m.row)}</td>
              <td className="num">{formatCount(m.rows)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {matches.length > SHOWN ? <p className="im-muted">{t('import.matches.more', { count: matches.length - SHOWN })}</p> : null}
      <CheckboxField isSelected={agreed} onChange={onAgree} detail={t('import.matches.agreeDetail')}>
        {t('import.matches.agree', { people: words.people })}
      </CheckboxField>
    </section>
  );
}
