import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { capitalise, clockTime, lengthOfTime, longDay, personLabel, personSecondary } from './format';
import { doorsHref, personHref } from './links';
import { useDashboard } from './queries';
import { TrendChart } from './TrendChart';
import './continuity.css';

const DOORS_ON_HOME = 5;
/** A busy day lists its latest contacts first; the rest are one press away. */
const TODAY_ON_HOME = 10;

function HomeSection({ title, intro, children, wide = false }: { title: string; intro?: string; children: ReactNode; wide?: boolean }) {
  const id = useId();
  return (
    <section className={wide ? 'cx-home-section cx-home-section-wide' : 'cx-home-section'} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro ? <p className="cx-home-section-intro">{intro}</p> : null}
      {children}
    </section>
  );
}

function PersonLink({ person }: { person: Parameters<typeof personLabel>[0] & { id: number } }) {
  const code = personSecondary(person);
  return (
    <>
      <a href={personHref(person.id)} className="cx-person-link">
        {personLabel(person)}
      </a>
      {code ? <span className="cx-muted"> · {code}</span> : null}
    </>
  );
}

/**
 * The home screen's day: who came in today, who came back this week, whose door is open, who is
 * still getting to know the clinic, and how the months have gone. Calm: no scores, nothing red.
 */
export function HomeDashboard({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const { people } = usePeopleWords(info.settings.peopleWord);
  const dashboard = useDashboard();
  const timeZone = info.settings.timeZone;
  const [allToday, setAllToday] = useState(false);

  if (dashboard.isPending) return <p role="status">{t('dashboard.loading')}</p>;
  if (dashboard.isError) return <Notice tone="error">{appErrorOf(dashboard.error).message}</Notice>;
  const d = dashboard.data;
  const currentMonth = d.today.slice(0, 7);
  const doors = d.doorsOpen.items.slice(0, DOORS_ON_HOME);
  const today = allToday ? d.todaysContacts : d.todaysContacts.slice(0, TODAY_ON_HOME);

  return (
    <div className="cx-home-grid">
      <HomeSection title={t('dashboard.today.heading', { count: d.todaysContacts.length })}>
        {d.todaysContacts.length === 0 ? (
          <p className="cx-muted">{t('dashboard.today.none')}</p>
        ) : (
          <ul className="cx-home-list" data-testid="todays-contacts">
            {today.map((c) => (
              <li key={c.contactId}>
                <span className="cx-home-list-time">{clockTime(c.at, timeZone)}</span>
                <span>
                  <PersonLink person={c.person} />
                  <span className="cx-home-list-detail">{t('dashboard.today.detail', { setting: t(`timeline.settings.${c.setting}`), staff: c.staffName })}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        {today.length < d.todaysContacts.length ? (
          <div>
            <ActionButton variant="quiet" onPress={() => setAllToday(true)}>
              {t('dashboard.today.showAll', { count: d.todaysContacts.length })}
            </ActionButton>
          </div>
        ) : null}
      </HomeSection>

      <HomeSection title={t('dashboard.welcome.heading')} intro={t('dashboard.welcome.intro')}>
        {d.welcomeBacksThisWeek.length === 0 ? (
          <p className="cx-muted">{t('dashboard.welcome.none')}</p>
        ) : (
          <ul className="cx-home-list" data-testid="welcome-backs">
            {d.welcomeBacksThisWeek.map((w) => (
              <li key={w.contactId}>
                <svg className="cx-home-list-mark" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                  <path d="M7,1l6,6l-6,6l-6,-6z" />
                </svg>
                <span>
                  <PersonLink person={w.person} />
                  <span className="cx-home-list-detail">{w.day === d.today
                      ? t('dashboard.welcome.detailToday', { length: lengthOfTime(t, w.daysAway) })
                      : t('dashboard.welcome.detail', { day: longDay(w.day), length: lengthOfTime(t, w.daysAway) })}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
      </HomeSection>

      <HomeSection title={t('dashboard.doors.heading')} intro={t('dashboard.doors.intro', { count: d.thresholdDays })}>
        {d.doorsOpen.total === 0 ? (
          <p className="cx-muted">{t('dashboard.doors.none', { people, count: d.thresholdDays })}</p>
        ) : (
          <>
            <ul className="cx-home-list" data-testid="home-doors">
              {doors.map((item) => (
                <li key={item.person.id}>
                  <span>
                    <PersonLink person={item.person} />
                    <span className="cx-home-list-detail">
                      {t('doors.sinceLast', { length: lengthOfTime(t, item.daysAway, item.lastContactDay) })}
                      {item.reach.doNotContact ? ` · ${t('doors.reach.doNotContact')}` : ''}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
            <a href={doorsHref} className="cx-section-link">
              {t('dashboard.doors.all', { count: d.doorsOpen.total, people })}
            </a>
          </>
        )}
      </HomeSection>

      <HomeSection title={t('dashboard.testing.heading')} intro={t('dashboard.testing.intro', { People: capitalise(people) })}>
        {d.testingPeriod.total === 0 ? (
          <p className="cx-muted">{t('dashboard.testing.none', { people })}</p>
        ) : (
          <>
            <ul className="cx-home-list" data-testid="testing-period">
              {d.testingPeriod.items.map((p) => (
                <li key={p.person.id}>
                  <span>
                    <PersonLink person={p.person} />
                    <span className="cx-home-list-detail">
                      {t('dashboard.testing.detail', { day: longDay(p.firstContactDay), contacts: t('timeline.count.contacts', { count: p.person.contactCount }) })}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
            {d.testingPeriod.total > d.testingPeriod.items.length ? (
              <p className="cx-muted">{t('dashboard.testing.more', { count: d.testingPeriod.total - d.testingPeriod.items.length })}</p>
            ) : null}
          </>
        )}
      </HomeSection>

      <HomeSection title={t('dashboard.trends.heading')} intro={t('dashboard.trends.intro')} wide>
        <div className="cx-trend-grid-3">
          <TrendChart
            title={t('dashboard.trends.contacts')}
            description={t('dashboard.trends.contactsHelp')}
            months={d.trends.map((m) => ({ month: m.month, value: m.contacts }))}
            currentMonth={currentMonth}
          />
          <TrendChart
            title={t('dashboard.trends.people', { people })}
            description={t('dashboard.trends.peopleHelp', { people })}
            months={d.trends.map((m) => ({ month: m.month, value: m.people }))}
            currentMonth={currentMonth}
          />
          <TrendChart
            title={t('dashboard.trends.returns')}
            description={t('dashboard.trends.returnsHelp', { count: d.thresholdDays })}
            months={d.trends.map((m) => ({ month: m.month, value: m.returns }))}
            currentMonth={currentMonth}
          />
        </div>
      </HomeSection>
    </div>
  );
}
