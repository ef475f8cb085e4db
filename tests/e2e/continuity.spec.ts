import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { api, daysAgo, noon, scenarioYear, seedClinicWeek } from './continuity-data';
import { expect, test } from './fixtures';
import { shot, signIn } from './helpers';

test.use({ vault: 'ready' });

const JORDAN = { clientCode: 'JR-0412', preferredName: 'Jordan', pronouns: 'she/her' } as const;
const WHAT_MATTERED = 'Staying warm at night, and seeing a dentist about the tooth';
const GOAL = 'Get my ID replaced';

/** A screenshot of one part of the page, beside the full-page ones in test-results/screenshots. */
async function partShot(part: Locator, name: string): Promise<void> {
  await part.screenshot({ path: join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`) });
}

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
}

/**
 * Jordan: nine contacts from January to March (the research's intense stretch), a goal in her words
 * and what mattered last time; then nothing. Laid down through the router; the rest is on screen.
 */
async function seedJordan(call: ReturnType<typeof api>, year: number) {
  const person = await call('people.create', JORDAN);
  const colleague = await call('users.create', { username: 'amara', displayName: 'Amara Diallo', role: 'clinician' });
  const days = ['01-12', '01-19', '01-26', '02-02', '02-09', '02-23', '03-09', '03-16', '03-28'].map((d) => `${year}-${d}`);
  for (const [i, day] of days.entries()) {
    await call('contacts.record', {
      personId: person.id,
      occurredAt: noon(day, 18),
      setting: (['street_outreach', 'drop_in', 'ssp_exchange'] as const)[i % 3]!,
      staffId: i % 4 === 3 ? colleague.user.id : undefined,
      whatMattered: i === days.length - 1 ? WHAT_MATTERED : '',
    });
  }
  await call('entries.add', { personId: person.id, kind: 'goal', occurredOn: `${year}-02-09`, data: { text: GOAL } });
  await call('entries.add', { personId: person.id, kind: 'moment', occurredOn: `${year}-02-23`, data: { text: 'Shared what happened with her housing' } });
  return person;
}

/**
 * Types a date and time (`14:00`) into the contact form's "When" field, segment by segment, as en-US
 * shows it: month/day/year, then the 12-hour clock and AM or PM, like every other time on screen.
 */
async function typeWhen(page: Page, day: string, time: string): Promise<void> {
  const [y, m, d] = day.split('-');
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const hour12 = String(hh % 12 || 12).padStart(2, '0');
  await page.getByRole('spinbutton', { name: /^month/i }).click();
  await page.keyboard.type(`${m}${d}${y}${hour12}${String(mm).padStart(2, '0')}${hh < 12 ? 'A' : 'P'}`);
  await expect(page.getByRole('spinbutton', { name: /^AM\/PM/i })).toHaveText(hh < 12 ? 'AM' : 'PM');
}

test('January to March, four months away, back in August: two episodes, the time away, a welcome back, and the warm cue', async ({ page, preview, request }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const call = api(request, preview);
  // Calendar days are counted in the clinic's zone; pinning it keeps the scenario the same on any machine.
  await call('settings.update', { timeZone: 'America/Los_Angeles' });
  const year = scenarioYear();
  const jordan = await seedJordan(call, year);
  await seedClinicWeek(call);
  // The window cached the home screen before this history was laid down behind its back.
  await page.reload();

  // Before August: one episode, and the door's open.
  await page.goto(`${preview.origin}/#/people/${jordan.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /Jordan/ })).toBeVisible();
  const timeline = page.getByTestId('engagement-timeline');
  await expect(timeline).toBeVisible();
  await expect(timeline.getByText(/^9 contacts in one episode, from Jan 12, \d{4} to Mar 28, \d{4}\.$/)).toBeVisible();

  // Recording the August contact: the welcome-back cue, with the time away, what mattered and her goal.
  await page.getByRole('link', { name: /^Record a contact/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Jordan' })).toBeVisible();
  await page.getByRole('button', { name: /Setting/ }).click();
  await page.getByRole('option', { name: 'Drop-in' }).click();
  await page.getByText('This happened earlier', { exact: true }).click();
  await expect(page.getByRole('checkbox', { name: /This happened earlier/ })).toBeChecked();
  await typeWhen(page, `${year}-08-03`, '14:00');
  const cue = page.getByTestId('welcome-back-cue');
  await expect(cue.getByRole('heading', { name: "Welcome back — it's been 4 months" })).toBeVisible();
  await expect(cue).toContainText(`Last contact: March 28, ${year}.`);
  await expect(cue).toContainText(WHAT_MATTERED);
  await expect(cue).toContainText(GOAL);
  await expect(cue.getByRole('alert')).toHaveCount(0);
  await shot(page, 'continuity-01-welcome-back-cue');
  await page.getByRole('button', { name: 'Save contact' }).click();

  // Back on her page: two episodes, the time away labelled with its length, one welcome-back mark.
  await expect(page.getByRole('heading', { level: 1, name: /Jordan/ })).toBeVisible();
  await expect(timeline.getByText(/^10 contacts in 2 episodes from Jan 12, \d{4} to Aug 3, \d{4}, with 1 time away in between\.$/)).toBeVisible();
  await expect(timeline.locator('.tl-away-label', { hasText: '4 months away' })).toHaveCount(1);
  await expect(timeline.getByTestId('timeline-welcome-back')).toHaveCount(1);
  await expect(timeline.locator('.timeline-svg .tl-band')).toHaveCount(2);
  await partShot(page.locator('.cx-person-continuity'), 'continuity-02-timeline');

  // The same data as a table.
  await timeline.getByRole('button', { name: 'Show as table' }).click();
  const episodes = timeline.getByRole('table', { name: /^Episodes and time away/ });
  const row = (header: string) => episodes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
  await expect(episodes.getByRole('row')).toHaveCount(5);
  await expect(row('Episode 1')).toContainText('9 contacts');
  await expect(row('Time away')).toContainText('4 months (128 days)');
  await expect(row('Episode 2 (welcome back)')).toContainText('1 contact');
  await expect(row('Time away so far')).toContainText(`Aug 3, ${year}`);
  await expect(timeline.getByRole('table', { name: /^Contacts and events/ }).getByRole('row', { name: /Welcome back/ })).toContainText('Welcome back after 4 months away');

  // Her continuity measures, each with what it means; a single staff member's share is never shown as a grade.
  const measures = page.locator('.cx-measures');
  // Plain words first, the research name and abbreviation beside them.
  await expect(measures.locator('[data-measure="coc"] dt')).toHaveText('Same staff member over time (continuity of care index, COC)');
  await expect(measures.locator('[data-measure="secon"] dt')).toHaveText(/^Same staff member as last time \(sequential continuity, SECON\)$/);
  await expect(measures.getByText('How much contacts are concentrated with the same staff members', { exact: false })).toBeVisible();

  // Today she is back again: the cue says so, and the home screen lists her under welcome backs.
  await page.getByRole('link', { name: /^Record a contact/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Jordan' })).toBeVisible();
  await expect(page.getByTestId('welcome-back-cue').getByRole('heading', { name: /^Welcome back — it's been \d+ months$/ })).toBeVisible();
  await page.getByRole('button', { name: /Setting/ }).click();
  await page.getByRole('option', { name: 'Clinic visit' }).click();
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Jordan/ })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  const welcomes = page.getByTestId('welcome-backs');
  await expect(welcomes.getByRole('link', { name: 'Jordan' })).toBeVisible();
  await expect(welcomes).toContainText(/Back today, after \d+ months away/);
  await expect(page.getByTestId('todays-contacts').getByRole('link', { name: 'Jordan' })).toBeVisible();
  await expect(page.getByTestId('testing-period').getByRole('link', { name: 'Eli' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Contacts per month/ })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/lost to follow|non-?compliant|drop-?out/i);
  // Each card shows at most five rows; the clinic trends stay on the first screen at 1366x768.
  await page.setViewportSize({ width: 1366, height: 768 });
  for (const list of await page.locator('.cx-home-list').all()) expect(await list.locator(':scope > li').count()).toBeLessThanOrEqual(5);
  const trends = await page.getByRole('img', { name: /^Contacts per month/ }).boundingBox();
  expect(trends && trends.y + trends.height).toBeLessThanOrEqual(768);
  await shot(page, 'continuity-03-home');
});

test("door's open: who is away, how it is safe to reach them, and an outreach attempt that is not a contact", async ({ page, preview, request }) => {
  await signInAsAdmin(page);
  await seedClinicWeek(api(request, preview));
  await page.reload();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: "Door's open" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Door's open" })).toBeVisible();
  const cards = page.getByTestId('door-card');
  // Recently away first: Ash (75 days), Dee (95), Bee (140), then the one known only by a code (300).
  await expect(cards).toHaveCount(4);
  await expect(cards.nth(0)).toContainText('Ash');
  await expect(cards.nth(0)).toContainText('OK to text');
  await expect(cards.nth(0)).toContainText('Afternoons, after 2 pm');
  await expect(cards.nth(0)).toContainText('Maya (sister), 555-0199');
  await expect(cards.nth(2)).toContainText("Please don't reach out.");
  await expect(cards.nth(2)).not.toContainText('OK to');
  await expect(cards.nth(3)).toContainText('No safe way to reach them has been noted yet.');
  await page.getByRole('radio', { name: 'Longest away' }).click();
  await expect(cards.nth(0)).toContainText('CR-0930');

  await page.getByRole('radio', { name: 'Recently away' }).click();
  await expect(cards.nth(0)).toContainText('Ash');
  await cards.nth(0).getByRole('button', { name: 'Note an outreach attempt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note an outreach attempt for Ash' });
  await expect(dialog).toContainText('It is not a contact');
  await expect(dialog.getByRole('radio', { name: 'Text' })).toBeChecked();
  await dialog.getByRole('radio', { name: 'Not this time' }).check();
  await dialog.getByLabel('Note (optional)').fill('Sent a hello and the drop-in hours');
  await shot(page, 'continuity-04-outreach-dialog');
  await dialog.getByRole('button', { name: 'Save note' }).click();
  await expect(dialog).toBeHidden();
  await expect(cards.nth(0)).toContainText(`by ${ADMIN.displayName} (text): not reached this time.`);
  await expect(cards.nth(0)).toContainText('Sent a hello and the drop-in hours');
  // Still away: an outreach attempt is not a contact.
  await expect(cards).toHaveCount(4);
  await expect(page.locator('body')).not.toContainText(/\blost\b/i);
  await shot(page, 'continuity-05-doors-open');
});

test("consent to contact: only the agreed ways, the number to use, and no outreach for do-not-contact", async ({ page, preview, request }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAsAdmin(page);
  const call = api(request, preview);
  await seedClinicWeek(call);
  const gus = await call('people.create', {
    clientCode: 'GU-5120',
    preferredName: 'Gus',
    pronouns: 'he/him',
    contactPrefs: { okToCall: true, phone: '555-0133', safeTimes: 'Weekdays after 3 pm' },
  });
  for (const back of [110, 85]) await call('contacts.record', { personId: gus.id, occurredAt: noon(daysAgo(back)), setting: 'drop_in' });
  await page.reload();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: "Door's open" }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Door's open" })).toBeVisible();
  const cards = page.getByTestId('door-card');
  await expect(cards).toHaveCount(5);
  const card = (name: string) => cards.filter({ has: page.getByRole('link', { name, exact: true }) });

  // The number is on the card when calls or texts are agreed; never for do-not-contact.
  await expect(card('Gus').getByTestId('reach-phone')).toHaveText('555-0133');
  await expect(card('Ash').getByTestId('reach-phone')).toHaveText('555-0102');
  await expect(card('Dee').getByTestId('reach-phone')).toHaveText('555-0147');
  await expect(card('Bee').getByTestId('reach-phone')).toHaveCount(0);
  // Do not contact: no outreach action at all.
  await expect(card('Bee').getByRole('button', { name: 'Note an outreach attempt' })).toHaveCount(0);
  await shot(page, 'continuity-06-doors-open-consent');

  // Calls only: the dialog shows the agreed way and safe times, and offers no text.
  await card('Gus').getByRole('button', { name: 'Note an outreach attempt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note an outreach attempt for Gus' });
  await expect(dialog.getByTestId('outreach-consent')).toContainText('OK to call');
  await expect(dialog.getByTestId('outreach-consent')).toContainText('Weekdays after 3 pm');
  await expect(dialog.getByTestId('outreach-consent')).toContainText('555-0133');
  await expect(dialog.getByRole('radio', { name: 'Call' })).toBeChecked();
  for (const way of ['Text', 'Message', 'Email', 'In person', 'Trusted contact', 'Another way']) await expect(dialog.getByRole('radio', { name: way })).toBeDisabled();
  await expect(dialog).toContainText('They agreed to calls only.');
  await shot(page, 'continuity-07-outreach-calls-only');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Nothing said yet: every way, with a gentle note to ask first.
  await card('CR-0930').getByRole('button', { name: 'Note an outreach attempt' }).click();
  const open = page.getByRole('dialog', { name: /^Note an outreach attempt for/ });
  await expect(open).toContainText("They haven't said yet. Ask before reaching out.");
  await expect(open.getByRole('radio', { name: 'Text' })).toBeEnabled();
  await shot(page, 'continuity-08-outreach-not-said');
  await open.getByRole('button', { name: 'Cancel' }).click();

  // Bee's own page: do not contact first, and no outreach action there either.
  await card('Bee').getByRole('link', { name: 'Bee', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Bee/ })).toBeVisible();
  await expect(page.getByText('Do not contact.')).toBeVisible();
  await expect(page.getByRole('button', { name: /outreach/i })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /outreach/i })).toHaveCount(0);
  await shot(page, 'continuity-09-do-not-contact-person');
});

test('clinic overview: a chosen period, counts kept apart, continuity with definitions, and a CSV', async ({ page, preview, request }) => {
  await signInAsAdmin(page);
  await seedClinicWeek(api(request, preview));
  await page.reload();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinic overview' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic overview' })).toBeVisible();
  await page.getByRole('button', { name: 'Last 12 months' }).click();
  await expect(page.getByRole('button', { name: 'Last 12 months' })).toHaveAttribute('aria-pressed', 'true');
  const counts = page.locator('.cx-count-card');
  await expect(counts.filter({ hasText: 'Participants seen' })).toContainText('6');
  await expect(counts.filter({ hasText: 'Naloxone kits given' })).toContainText('Kits, counted apart from people and contacts.');
  await expect(page.getByRole('table', { name: 'Supplies given' }).getByRole('row', { name: /Naloxone \(nasal\)/ })).toBeVisible();
  await expect(page.locator('[data-measure="coc"]')).toContainText('Average over 6 participants with at least 2 contacts');
  // Categories in words, never the catalog's keys; the retention view says which 12 months it counts.
  const supplies = page.getByRole('table', { name: 'Supplies given' });
  await expect(supplies.getByRole('row', { name: /Naloxone \(nasal\)/ }).getByRole('cell').first()).toHaveText('Naloxone');
  await expect(supplies).not.toContainText(/naloxone\b(?! \()|test_strips|safer_use|wound_care/);
  await expect(page.locator('[data-measure="twoContacts90DaysApart"]')).toContainText(/Of the participants seen in the period: their contacts in the 12 months up to \w+ \d+, \d{4}\./);
  await expect(page.locator('[data-measure="twoContacts90DaysApart"] .cx-measure-value')).toHaveText(/^\d{1,3}(,\d{3})* of \d{1,3}(,\d{3})*$/);
  await page.locator('[data-measure="coc"]').getByRole('button', { name: 'Source' }).click();
  await expect(page.locator('[data-measure="coc"]')).toContainText('Bice TW, Boxerman SB');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  // The CSV names categories in words too, never the catalog's keys.
  const csv = await readFile(await file.path(), 'utf8');
  expect(csv).toContain('Naloxone');
  expect(csv).not.toMatch(/test_strips|safer_use|wound_care|ssp_exchange|drop_in/);
  expect(file.suggestedFilename()).toMatch(/^doorway-harbour-street-clinic-overview-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
  await expect(page.getByRole('status').filter({ hasText: /^Saved doorway-/ })).toBeVisible();
  await shot(page, 'continuity-06-overview');
});

test('the timeline by keyboard, and a longer absence threshold in Settings joins the episodes', async ({ page, preview, request }) => {
  await signInAsAdmin(page);
  const call = api(request, preview);
  await call('settings.update', { timeZone: 'America/Los_Angeles' });
  const year = scenarioYear();
  const jordan = await seedJordan(call, year);
  await call('contacts.record', { personId: jordan.id, occurredAt: noon(`${year}-08-03`, 21), setting: 'drop_in' });
  await page.goto(`${preview.origin}/#/people/${jordan.id}`);

  // One focusable chart; the arrow keys step through contacts and events and say what each is.
  const chart = page.getByRole('application', { name: 'Engagement timeline' });
  await chart.focus();
  await page.keyboard.press('Home');
  const live = page.getByTestId('engagement-timeline').locator('[aria-live="polite"][aria-atomic="true"]');
  await expect(live).toHaveText(new RegExp(`^January 12, ${year}, \\d+:\\d\\d [AP]M\\. Street outreach\\. With River Stone\\. Episode 1 of 2$`));
  await page.keyboard.press('End');
  await expect(live).toHaveText(new RegExp(`^August 3, ${year}, .*\\. Drop-in\\. With River Stone\\. Episode 2 of 2$`));
  await page.keyboard.press('ArrowLeft');
  await expect(live).toHaveText(`August 3, ${year}. Welcome back after 4 months away`);
  await page.keyboard.press('ArrowLeft');
  await expect(live).toHaveText(`4 months away. From March 28, ${year} to August 3, ${year} (128 days)`);
  await expect(page.getByTestId('timeline-details')).toContainText('4 months away');

  // Zoom to six months and pan back with the keyboard.
  await page.getByRole('radio', { name: '6 months' }).click();
  await expect(page.getByRole('button', { name: 'Later' })).toBeDisabled();
  await page.getByRole('button', { name: 'Earlier' }).click();
  await expect(page.getByRole('button', { name: 'Later' })).toBeEnabled();

  // An administrator sets time away to start after 150 days: the 128-day gap is no longer time away.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('textbox', { name: 'Time away starts after' }).fill('150');
  // The time zone list is searchable: a few letters of the city find it.
  const zone = page.getByRole('button', { name: /Clinic time zone/ });
  await expect(zone).toContainText('America / Los Angeles');
  await zone.click();
  await expect(page.getByRole('searchbox', { name: 'Search time zones' })).toBeFocused();
  await page.keyboard.type('lisbon');
  await expect(page.getByRole('option')).toHaveCount(1);
  await shot(page, 'continuity-07-time-zone-search');
  await page.getByRole('option', { name: 'Europe / Lisbon' }).click();
  await expect(zone).toContainText('Europe / Lisbon');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  await shot(page, 'continuity-08-settings');
  expect(await call('settings.get', {})).toMatchObject({ absenceThresholdDays: 150, timeZone: 'Europe/Lisbon' });

  await page.goto(`${preview.origin}/#/people/${jordan.id}`);
  await expect(page.getByTestId('engagement-timeline').getByText(/^10 contacts in one episode, /)).toBeVisible();
  await expect(page.getByTestId('timeline-welcome-back')).toHaveCount(0);
});

/**
 * Someone who has come by for years: 424 contacts, several some days, in stretches with time away
 * between, mostly drop-ins and syringe services. Laid down through the router.
 */
async function seedLongHistory(call: ReturnType<typeof api>) {
  const person = await call('people.create', { clientCode: 'LH-0424', preferredName: 'Robin', pronouns: 'they/them' });
  const settings = ['drop_in', 'ssp_exchange', 'ssp_exchange', 'street_outreach', 'clinic_visit', 'van'] as const;
  let back = 1_150;
  for (let i = 0; i < 424; i++) {
    // Mostly every few days, the same day now and then, and a long stretch away every ninety contacts.
    back -= i % 90 === 89 ? 75 : i % 5 === 4 ? 0 : (i % 3) + 1;
    const day = daysAgo(Math.max(back, 1));
    await call('contacts.record', { personId: person.id, occurredAt: noon(day, 10 + (i % 5)), setting: settings[(i * 7) % settings.length]! });
  }
  await call('entries.add', { personId: person.id, kind: 'goal', occurredOn: daysAgo(600), data: { text: 'Find a steady place to stay' } });
  await call('entries.add', { personId: person.id, kind: 'moment', occurredOn: daysAgo(300), data: { text: 'Brought a friend to the drop-in' } });
  return person;
}

test('a long history: the timeline first on the page, a calm axis, shared marks, details clear of the labels, and a range of dates by keyboard', async ({ page, preview, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAsAdmin(page);
  const call = api(request, preview);
  const robin = await seedLongHistory(call);
  await page.goto(`${preview.origin}/#/people/${robin.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /Robin/ })).toBeVisible();
  const timeline = page.getByTestId('engagement-timeline');
  await expect(timeline.getByText(/^424 contacts in /)).toBeVisible();

  // Right after the header, and the first of the section links.
  const links = page.getByRole('navigation', { name: 'On this page' }).getByRole('link');
  await expect(links.first()).toHaveText('Engagement timeline');
  const section = page.locator('section#timeline');
  const top = await section.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeLessThan(900);
  const goals = await page.locator('#goals').evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeLessThan(goals);
  await links.first().click();
  await expect(section.getByRole('heading', { level: 2, name: 'Engagement timeline' })).toBeFocused();

  // The axis names each month (or quarter, or year) once.
  const axisLabels = async () => (await timeline.locator('.tl-axis text').allTextContents()).filter((l) => l !== 'Today');
  for (const zoom of ['All time', '2 years', '6 months']) {
    await timeline.getByRole('radio', { name: zoom }).click();
    const labels = await axisLabels();
    expect(labels.length, zoom).toBeGreaterThan(1);
    for (let i = 1; i < labels.length; i++) expect(labels[i], `${zoom}: ${labels.join(' ')}`).not.toBe(labels[i - 1]);
    expect(new Set(labels.filter((l) => /^[A-Z][a-z]{2}$/.test(l))).size * 1, zoom).toBeLessThanOrEqual(12);
  }
  await timeline.getByRole('radio', { name: 'All time' }).click();
  // Same-day contacts share a mark with a count; no cross for syringe services, and a legend entry for it.
  await expect(timeline.locator('.tl-counts text').first()).toBeVisible();
  await expect(timeline.getByRole('group', { name: 'What the marks mean' })).toContainText('SSP exchange');

  // The details box never covers the lane names, wherever the pointer is.
  const svg = timeline.locator('.timeline-svg');
  const box = (await svg.boundingBox())!;
  const laneLabels = (await timeline.locator('.tl-row-labels').boundingBox())!;
  for (const fraction of [0.02, 0.5, 0.98]) {
    const first = (await timeline.locator('.tl-mark.tl-setting-drop_in').nth(1).boundingBox())!;
    const y = first.y + first.height / 2;
    // Move along the lane until a mark answers.
    for (let dx = 0; dx < 200; dx += 3) {
      const x = laneLabels.x + laneLabels.width + 14 + fraction * (box.width - laneLabels.width - 40) + (fraction > 0.5 ? -dx : dx);
      await page.mouse.move(x, y);
      if (await page.getByTestId('timeline-details').isVisible()) break;
    }
    const details = page.getByTestId('timeline-details');
    await expect(details).toBeVisible();
    const tip = (await details.boundingBox())!;
    expect(tip.x, `details at ${fraction}`).toBeGreaterThanOrEqual(laneLabels.x + laneLabels.width);
    expect(tip.x + tip.width).toBeLessThanOrEqual(box.x + box.width + 1);
    if (fraction !== 0.02) await partShot(section, `continuity-09-details-${fraction === 0.5 ? 'middle' : 'right-edge'}-1366`);
  }
  await page.mouse.move(0, 0);
  await shot(page, 'continuity-09-long-history-1366');

  // A range of dates by keyboard: the chart and the table both follow it.
  const from = timeline.getByRole('group', { name: 'From', exact: true });
  const to = timeline.getByRole('group', { name: 'To', exact: true });
  const typed = (d: string) => `${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(0, 4)}`;
  const focusedIn = (field: typeof from) => field.evaluate((el) => el.contains(document.activeElement));
  await from.getByRole('spinbutton').first().focus();
  await page.keyboard.type(typed(daysAgo(400)));
  // Tab moves through the date's parts, then on to the next field.
  for (let i = 0; i < 4 && !(await focusedIn(to)); i++) await page.keyboard.press('Tab');
  expect(await focusedIn(to)).toBe(true);
  await page.keyboard.type(typed(daysAgo(310)));
  await page.keyboard.press('Enter');
  const shownFrom = daysAgo(400);
  const shortDay = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
  await expect(timeline.locator('.timeline-range')).toHaveText(`Showing ${shortDay(shownFrom)} to ${shortDay(daysAgo(310))}`);
  await expect(timeline.getByRole('radio', { checked: true })).toHaveCount(0);
  const labels = await axisLabels();
  for (let i = 1; i < labels.length; i++) expect(labels[i]).not.toBe(labels[i - 1]);
  await timeline.getByRole('button', { name: 'Show as table' }).click();
  await expect(timeline.getByRole('table', { name: /^Contacts and events/ })).toHaveAccessibleName(new RegExp(`^Contacts and events from ${shortDay(shownFrom)} to ${shortDay(daysAgo(310))}`));
  await timeline.getByRole('button', { name: 'Show as table' }).click();
  await partShot(section, 'continuity-10-range-1366');

  // A backwards range is refused calmly, and the view stays.
  await from.getByRole('spinbutton').first().focus();
  await page.keyboard.type(typed(daysAgo(100)));
  await to.getByRole('spinbutton').first().focus();
  await page.keyboard.type(typed(daysAgo(200)));
  await timeline.getByRole('button', { name: 'Show these dates' }).click();
  await expect(timeline.getByText('Please choose a first date on or before the second.')).toBeVisible();
  await expect(from.getByRole('spinbutton').first()).toHaveAttribute('aria-invalid', 'true');
  await expect(timeline.locator('.timeline-range')).toHaveText(`Showing ${shortDay(shownFrom)} to ${shortDay(daysAgo(310))}`);

  // At 1024 wide.
  await timeline.getByRole('radio', { name: 'All time' }).click();
  await page.setViewportSize({ width: 1024, height: 768 });
  await section.scrollIntoViewIfNeeded();
  await shot(page, 'continuity-11-long-history-1024');
  await partShot(section, 'continuity-12-timeline-1024');
});
