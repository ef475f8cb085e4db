import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import type { ContactSetting, Timeline } from '../../shared/contract';
import { addDays } from '../../shared/continuity/days';
import { currentAbsence, deriveEpisodes } from '../../shared/continuity/episodes';
import { continuityMeasures } from '../../shared/continuity/measures';
import { retentionView } from '../../shared/continuity/retention';
import { checkLanguage } from '../../shared/language';
import strings from '../../renderer/src/i18n/en-continuity.json';
import i18n from '../../renderer/src/i18n/i18n';
import { personLabel, personSecondary } from '../../renderer/src/screens/continuity/format';
import { doorsOutreachRoute, doorsOutreachRouteId, timelineRouteId } from '../../renderer/src/screens/continuity/links';
import { annotationText, describeItem } from '../../renderer/src/screens/continuity/timeline-describe';
import { SETTING_SHAPES } from '../../renderer/src/screens/continuity/palette';
import { itemAtPoint, itemPoint, tooltipPlacement } from '../../renderer/src/screens/continuity/timeline-hit';
import { axisTicks, GEOMETRY, groupOfContact, layoutTimeline } from '../../renderer/src/screens/continuity/timeline-layout';
import {
  buildModel,
  canPan,
  clampWindow,
  DAY_MS,
  dayMs,
  fullWindow,
  panWindow,
  rangeLimits,
  rangeWindow,
  windowDays,
  windowShowing,
  zoomWindow,
} from '../../renderer/src/screens/continuity/timeline-model';

const t = i18n.t.bind(i18n) as TFunction;

/** A timeline answer as core builds it, from contact days alone (threshold 60, one staff member unless given). */
function timeline(contacts: { day: string; setting: ContactSetting; staffId?: number; naloxone?: number }[], today: string, annotations: Timeline['annotations'] = []): Timeline {
  const days = contacts.map((c) => c.day);
  return {
    today,
    thresholdDays: 60,
    contacts: contacts.map((c, i) => ({ id: i + 1, at: `${c.day}T18:00:00.000Z`, day: c.day, setting: c.setting, staffId: c.staffId ?? 1, naloxone: c.naloxone ?? 0 })),
    staff: [
      { id: 1, name: 'River Stone' },
      { id: 2, name: 'Amara Diallo' },
    ],
    ...deriveEpisodes(days, 60),
    annotations,
    currentAbsence: currentAbsence(days.at(-1) ?? null, today, 60),
    measures: continuityMeasures(contacts.map((c) => c.staffId ?? 1)),
    retention: retentionView(days, today),
  };
}

// The research's pattern: an intense stretch from January to March, four months away, back in August.
const JORDAN = timeline(
  [
    { day: '2026-01-12', setting: 'street_outreach' },
    { day: '2026-02-09', setting: 'drop_in', staffId: 2 },
    { day: '2026-03-28', setting: 'ssp_exchange', naloxone: 2 },
    { day: '2026-08-03', setting: 'drop_in' },
    { day: '2026-08-03', setting: 'clinic_visit' },
  ],
  '2026-11-21',
  [{ day: '2026-02-09', kind: 'goal_set', label: 'Get my ID replaced' }],
);

