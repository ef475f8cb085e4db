import { useTranslation } from 'react-i18next';
import type { PersonSummaryDoc } from '../../../../shared/contract';
import { formatLongDay, formatMonth } from '../../components/dates';
import { formatCount } from '../../components/numbers';
import { personLabel } from '../continuity/format';


/**
 * The summary as the person reads it: plain words, spoken to them ("you"), their goals in their own
 * words exactly as written, nothing about them that is not for them. Laid out for paper first.
 */
export function PersonSummaryDocument({ doc }: { doc: PersonSummaryDoc }) {
  const { t } = useTranslation();
  const name = personLabel(doc.person);
  const contactCount = doc.months.reduce((n, m) => n + m.contacts.length, 0);
  return (
    <article className="printout printout-summary" aria-label={t('summary.title', { name })}>
      <header className="printout-head">
        <h2 className="printout-title">{t('summary.title', { name })}</h2>
        <p className="printout-meta">
          <span>{t('summary.madeBy', { clinic: doc.clinicName, day: formatLongDay(doc.madeOn) })}</span>
          <span>{t('summary.clientCode', { code: doc.person.clientCode })}</span>
          {doc.person.pronouns ? <span>{doc.person.pronouns}</span> : null}
        </p>
      </header>
      <p className="printout-lead">{t('summary.welcome')}</p>
      {doc.includesClinicalNotes ? <p className="printout-muted">{t('summary.notesIncluded')}</p> : null}

      {doc.goals ? (
        <section className="printout-section">
          <h3>{t('summary.goalsTitle')}</h3>
          {doc.goals.length === 0 ? (
            <p className="printout-muted">{t('summary.goalsEmpty')}</p>
          ) : (
            <ul className="printout-goals">
              {doc.goals.map((g, i) => (
                <li key={i}>
                  <q className="printout-their-words">{g.text}</q>
                  <span className="printout-muted printout-goal-status">{t(`summary.goalStatus.${g.status}`, { day: formatLongDay(g.since) })}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section className="printout-section">
        <h3>{t('summary.referralsTitle')}</h3>
        {doc.referrals.length === 0 ? (
          <p className="printout-muted">{t('summary.referralsEmpty')}</p>
        ) : (
          <ul className="printout-list">
            {doc.referrals.map((r, i) => (
              <li key={i}>
                <strong>{r.toWhat}</strong>{' '}
                <span className="printout-muted">{t('summary.referralLine', { day: formatLongDay(r.on), status: t(`summary.referralStatus.${r.status}`) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="printout-section">
        <h3>{t('summary.suppliesTitle')}</h3>
        {doc.suppliesTotal.length === 0 ? (
          <p className="printout-muted">{t('summary.suppliesEmpty')}</p>
        ) : (
          <table className="printout-table printout-supplies">
            <tbody>
              {doc.suppliesTotal.map((s) => (
                <tr key={s.label}>
                  <th scope="row">{s.label}</th>
                  <td>{formatCount(s.quantity)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="printout-section">
        <h3>{t('summary.contactsTitle')}</h3>
        {contactCount === 0 ? (
          <p className="printout-muted">{t('summary.contactsEmpty')}</p>
        ) : (
          <p>{t('summary.contactsSpan', { count: contactCount, from: formatLongDay(doc.firstDay!), to: formatLongDay(doc.lastDay!) })}</p>
        )}
        {doc.months.map((m) => (
          <div key={m.month} className="printout-month">
            <h4>{t('summary.month', { month: formatMonth(m.month, { long: true }), count: m.contacts.length })}</h4>
            <ul className="printout-contacts">
              {m.contacts.map((c, i) => (
                <li key={i} className="printout-contact">
                  <p className="printout-contact-line">
                    <strong>{formatLongDay(c.day)}</strong> · {t(`contact.settings.${c.setting}`)}
                  </p>
                  {c.services.length > 0 ? (
                    <p>
                      <span className="printout-label">{t('summary.services')}:</span> {c.services.join(', ')}
                    </p>
                  ) : null}
                  {c.supplies.length > 0 ? (
                    <p>
                      <span className="printout-label">{t('summary.given')}:</span> {c.supplies.map((s) => `${s.label} × ${formatCount(s.quantity)}`).join(', ')}
                    </p>
                  ) : null}
                  {c.whatMattered ? (
                    <p>
                      <span className="printout-label">{t('summary.whatMattered')}:</span> {c.whatMattered}
                    </p>
                  ) : null}
                  {c.note ? (
                    <p className="printout-note">
                      <span className="printout-label">{t('summary.note')}:</span> {c.note}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <p className="printout-closing">{t('summary.closing')}</p>
    </article>
  );
}
