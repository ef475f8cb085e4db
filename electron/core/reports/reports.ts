import type { OverdoseFigures, ReportFigures, ReportScope } from '../../../shared/contract/reports';
import { OVERDOSE_WHO_REPORTED } from '../../../shared/contract/reports';
import { CONTACT_SETTINGS, OVERDOSE_OUTCOMES } from '../../../shared/contract/record-schemas';
import { canReadClinical, type Role } from '../../../shared/roles';
import { clinicOverview, type ContinuitySettings } from '../continuity/continuity';
import type { Data } from '../data/engine';
import { msg } from '../../../shared/messages';
import { DoorwayError } from '../errors';
import { contactsBySetting, overdoseResponses, supplyItem, type Period } from './repository';

/**
 * Funder reports: the overview's counts for a scope (people, contacts and supplies apart, the same
 * rules: continuity.ts clinicOverview), plus the breakdowns funders ask for.
 *
 * New and returning, precisely: a person counts once if they had a contact in the scope (setting,
 * supply) in the period. They are "new" when their first contact ever with the clinic (any setting,
 * any supply, removed contacts left out) falls within the period, the first and last days included;
 * otherwise "returning". So new + returning = people, and someone first seen at the van in March and
 * at a drop-in in May is new in a March-to-May drop-in report.
 */
export async function reportFigures(data: Data, s: ContinuitySettings, scope: ReportScope, now: Date): Promise<ReportFigures> {
  let itemLabel: string | null = null;
  if (scope.itemId !== null) {
    const item = await supplyItem(data, scope.itemId);
    if (!item) throw new DoorwayError('NOT_FOUND', msg('reports.supplyNotFound'));
    if (item.kind !== 'supply') throw new DoorwayError('INVALID_INPUT', msg('reports.notASupply'), { fields: { itemId: msg('reports.chooseSupply') } });
    itemLabel = item.label;
  }
  const contactScope = { setting: scope.setting, itemId: scope.itemId };
  const o = await clinicOverview(data, s, scope, now, contactScope);
  const bySetting = await contactsBySetting(data, scope, contactScope);
  const order = (x: { setting: string }) => CONTACT_SETTINGS.indexOf(x.setting as (typeof CONTACT_SETTINGS)[number]);
  bySetting.sort((a, b) => order(a) - order(b));
  const categories = new Map<string | null, number>();
  for (const x of o.supplies) categories.set(x.category, (categories.get(x.category) ?? 0) + x.quantity);
  return {
    from: scope.from,
    to: scope.to,
    setting: scope.setting,
    itemId: scope.itemId,
    itemLabel,
    people: o.distinctPeople,
    contacts: o.contacts,
    newPeople: o.newPeople,
    returningPeople: o.distinctPeople - o.newPeople,
    returnsAfterTimeAway: o.returnsAfterTimeAway,
    naloxoneKits: o.naloxoneKits,
    bySetting,
    supplies: o.supplies,
    supplyCategories: [...categories].map(([category, quantity]) => ({ category, quantity })),
  };
}

/** Core's own check, beside the contract's roles and the clinical store's key: outcomes are clinical. */
export function requireClinical(role: Role): void {
  if (!canReadClinical(role)) {
    throw new DoorwayError('FORBIDDEN', msg('reports.clinicalOnly'));
  }
}

const ALIVE = new Set<string>(['alive_stayed', 'alive_went_to_hospital', 'alive_declined_transport']);
export const isAlive = (outcome: string): boolean => ALIVE.has(outcome);

/** Counts only: no names, places, substances or notes leave this function. */
export async function overdoseFigures(data: Data, period: Period, role: Role): Promise<OverdoseFigures & { aliveBySomeoneWithThem: number; aliveTotal: number; thisPerson: number }> {
  requireClinical(role);
  const responses = await overdoseResponses(data, period);
  const byOutcome = new Map<string, number>(OVERDOSE_OUTCOMES.map((o) => [o, 0]));
  const byWho = new Map<string, number>(OVERDOSE_WHO_REPORTED.map((w) => [w, 0]));
  let doses = 0;
  let aliveBySomeoneWithThem = 0;
  let aliveTotal = 0;
  for (const r of responses) {
    const outcome = typeof r.outcome === 'string' && byOutcome.has(r.outcome) ? r.outcome : 'not_known';
    const who = typeof r.whoOverdosed === 'string' && byWho.has(r.whoOverdosed) ? r.whoOverdosed : 'not_recorded';
    byOutcome.set(outcome, byOutcome.get(outcome)! + 1);
    byWho.set(who, byWho.get(who)! + 1);
    if (typeof r.naloxoneDoses === 'number') doses += r.naloxoneDoses;
    if (isAlive(outcome)) {
      aliveTotal++;
      if (who === 'someone_with_them') aliveBySomeoneWithThem++;
    }
  }
  return {
    from: period.from,
    to: period.to,
    total: responses.length,
    byOutcome: OVERDOSE_OUTCOMES.map((outcome) => ({ outcome, count: byOutcome.get(outcome)! })),
    byWho: OVERDOSE_WHO_REPORTED.map((who) => ({ who, count: byWho.get(who)! })),
    naloxoneDosesUsed: doses,
    aliveBySomeoneWithThem,
    aliveTotal,
    thisPerson: byWho.get('this_person')!,
  };
}