describe('the timeline model', () => {
  const model = buildModel(JORDAN);

  it('has a lane for each setting the person has, in the usual order', () => {
    expect(model.lanes).toEqual(['clinic_visit', 'drop_in', 'street_outreach', 'ssp_exchange']);
    expect([...model.laneContacts[1]!.index]).toEqual([1, 3]);
  });

  it('puts a time away just before its welcome back, and that before the contacts of the day', () => {
    const kinds = model.items.map((i) => (i.kind === 'contact' ? `c${i.index}` : i.kind === 'annotation' ? `a${i.index}` : i.kind));
    expect(kinds).toEqual(['c0', 'c1', 'a0', 'c2', 'away', 'welcome', 'c3', 'c4']);
    expect([...model.contactEpisode]).toEqual([0, 0, 0, 1, 1]);
    expect(model.itemOf.welcome[0]).toBe(5);
  });

  it('zooms to windows that end today and pans without leaving the history', () => {
    const full = fullWindow(model);
    expect(full.end).toBeGreaterThan(model.todayMs);
    expect(full.start).toBeLessThan(dayMs('2026-01-12'));
    const six = zoomWindow(model, 'sixMonths');
    expect(six.end).toBe(full.end);
    expect((six.end - six.start) / DAY_MS).toBe(183);
    expect(canPan(model, six)).toEqual({ earlier: true, later: false });
    // Panning later than today is held at today; earlier stops at the start of the history.
    expect(panWindow(model, six, 0.5)).toEqual(six);
    let w = six;
    for (let i = 0; i < 10; i++) w = panWindow(model, w, -0.5);
    expect(w.start).toBeCloseTo(full.start);
    expect(canPan(model, w)).toEqual({ earlier: false, later: true });
    expect(canPan(model, zoomWindow(model, 'all'))).toEqual({ earlier: false, later: false });
    // A window from long before the history is moved to its start; one wider than it ends today.
    expect(clampWindow(model, { start: 0, end: 1 })).toEqual({ start: full.start, end: full.start + 1 });
    const wide = 10 * (full.end - full.start);
    expect(clampWindow(model, { start: 0, end: wide })).toEqual({ start: full.end - wide, end: full.end });
  });

  it('moves the window only as far as needed to show a chosen item', () => {
    const six = zoomWindow(model, 'sixMonths');
    expect(windowShowing(model, six, dayMs('2026-09-01'))).toBe(six);
    const moved = windowShowing(model, six, dayMs('2026-01-12'));
    expect(moved.start).toBeLessThanOrEqual(dayMs('2026-01-12'));
    expect(moved.end - moved.start).toBe(six.end - six.start);
  });
});

describe('the timeline layout', () => {
  it('draws each lane as one path and skips marks outside the window', () => {
    const model = buildModel(JORDAN);
    const all = layoutTimeline(model, zoomWindow(model, 'all'), 900);
    expect(all.lanePaths).toHaveLength(4);
    expect(all.lanePaths.every((d) => d.startsWith('M'))).toBe(true);
    expect(all.bands).toHaveLength(2);
    // The gap, and the time away still going on since August.
    expect(all.aways.map((a) => a.open)).toEqual([false, true]);
    expect(all.welcomes).toHaveLength(1);
    expect(all.annotationPaths.map((a) => a.kind)).toEqual(['goal_set']);
    expect(all.todayX).not.toBeNull();

    const six = layoutTimeline(model, zoomWindow(model, 'sixMonths'), 900);
    // Only August is in the last six months: the January street outreach lane is empty.
    expect(six.lanePaths[2]).toBe('');
    expect(six.lanePaths[1]).not.toBe('');
    expect(six.bands).toHaveLength(1);
  });

  it('keeps 5,000 contacts to marks that never overlap, every contact counted in one', () => {
    const contacts: { day: string; setting: ContactSetting }[] = [];
    for (let i = 0; i < 5000; i++) contacts.push({ day: addDays('2016-01-01', Math.floor(i * 0.7)), setting: i % 2 ? 'drop_in' : 'van' });
    const model = buildModel(timeline(contacts, '2026-11-21'));
    const layout = layoutTimeline(model, zoomWindow(model, 'all'), 1000);
    const marks = layout.lanePaths.reduce((n, d) => n + (d.match(/M/g)?.length ?? 0), 0);
    const plot = layout.plotRight - layout.plotLeft;
    expect(marks).toBeGreaterThan(100);
    expect(marks).toBeLessThanOrEqual(2 * (plot / (2 * layout.markRadius) + 2));
    expect(layout.laneGroups.reduce((n, g) => n + g.count.reduce((a, b) => a + b, 0), 0)).toBe(5000);
  });

  it('finds what is under the pointer from one handler, and nothing in empty space', () => {
    const model = buildModel(JORDAN);
    const layout = layoutTimeline(model, zoomWindow(model, 'all'), 900);
    const firstContact = model.itemOf.contact[0]!;
    const at = itemPoint(model, layout, firstContact)!;
    expect(itemAtPoint(model, layout, at.x + 2, at.y + 3)).toBe(firstContact);
    expect(itemAtPoint(model, layout, layout.x(dayMs('2026-05-15')), at.y)).toBeNull();
    // In the top row, anywhere over the gap is the time away.
    const away = itemAtPoint(model, layout, layout.x(dayMs('2026-05-15')), GEOMETRY.awayY);
    expect(away).toBe(model.itemOf.away[0]);
    expect(itemAtPoint(model, layout, 5, at.y)).toBeNull();
  });
});

