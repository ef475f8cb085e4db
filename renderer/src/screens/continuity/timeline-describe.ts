import type { TFunction } from 'i18next';
import type { Timeline } from '../../../../shared/contract';
import { formatDay, formatLongDay, formatTime, lengthOfTime } from '../../components/dates';
import { isoDay, sameDayCount, type TimelineModel } from './timeline-model';

export interface ItemDescription {
  title: string;
  lines: string[];
}

type Annotation = Timeline['annotations'][number];

const OUTCOMES = ['alive_stayed', 'alive_went_to_hospital', 'alive_declined_transport', 'died', 'not_known'] as const;
const PHASES = ['engagement', 'maintenance'] as const;

/** An annotation in words; labels are the person's own words except for coded fields, which are translated. */
export function annotationText(t: TFunction, a: Annotation): string {
  switch (a.kind) {
    case 'phase_change': {
      const phase = PHASES.find((p) => p === a.label);
      return t('timeline.annotation.phaseChange', { phase: phase ? t(`timeline.phase.${phase}`) : a.label });
    }
    case 'moment':
      return t('timeline.annotation.moment', { text: a.label });
    case 'goal_set':
      return t('timeline.annotation.goalSet', { text: a.label });
    case 'goal_reached':
      return t('timeline.annotation.goalReached', { text: a.label });
    case 'naloxone':
      return t('timeline.annotation.naloxone', { count: Number(a.label) || 0 });
    case 'overdose_response': {
      const outcome = OUTCOMES.find((o) => o === a.label);
      return t('timeline.annotation.overdose', { outcome: outcome ? t(`timeline.outcome.${outcome}`) : a.label });
    }
  }
}

/** The mark a contact is drawn in, when it stands for more than one contact. */
export interface MarkGroup {
  count: number;
  firstMs: number;
  lastMs: number;
}

/**
 * The words shown on hover and focus, and announced to screen readers, for one timeline item. A
 * contact says how many others share its day, or its mark when marks of nearby days are joined.
 */
export function describeItem(t: TFunction, model: TimelineModel, position: number, timeZone: string, group?: MarkGroup | null): ItemDescription | null {
  const item = model.items[position];
  if (!item) return null;
  const data = model.data;
  switch (item.kind) {
    case 'contact': {
      const c = data.contacts[item.index]!;
      const lines = [t(`timeline.settings.${c.setting}`), t('timeline.details.with', { staff: model.staffNames.get(c.staffId) ?? t('timeline.details.unknownStaff') })];
      if (c.naloxone > 0) lines.push(t('timeline.annotation.naloxone', { count: c.naloxone }));
      const sameDay = sameDayCount(model, item.index);
      if (group && group.count > sameDay && group.lastMs > group.firstMs) {
        lines.push(t('timeline.details.markGroup', { count: group.count, from: formatDay(isoDay(group.firstMs)), to: formatDay(isoDay(group.lastMs)) }));
      } else if (sameDay > 1) lines.push(t('timeline.details.sameDay', { count: sameDay }));
      if (data.episodes.length > 1) lines.push(t('timeline.details.episode', { number: model.contactEpisode[item.index]! + 1, total: data.episodes.length }));
      return { title: t('timeline.details.dateTime', { date: formatLongDay(c.day), time: formatTime(c.at, { timeZone }) }), lines };
    }
    case 'annotation': {
      const a = data.annotations[item.index]!;
      return { title: formatLongDay(a.day), lines: [annotationText(t, a)] };
    }
    case 'welcome': {
      const day = data.welcomeBacks[item.index]!;
      const gap = data.timeAway.find((g) => g.to === day);
      return {
        title: formatLongDay(day),
        lines: [gap ? t('timeline.details.welcomeAfter', { length: lengthOfTime(t, gap.days, gap.from) }) : t('timeline.welcomeBack')],
      };
    }
    case 'away': {
      const gap = data.timeAway[item.index]!;
      return {
        title: t('timeline.away', { length: lengthOfTime(t, gap.days, gap.from) }),
        lines: [t('timeline.details.awayRange', { from: formatLongDay(gap.from), to: formatLongDay(gap.to), count: gap.days })],
      };
    }
  }
}
