import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { api, daysAgo, noon, seedClinicWeek } from './continuity-data';
import { expect, test } from './fixtures';
import { expectAccessible, signIn } from './helpers';
import { APP_CHROME, printToPdf } from './printing';

test.use({ vault: 'ready' });

const CLINIC = 'Harbour Street Clinic';
const GOAL = 'keep my room at the shelter til spring';
const NOTE = 'Dressing changed on the left forearm';
const longDay = (d: Date) => new Intl.DateTimeFormat('en-US', { dateStyle: 'long' }).format(d);
const frameFor = (footerLeft: string) => ({ headerLeft: CLINIC, headerRight: longDay(new Date()), footerLeft, pageWords: 'Page {page} of {pages}' });

/** What the window shows (the top of the screen), for people to look at in test-results/screenshots. */
async function viewShot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
}

/** Alma: a year of contacts, two or three a month, with supplies, a goal, a referral and clinical notes. */
async function seedAlma(call: ReturnType<typeof api>) {
  const catalog = await call('catalog.list', {});
  const id = (label: string) => catalog.find((c) => c.label === label)!.id;
  const person = await call('people.create', { clientCode: 'AB-1234', name: 'Alma Baptiste', preferredName: 'Ally', pronouns: 'she/her' });
  for (let i = 0; i <= 27; i++) {
    const back = 334 - 12 * i;
    await call('contacts.record', {
      personId: person.id,
      occurredAt: noon(daysAgo(back), 18),
      setting: i % 3 === 0 ? 'van' : 'drop_in',
      services: i % 4 === 0 ? [id('Wound care')] : [],
      supplies: [{ itemId: id('Syringes'), quantity: 10 }, ...(i % 5 === 0 ? [{ itemId: id('Naloxone (nasal)'), quantity: 2 }] : [])],
      whatMattered: i === 27 ? 'Wanted warm socks before the cold' : i % 6 === 0 ? 'Talked about her sister in Fresno' : '',
      note: i === 27 ? NOTE : '',
    });
  }
  await call('entries.add', { personId: person.id, kind: 'goal', occurredOn: daysAgo(200), data: { text: GOAL } });
  await call('entries.add', { personId: person.id, kind: 'referral', occurredOn: daysAgo(90), data: { toWhat: 'Dental clinic on 5th Street', status: 'made' } });
  return person;
}