describe('the time axis', () => {
  const today = dayMs('2026-11-21');
  const labels = (fromDay: string, toDay: string, width: number) =>
    axisTicks(dayMs(fromDay), dayMs(toDay), GEOMETRY.left, width - GEOMETRY.right, today).map((tick) => tick.label);

  it('never repeats a month: one label per week, month, quarter or year, at any zoom and width', () => {
    const windows: [string, string][] = [
      ['2026-10-20', '2026-11-21'],
      ['2026-08-01', '2026-11-21'],
      ['2026-05-22', '2026-11-21'],
      ['2025-11-21', '2026-11-21'],
      ['2024-11-21', '2026-11-21'],
      ['2021-01-01', '2026-11-21'],
      ['2016-11-21', '2026-11-21'],
    ];
    for (const [from, to] of windows) {
      for (const width of [420, 700, 900, 1300, 1800]) {
        const ticks = axisTicks(dayMs(from), dayMs(to), GEOMETRY.left, width - GEOMETRY.right, today);
        const said = `${from}..${to} at ${width}px: ${ticks.map((tick) => tick.label).join(' ')}`;
        expect(ticks.length, said).toBeGreaterThan(0);
        // No "Oct Oct Oct Nov": neighbours differ, and each month has at most one tick (weeks aside).
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.label, said).not.toBe(ticks[i - 1]!.label);
        if (ticks[0]!.unit !== 'week') expect(new Set(ticks.map((tick) => tick.date.toISOString().slice(0, 7))).size, said).toBe(ticks.length);
        else expect(new Set(ticks.map((tick) => tick.label)).size, said).toBe(ticks.length);
        // The year is always on the axis.
        expect(ticks.some((tick) => /\d{4}/.test(tick.label)), said).toBe(true);
      }
    }
  });

  it('labels each month once, with the year on the first label and where it changes', () => {
    expect(labels('2025-09-15', '2026-03-10', 900)).toEqual(['Oct 2025', 'Nov', 'Dec', '2026', 'Feb', 'Mar']);
  });

  it('moves to quarters, then years, as the window widens, and never labels the future', () => {
    const twoYears = axisTicks(dayMs('2024-11-21'), dayMs('2026-12-01'), 148, 700, today);
    expect(twoYears[0]!.unit).toBe('quarter');
    expect(twoYears.map((tick) => tick.label)).toEqual(['2025', 'Apr', 'Jul', 'Oct', '2026', 'Apr', 'Jul', 'Oct']);
    const tenYears = axisTicks(dayMs('2016-11-21'), dayMs('2026-12-01'), 148, 900, today);
    expect(tenYears.every((tick) => tick.unit === 'year' && /^\d{4}$/.test(tick.label))).toBe(true);
    expect(tenYears.every((tick) => tick.date.getTime() <= today)).toBe(true);
    // Ticks stay far enough apart for their labels.
    for (let i = 1; i < twoYears.length; i++) expect(twoYears[i]!.x - twoYears[i - 1]!.x).toBeGreaterThan(30);
  });

  it('uses weeks for a short range, each labelled with its day', () => {
    const ticks = labels('2026-10-20', '2026-11-21', 900);
    expect(ticks[0]).toBe('Oct 26, 2026');
    expect(ticks.slice(1)).toEqual(['Nov 2', 'Nov 9', 'Nov 16']);
  });
});

