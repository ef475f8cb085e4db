import type { APIRequestContext } from '@playwright/test';
import type { ChannelName, InputOf, OutputOf } from '../../shared/contract';
import type { Preview } from './fixtures';

/**
 * Calls the preview's router directly, with the per-run secret, as the signed-in window would. Used
 * to lay down months of backdated history in a second; what the test is about is then driven
 * through the screens.
 */
export async function rpc<K extends ChannelName>(request: APIRequestContext, preview: Preview, name: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const res = await request.post(`${preview.origin}/rpc`, {
    headers: { 'X-Doorway-Secret': preview.secret, 'Content-Type': 'application/json' },
    data: { name, input },
  });
  const body = (await res.json()) as { ok: true; value: OutputOf<K> } | { ok: false; error: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error.message}`);
  return body.value;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const isoDay = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** Midday UTC on a calendar day: the same calendar day in every time zone from UTC-11 to UTC+11. */
export const noon = (day: string, hour = 12) => `${day}T${pad(hour)}:00:00.000Z`;

export function daysAgo(n: number, from = new Date()): string {
  return isoDay(new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()) - n * 86_400_000));
}

/**
 * The year whose January to March and August make the research's pattern today: the latest year
 * whose August 3 is at least ten weeks ago, so August is history and a later return can be "this week".
 */
export function scenarioYear(now = new Date()): number {
  const y = now.getUTCFullYear();
  const augustThird = Date.UTC(y, 7, 3);
  return now.getTime() - augustThird >= 70 * 86_400_000 ? y : y - 1;
}

type Api = <K extends ChannelName>(name: K, input: InputOf<K>) => Promise<OutputOf<K>>;

export function api(request: APIRequestContext, preview: Preview): Api {
  return (name, input) => rpc(request, preview, name, input);
}

/** A few more people so the home screen, door's open and the overview look like a real week. */
export async function seedClinicWeek(call: Api): Promise<void> {
  const catalog = await call('catalog.list', {});
  const supply = (label: string) => catalog.find((c) => c.label === label)?.id;
  const nasal = supply('Naloxone (nasal)');
  const kits = nasal ? [{ itemId: nasal, quantity: 2 }] : [];

  const away = [
    { clientCode: 'AS-1102', preferredName: 'Ash', pronouns: 'they/them', lastDaysAgo: 75, prefs: { okToText: true, phone: '555-0102', safeTimes: 'Afternoons, after 2 pm', trustedContact: 'Maya (sister), 555-0199' } },
    { clientCode: 'BK-2210', preferredName: 'Bee', pronouns: 'she/her', lastDaysAgo: 140, prefs: { doNotContact: true } },
    { clientCode: 'CR-0930', preferredName: null, pronouns: null, lastDaysAgo: 300, prefs: {} },
    { clientCode: 'DM-4471', preferredName: 'Dee', pronouns: 'he/him', lastDaysAgo: 95, prefs: { okToCall: true, okToLeaveMessage: true, phone: '555-0147' } },
  ];
  for (const p of away) {
    const person = await call('people.create', { clientCode: p.clientCode, preferredName: p.preferredName, pronouns: p.pronouns, contactPrefs: p.prefs });
    for (const back of [p.lastDaysAgo + 30, p.lastDaysAgo + 12, p.lastDaysAgo]) {
      await call('contacts.record', { personId: person.id, occurredAt: noon(daysAgo(back)), setting: 'street_outreach', supplies: back === p.lastDaysAgo ? kits : [] });
    }
  }

  // Early in the engagement phase: a first contact three weeks ago and one today.
  const eli = await call('people.create', { clientCode: 'EL-0311', preferredName: 'Eli', pronouns: 'he/they' });
  await call('contacts.record', { personId: eli.id, occurredAt: noon(daysAgo(21)), setting: 'van' });
  await call('contacts.record', { personId: eli.id, setting: 'drop_in', whatMattered: 'A warm place to sit for a while' });

  // Someone who comes most weeks, in today too.
  const fay = await call('people.create', { clientCode: 'FA-7781', preferredName: 'Fay', pronouns: 'she/her' });
  for (let back = 330; back > 0; back -= 9) await call('contacts.record', { personId: fay.id, occurredAt: noon(daysAgo(back)), setting: back % 2 ? 'ssp_exchange' : 'drop_in', supplies: back % 5 === 0 ? kits : [] });
  await call('contacts.record', { personId: fay.id, setting: 'ssp_exchange', supplies: kits });
}