test('a person page: print or save a summary for them (keyboard, notes only when chosen), the PDF checked page by page, and the whole record as a zip', async ({ page, preview, request }) => {
  const call = api(request, preview);
  await signInAsAdmin(page);
  const alma = await seedAlma(call);
  await page.goto(`${preview.origin}/#/people/${alma.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ally' })).toBeVisible();
  const actions = page.getByRole('region', { name: 'Their own record' });
  await expect(actions.getByRole('link', { name: 'Print or save for them' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Export everything (zip)' })).toBeVisible();
  await viewShot(page, 'record-person-actions');
  await expectAccessible(page, 'a person page with Print or save and Export');

  // The whole record, downloaded as a zip the person can open anywhere.
  const [download] = await Promise.all([page.waitForEvent('download'), actions.getByRole('button', { name: 'Export everything (zip)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^doorway-record-AB-1234-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await JSZip.loadAsync(await readFile((await download.path())!));
  expect(Object.keys(zip.files)).toContain('README.txt');
  expect(await zip.file('README.txt')!.async('string')).toMatch(/^Your record at Harbour Street Clinic/);
  expect(await zip.file('contacts.csv')!.async('string')).toContain(NOTE);
  await expect(actions.getByRole('status')).toContainText('Saved doorway-record-AB-1234');

  // Keyboard only: to the summary, and the notes box.
  await actions.getByRole('link', { name: 'Print or save for them' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Print or save a summary for Ally' })).toBeVisible();
  const paper = page.getByRole('region', { name: 'How it will look on paper' });
  await expect(paper.getByRole('heading', { name: 'A summary for Ally' })).toBeVisible();
  await expect(paper.getByText(GOAL)).toBeVisible();
  await expect(paper.getByText('Dental clinic on 5th Street')).toBeVisible();
  await expect(paper.getByText(NOTE)).toHaveCount(0);
  await expectAccessible(page, 'the summary for the person');
  await viewShot(page, 'record-summary-screen');

  const notes = page.getByRole('checkbox', { name: /Include clinical notes/ });
  await notes.focus();
  await page.keyboard.press('Space');
  await expect(paper.getByText(NOTE)).toBeVisible();
  await expect(paper.getByText('Clinical notes are included, as you asked.')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(paper.getByText(NOTE)).toHaveCount(0);
  // The preview has no Save as PDF (that is the desktop app's); Print is there.
  await expect(page.getByRole('button', { name: 'Print' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Save as PDF' })).toHaveCount(0);

  // On paper: the summary alone, framed with the clinic, the day and page numbers.
  const printed = await printToPdf(page, 'summary', frameFor('A summary for Ally'));
  expect(printed.pages).toBeGreaterThanOrEqual(2);
  expect(printed.text).toContain('A summary for Ally');
  expect(printed.text).toContain(GOAL);
  expect(printed.text).toContain(CLINIC);
  for (let n = 1; n <= printed.pages; n++) expect(printed.text).toContain(`Page ${n} of ${printed.pages}`);
  for (const chrome of APP_CHROME) expect(printed.text, chrome).not.toContain(chrome);
  expect(printed.text).not.toContain(NOTE);
  expect(printed.pngs).toHaveLength(printed.pages);

  // Each printing is in the audit trail, with whether notes were in it.
  const log = await call('audit.list', { action: 'person.summary' });
  expect(JSON.stringify(log)).toContain('clinicalNotesIncluded');
});

test("door's open outreach list, the clinic overview and a timeline, printed: only what outreach needs, nobody who asked not to be contacted", async ({ page, preview, request }) => {
  const call = api(request, preview);
  await signInAsAdmin(page);
  await seedClinicWeek(call);
  const alma = await seedAlma(call);

  await page.goto(`${preview.origin}/#/doors`);
  await page.getByRole('link', { name: 'Print the outreach list' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "Outreach list: door's open" })).toBeVisible();
  const sheet = page.getByRole('region', { name: 'How it will look on paper' });
  await expect(sheet.getByText('Ash')).toBeVisible();
  await expect(sheet.getByText('Phone 555-0102')).toBeVisible();
  await expect(sheet.getByText('Bee')).toHaveCount(0);
  await expect(sheet.getByText('One person asked not to be contacted; they are not on this list.')).toBeVisible();
  await expectAccessible(page, 'the outreach list');
  await viewShot(page, 'record-doors-print-screen');
  const doors = await printToPdf(page, 'outreach-list', frameFor('Outreach list'));
  expect(doors.pages).toBeGreaterThanOrEqual(1);
  expect(doors.text).toContain('Page 1 of');
  expect(doors.text).toContain('Ash');
  expect(doors.text).not.toContain('Bee');
  expect(doors.text).not.toContain('BK-2210');
  for (const chrome of APP_CHROME) expect(doors.text, chrome).not.toContain(chrome);

  await page.goto(`${preview.origin}/#/overview`);
  await expect(page.getByRole('heading', { level: 1, name: 'Clinic overview' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(page.locator('.cx-overview-results')).toBeVisible();
  const overview = await printToPdf(page, 'overview', frameFor('Clinic overview'));
  expect(overview.text).toContain('Clinic overview');
  expect(overview.text).toContain('Page 1 of');
  for (const chrome of APP_CHROME) expect(overview.text, chrome).not.toContain(chrome);
  for (const control of ['Export CSV', 'This month']) expect(overview.text, control).not.toContain(control);

  await page.goto(`${preview.origin}/#/timeline/${alma.id}`);
  await expect(page.getByRole('heading', { level: 1, name: /Engagement timeline for Ally/ })).toBeVisible();
  await expect(page.locator('.timeline-svg').first()).toBeVisible();
  const timeline = await printToPdf(page, 'timeline', frameFor('Engagement timeline for Ally'));
  expect(timeline.text).toContain('Page 1 of');
  for (const chrome of APP_CHROME) expect(timeline.text, chrome).not.toContain(chrome);
});

test("the browser's own print frames the page with CSS margin boxes (Chromium), and only while printing", async ({ page, preview, request }) => {
  const call = api(request, preview);
  await signInAsAdmin(page);
  const alma = await seedAlma(call);
  await page.goto(`${preview.origin}/#/print/person/${alma.id}`);
  await expect(page.getByRole('heading', { name: 'A summary for Ally', exact: true })).toBeVisible();
  // What Ctrl+P or the Print button does: Chromium fires beforeprint, which adds the frame as margin boxes; no templates here.
  const printed = await printToPdf(page, 'summary-browser-print', null);
  expect(printed.text).toContain(CLINIC);
  expect(printed.text).toContain(`Page 1 of ${printed.pages}`);
  expect(printed.text).toContain('A summary for Ally');
  // Taken away after printing (afterprint), so the screen and a later PDF with templates are not affected.
  expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
});

test('the front desk prints a summary without goals or clinical notes, and has no export', async ({ page, preview, request }) => {
  const call = api(request, preview);
  await signInAsAdmin(page);
  const alma = await seedAlma(call);
  const made = await call('users.create', { username: 'casey', displayName: 'Casey Front', role: 'front_desk' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'casey', made.temporaryPassword);
  const own = 'front door morning shift 4';
  await page.getByLabel('Current password').fill(made.temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(own);
  await page.getByLabel('Confirm new password').fill(own);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Casey Front$/ })).toBeVisible();

  await page.goto(`${preview.origin}/#/people/${alma.id}`);
  const actions = page.getByRole('region', { name: 'Their own record' });
  await expect(actions.getByRole('link', { name: 'Print or save for them' })).toBeVisible();
  await expect(actions.getByRole('button', { name: 'Export everything (zip)' })).toHaveCount(0);
  await actions.getByRole('link', { name: 'Print or save for them' }).click();
  const paper = page.getByRole('region', { name: 'How it will look on paper' });
  await expect(paper.getByText('Dental clinic on 5th Street')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: /Include clinical notes/ })).toHaveCount(0);
  await expect(paper.getByRole('heading', { name: 'Your goals, in your words' })).toHaveCount(0);
  await expect(paper.getByText(GOAL)).toHaveCount(0);
  await expect(paper.getByText(NOTE)).toHaveCount(0);
  await expectAccessible(page, 'the summary, front desk');
});