describe('marks that would overlap', () => {
  // Three drop-ins the same day, then one a day for a week, in a window of all time.
  const contacts: { day: string; setting: ContactSetting }[] = [
    { day: '2026-03-02', setting: 'drop_in' },
    { day: '2026-03-02', setting: 'drop_in' },
    { day: '2026-03-02', setting: 'drop_in' },
    { day: '2026-06-01', setting: 'drop_in' },
    ...Array.from({ length: 7 }, (_, i) => ({ day: `2026-09-0${i + 1}`, setting: 'drop_in' as const })),
  ];
  const model = buildModel(timeline(contacts, '2026-11-21'));

  it('share one mark with a count: the same day always, nearby days when they would touch', () => {
    const all = layoutTimeline(model, zoomWindow(model, 'all'), 900);
    const groups = all.laneGroups[0]!;
    // The week joins up where its days would touch: fewer marks than days, every contact counted.
    expect([...groups.count].slice(0, 2)).toEqual([3, 1]);
    expect(groups.count.length).toBeLessThan(5);
    expect([...groups.count].reduce((a, b) => a + b, 0)).toBe(contacts.length);
    expect(all.lanePaths[0]!.match(/M/g)).toHaveLength(groups.count.length);
    expect(all.counts[0]!.count).toBe(3);
    // No two drawn marks overlap.
    for (let i = 1; i < groups.x.length; i++) expect(groups.x[i]! - groups.x[i - 1]!).toBeGreaterThanOrEqual(2 * all.markRadius);

    // Zoomed in, the week's days have room of their own; the same day still shares a mark.
    const month = rangeWindow(model, '2026-08-25', '2026-09-20')!;
    const near = layoutTimeline(model, month, 900);
    expect([...near.laneGroups[0]!.count]).toEqual([1, 1, 1, 1, 1, 1, 1]);
    const march = layoutTimeline(model, rangeWindow(model, '2026-02-20', '2026-03-10')!, 900);
    expect([...march.laneGroups[0]!.count]).toEqual([3]);
  });

  it('point at the shared mark, and the details say how many it stands for', () => {
    const all = layoutTimeline(model, zoomWindow(model, 'all'), 900);
    const y = all.laneY(0);
    const first = itemAtPoint(model, all, all.laneGroups[0]!.x[0]! + 1, y)!;
    expect(model.items[first]).toMatchObject({ kind: 'contact', index: 0 });
    expect(groupOfContact(model, all, 1)).toMatchObject({ count: 3 });
    expect(itemPoint(model, all, model.itemOf.contact[2]!)!.x).toBe(all.laneGroups[0]!.x[0]);
    expect(describeItem(t, model, first, 'UTC', groupOfContact(model, all, 0))!.lines).toContain('3 contacts that day in this setting');
    const week = groupOfContact(model, all, 4)!;
    expect(week.count).toBeGreaterThan(1);
    expect(describeItem(t, model, model.itemOf.contact[4]!, 'UTC', week)!.lines).toContain(`This mark stands for ${week.count} contacts, Sep 1, 2026 to Sep ${week.count}, 2026`);
  });
});

describe('the details box', () => {
  const model = buildModel(JORDAN);
  const layout = layoutTimeline(model, zoomWindow(model, 'all'), 900);
  const size = { width: 240, height: 80 };

  it('stays inside the plot, clear of the lane names, flipping to the left near the right edge', () => {
    for (const x of [layout.plotLeft, layout.plotLeft + 10, 400, layout.plotRight - 10, layout.plotRight]) {
      for (const y of [GEOMETRY.awayY, layout.laneY(0), layout.laneY(model.lanes.length - 1)]) {
        const tip = tooltipPlacement(layout, { x, y }, size);
        expect(tip.left).toBeGreaterThanOrEqual(layout.plotLeft);
        expect(tip.left + size.width).toBeLessThanOrEqual(layout.plotRight);
        // Beside the point, never on it.
        expect(x < tip.left || x > tip.left + size.width).toBe(true);
      }
    }
    expect(tooltipPlacement(layout, { x: layout.plotLeft + 4, y: 80 }, size).side).toBe('right');
    expect(tooltipPlacement(layout, { x: layout.plotRight - 4, y: 80 }, size).side).toBe('left');
  });
});

describe('a chosen range of dates', () => {
  const model = buildModel(JORDAN);

  it('shows both days, and the fields read back the same days', () => {
    const w = rangeWindow(model, '2026-02-01', '2026-04-30')!;
    expect(w).toEqual({ start: dayMs('2026-02-01'), end: dayMs('2026-05-01') });
    expect(windowDays(model, w)).toEqual({ from: '2026-02-01', to: '2026-04-30' });
  });

  it('refuses a backwards or missing range, widens a tiny one and keeps within the history', () => {
    expect(rangeWindow(model, '2026-05-01', '2026-04-01')).toBeNull();
    expect(rangeWindow(model, '', '2026-04-01')).toBeNull();
    const oneDay = rangeWindow(model, '2026-03-28', '2026-03-28')!;
    expect((oneDay.end - oneDay.start) / DAY_MS).toBe(14);
    const full = fullWindow(model);
    const wide = rangeWindow(model, '2010-01-01', '2030-01-01')!;
    expect(wide).toEqual(full);
    expect(windowDays(model, wide).to).toBe('2026-11-21');
    const limits = rangeLimits(model);
    expect(limits.max).toBe('2026-11-21');
    expect(limits.min <= windowDays(model, full).from && limits.min < '2026-01-12').toBe(true);
  });
});

