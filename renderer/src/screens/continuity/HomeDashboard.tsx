import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../../shared/contract';
import { appErrorOf } from '../../api/invoke';
import { usePeopleWords } from '../../app/people-word';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { formatLongDay, formatTime, lengthOfTime } from '../../components/dates';
import { capitalise, personLabel, personSecondary } from './format';
import { homeRows } from './home-rows';
import { doorsHref, personHref } from './links';
import { useDashboard } from '../../api/continuity-queries';
import { TrendChart } from './TrendChart';
import './continuity.css';

/** A "See all N" under a card: a link to the full list where there is one, otherwise it opens the card in place. */
function SeeAll({ count, href, onPress, label }: { count: number | null; href?: string; onPress?: () => void; label?: string }) {
  const { t } = useTranslation();
  if (count === null) return null;
  const text = label ?? t('dashboard.seeAll', { count });
  return href ? (
    <a href={href} className="cx-section-link" data-testid="see-all">
      {text}
    </a>
  ) : (
    <div>
      <ActionButton variant="quiet" onPress={onPress ?? (() => undefined)}>
        {text}
      </ActionButton>
    </div>
  );
}

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
  const [open, setOpen] = useState<{ today?: boolean; welcome?: boolean; testing?: boolean }>({});

  if (dashboard.isPending) return <p role="status">{t('dashboard.loading')}</p>;
  if (dashboard.isError) return <Notice tone="error">{appErrorOf(dashboard.error).message}</Notice>;
  const d = dashboard.data;
  const currentMonth = d.today.slice(0, 7);
  const doors = homeRows(d.doorsOpen.items, d.doorsOpen.total);
  // A busy day lists its latest contacts first; the rest are one press away.
  const today = homeRows(d.todaysContacts, d.todaysContacts.length, open.today);
  const welcome = homeRows(d.welcomeBacksThisWeek, d.welcomeBacksThisWeek.length, open.welcome);
  const testing = homeRows(d.testingPeriod.items, d.testingPeriod.items.length, open.testing);
  const testingUnlisted = d.testingPeriod.total - testing.shown.length;

  return (
    <div className="cx-home-grid">
      {/* The trends first, so they stay on the first screen at 1366x768 whatever the lists hold. */}
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

      <HomeSection title={t('dashboard.today.heading', { count: d.todaysContacts.length })}>
        {d.todaysContacts.length === 0 ? (
          <p className="cx-muted">{t('dashboard.today.none')}</p>
        ) : (
          <ul className="cx-home-list" data-testid="todays-contacts">
            {today.shown.map((c) => (
              <li key={c.contactId}>
                <span className="cx-home-list-time">{formatTime(c.at, { timeZone })}</span>
                <span>
                  <PersonLink person={c.person} />
                  <span className="cx-home-list-detail">{t('dashboard.today.detail', { setting: t(`timeline.settings.${c.setting}`), staff: c.staffName })}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        <SeeAll count={today.seeAll} onPress={() => setOpen({ ...open, today: true })} />
      </HomeSection>

      <HomeSection title={t('dashboard.welcome.heading')} intro={t('dashboard.welcome.intro')}>
        {d.welcomeBacksThisWeek.length === 0 ? (
          <p className="cx-muted">{t('dashboard.welcome.none')}</p>
        ) : (
          <ul className="cx-home-list" data-testid="welcome-backs">
            {welcome.shown.map((w) => (
              <li key={w.contactId}>
                <svg className="cx-home-list-mark" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                  <path d="M7,1l6,6l-6,6l-6,-6z" />
                </svg>
                <span>
                  <PersonLink person={w.person} />
                  <span className="cx-home-list-detail">{w.day === d.today
                      ? t('dashboard.welcome.detailToday', { length: lengthOfTime(t, w.daysAway) })
                      : t('dashboard.welcome.detail', { day: formatLongDay(w.day), length: lengthOfTime(t, w.daysAway) })}</span>
                </span>
              </li>
            ))}
          </ul>
        )}
        <SeeAll count={welcome.seeAll} onPress={() => setOpen({ ...open, welcome: true })} />
      </HomeSection>

      <HomeSection title={t('dashboard.doors.heading')} intro={t('dashboard.doors.intro', { count: d.thresholdDays })}>
        {d.doorsOpen.total === 0 ? (
          <p className="cx-muted">{t('dashboard.doors.none', { people, count: d.thresholdDays })}</p>
        ) : (
          <>
            <ul className="cx-home-list" data-testid="home-doors">
              {doors.shown.map((item) => (
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
            <SeeAll count={d.doorsOpen.total} href={doorsHref} label={t('dashboard.doors.all', { count: d.doorsOpen.total, people })} />
          </>
        )}
      </HomeSection>

      <HomeSection title={t('dashboard.testing.heading')} intro={t('dashboard.testing.intro', { People: capitalise(people) })}>
        {d.testingPeriod.total === 0 ? (
          <p className="cx-muted">{t('dashboard.testing.none', { people })}</p>
        ) : (
          <>
            <ul className="cx-home-list" data-testid="testing-period">
              {testing.shown.map((p) => (
                <li key={p.person.id}>
                  <span>
                    <PersonLink person={p.person} />
                    <span className="cx-home-list-detail">
                      {t('dashboard.testing.detail', { day: formatLongDay(p.firstContactDay), contacts: t('timeline.count.contacts', { count: p.person.contactCount }) })}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
            {testing.seeAll !== null ? (
              <SeeAll count={d.testingPeriod.total} onPress={() => setOpen({ ...open, testing: true })} />
            ) : testingUnlisted > 0 ? (
              <p className="cx-muted">{t('dashboard.testing.more', { count: testingUnlisted })}</p>
            ) : null}
          </>
        )}
      </HomeSection>

    </div>
  );
}