describe('the SSP exchange mark', () => {
  it('is a calm shape like the others, not a cross', () => {
    expect(SETTING_SHAPES.ssp_exchange).not.toBe('cross');
    expect(SETTING_SHAPES.ssp_exchange).not.toBe('plus');
    expect(new Set(Object.values(SETTING_SHAPES)).size).toBe(Object.keys(SETTING_SHAPES).length);
  });
});

describe('what the timeline says about an item', () => {
  const model = buildModel(JORDAN);

  it('describes contacts, welcome backs, time away and annotations in plain words', () => {
    const contact = describeItem(t, model, model.itemOf.contact[2]!, 'UTC')!;
    expect(contact.title).toBe('March 28, 2026, 6:00 PM');
    expect(contact.lines).toEqual(['SSP exchange', 'With River Stone', '2 naloxone kits given', 'Episode 1 of 2']);
    expect(describeItem(t, model, model.itemOf.contact[1]!, 'America/Los_Angeles')!.lines[1]).toBe('With Amara Diallo');
    expect(describeItem(t, model, model.itemOf.welcome[0]!, 'UTC')).toEqual({ title: 'August 3, 2026', lines: ['Welcome back after 4 months away'] });
    expect(describeItem(t, model, model.itemOf.away[0]!, 'UTC')).toEqual({ title: '4 months away', lines: ['From March 28, 2026 to August 3, 2026 (128 days)'] });
    expect(describeItem(t, model, 999, 'UTC')).toBeNull();
  });

  it('translates coded annotations and keeps the person\'s own words', () => {
    expect(annotationText(t, { day: '2026-01-01', kind: 'phase_change', label: 'maintenance' })).toBe('Phase changed to maintenance');
    expect(annotationText(t, { day: '2026-01-01', kind: 'overdose_response', label: 'alive_stayed' })).toBe('Overdose response: alive, someone stayed with them');
    expect(annotationText(t, { day: '2026-01-01', kind: 'naloxone', label: '1' })).toBe('1 naloxone kit given');
    expect(annotationText(t, { day: '2026-01-01', kind: 'goal_reached', label: 'Back in touch with my sister' })).toBe('Goal reached: Back in touch with my sister');
  });
});

describe('the words on these screens', () => {
  it('pass the language assistant: no "lost", no "non-compliant", nothing it would suggest changing', () => {
    const all: [string, string][] = [];
    const walk = (node: unknown, path: string) => {
      if (typeof node === 'string') all.push([path, node]);
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
    };
    walk(strings, '');
    expect(all.length).toBeGreaterThan(150);
    for (const [path, text] of all) expect(checkLanguage(text), path).toEqual([]);
    expect(all.filter(([, text]) => /\blost\b|drop-?out|non-?complian/i.test(text))).toEqual([]);
  });
});

describe('small helpers', () => {
  it('names people as they prefer, with the client code beside a name', () => {
    expect(personLabel({ preferredName: 'Jo', name: 'Jordan Reyes', clientCode: 'JR-1' })).toBe('Jo');
    expect(personLabel({ preferredName: null, name: null, clientCode: 'JR-1' })).toBe('JR-1');
    expect(personSecondary({ preferredName: null, name: 'Jordan Reyes', clientCode: 'JR-1' })).toBe('JR-1');
    expect(personSecondary({ preferredName: null, name: null, clientCode: 'JR-1' })).toBeNull();
  });

  it('reads the wide timeline route', () => {
    expect(timelineRouteId('/timeline/12')).toBe(12);
    expect(timelineRouteId('/timeline/0')).toBeNull();
    expect(timelineRouteId('/timeline/12/x')).toBeNull();
    expect(timelineRouteId('/people/12')).toBeNull();
  });

  it("reads Door's open with one person's outreach dialog open from its address", () => {
    expect(doorsOutreachRouteId(doorsOutreachRoute(12))).toBe(12);
    expect(doorsOutreachRouteId('/doors')).toBeNull();
    expect(doorsOutreachRouteId('/doors/outreach/0')).toBeNull();
    expect(doorsOutreachRouteId('/doors/outreach/12/x')).toBeNull();
  });
});
