import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { initHub } from '../../electron/core/hub/init';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { dropPgDatabases, freshPgDatabase, PG_URL } from '../support/pg-server';
import { startThrowawayPg } from '../support/pg-throwaway';
import { ADMIN, TEST_KDF } from '../support/vault';
import { expect, startPreview, test, type Preview } from './fixtures';
import { expectAccessible, rpc, shot, signIn } from './helpers';

/**
 * Two workstations on one clinic hub: two previews, each a whole core of its own (router, sign-in,
 * session) on the same PostgreSQL, each in its own browser. What one records, the other shows.
 */
test.skip(!PG_URL, 'needs a PostgreSQL: start one with scripts/pg-test-server.sh start DIR and set DOORWAY_TEST_PG_URL (CI does)');

const stations: Array<{ stop(): Promise<void> }> = [];
const windows: BrowserContext[] = [];
const dirs: string[] = [];
test.afterEach(async () => {
  // Closed before their previews stop: a window left open keeps knocking on a server that is gone, for the rest of the run.
  for (const w of windows.splice(0)) await w.close();
  for (const s of stations.splice(0)) await s.stop();
  await dropPgDatabases();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function workstation(hubUrl: string): Promise<Preview> {
  const dir = await mkdtemp(join(tmpdir(), 'doorway-e2e-hub-'));
  dirs.push(dir);
  const running = await startPreview(dir, join(dir, 'data'), hubUrl);
  stations.push(running);
  return running.preview;
}

/** A browser window of its own (one workstation's screen), closed after the test. */
async function newWindow(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  windows.push(context);
  return context.newPage();
}

async function open(page: Page, preview: Preview): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(preview.url);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  expect(problems).toEqual([]);
}

test('a contact recorded at one workstation appears on the other one’s person page and home screen', async ({ browser }) => {
  test.setTimeout(120_000);
  const hub = await freshPgDatabase();
  await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic', timeZone: 'America/Los_Angeles' }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
  const [front, room] = [await workstation(hub.url), await workstation(hub.url)];
  const frontPage = await newWindow(browser);
  const roomPage = await newWindow(browser);
  await open(frontPage, front);
  await open(roomPage, room);

  // The front desk adds Kit; the exam room finds Kit at once and records a contact.
  const kit = await rpc<{ id: number }>(frontPage, front, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor', preferredName: 'Kit' });
  await frontPage.goto(`${front.origin}/#/people/${kit.id}`);
  await expect(frontPage.getByRole('heading', { level: 1, name: /Kit/ })).toBeVisible();
  await expect(frontPage.getByText('No contact yet')).toBeVisible();

  await roomPage.goto(`${room.origin}/#/people/${kit.id}/contact`);
  await expect(roomPage.getByRole('heading', { level: 1, name: 'Record a contact with Kit' })).toBeVisible();
  await roomPage.getByRole('button', { name: /Setting/ }).click();
  await roomPage.getByRole('option', { name: 'Clinic visit' }).click();
  await roomPage.getByLabel('What mattered to them today').fill('Wanted a warm coat before the cold snap.');
  await roomPage.getByRole('button', { name: 'Save contact' }).click();
  await expect(roomPage.getByRole('heading', { level: 1, name: /Kit/ })).toBeVisible();
  await expect(roomPage.getByTestId('contact-item')).toHaveCount(1);

  // The front desk's window shows it when it next looks: the person page, then home.
  await frontPage.goto(`${front.origin}/#/people`);
  await frontPage.goto(`${front.origin}/#/people/${kit.id}`);
  const contact = frontPage.getByTestId('contact-item');
  await expect(contact).toHaveCount(1);
  await expect(contact).toContainText('Clinic visit');
  await expect(contact).toContainText('Wanted a warm coat before the cold snap.');
  await frontPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
  await expect(frontPage.getByTestId('todays-contacts').getByRole('link', { name: 'Kit' })).toBeVisible();
  await expectAccessible(frontPage, 'home on a hub workstation');
  await shot(frontPage, 'hub-01-home-other-workstation');
});

test('a workstation that cannot reach the hub says so calmly, keeps what is typed, reconnects by itself and saves', async ({ browser }) => {
  test.setTimeout(180_000);
  // A server of this test's own: the shared one must never be stopped.
  const server = await startThrowawayPg();
  try {
    const hub = await server.database('doorway_hub');
    await initHub(hub.data, { settings: { ...DEFAULT_SETTINGS, clinicName: 'Harbour Street Clinic', timeZone: 'America/Los_Angeles' }, admin: { ...ADMIN }, now: new Date().toISOString() }, { kdfCost: TEST_KDF });
    await hub.close();
    const station = await workstation(hub.url);
    const page = await newWindow(browser);
    await open(page, station);
    const kit = await rpc<{ id: number }>(page, station, 'people.create', { clientCode: 'KT0412', name: 'Kit Taylor', preferredName: 'Kit' });

    const banner = page.getByTestId('hub-banner');
    const words = banner.getByRole('status');
    await page.goto(`${station.origin}/#/people/${kit.id}/contact`);
    await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Kit' })).toBeVisible();
    await expect(words).toHaveText('');
    await page.getByRole('button', { name: /Setting/ }).click();
    await page.getByRole('option', { name: 'Drop-in' }).click();
    const mattered = page.getByLabel('What mattered to them today');
    const note = page.getByLabel('Note', { exact: true });
    await mattered.fill('Wanted to talk about housing.');
    await note.fill('Asked about the Tuesday housing clinic; said to come by after 3.');

    // The hub goes away; Save can't reach it. Everything typed stays, and the banner says what happened.
    await server.crash();
    await page.getByRole('button', { name: 'Save contact' }).click();
    await expect(words).toContainText("The clinic's hub can't be reached just now.");
    await expect(words).toContainText('What you type here stays on this screen, and Doorway reconnects by itself.');
    await expect(words).toContainText(/What you see was last brought up to date at \d{1,2}:\d{2}\s?[AP]M\./);
    await expect(page.getByRole('alert')).toContainText("wasn't saved");
    await expect(mattered).toHaveValue('Wanted to talk about housing.');
    await expect(note).toHaveValue('Asked about the Tuesday housing clinic; said to come by after 3.');
    await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Kit' })).toBeVisible();
    // Try now checks at once; the hub is still away, so the banner stays as it is.
    await banner.getByRole('button', { name: 'Try now' }).click();
    await expect(banner.getByRole('button', { name: 'Try now' })).toBeVisible();
    await expect(words).toContainText("The clinic's hub can't be reached just now.");
    await expect(note).toHaveValue('Asked about the Tuesday housing clinic; said to come by after 3.');
    await expect(page.getByTestId('draft-kept')).toHaveText("What you typed stays on this screen while the clinic's hub is out of reach, and is kept as unsaved work once it's back.");
    await expectAccessible(page, 'the contact form while the hub is out of reach');
    // A full-page picture draws the sticky banner where the window was scrolled: from the top it sits where staff see it.
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'hub-02-away-contact-form');

    // The hub comes back: Doorway notices by itself, and Save works with what was typed.
    await server.resume();
    await expect(words).toContainText("Connected to the clinic's hub again.", { timeout: 30_000 });
    await expect(words).toContainText('Everything on screen is up to date.');
    await expect(note).toHaveValue('Asked about the Tuesday housing clinic; said to come by after 3.');
    // What waited is kept as unsaved work now that the hub is back.
    await expect(page.getByTestId('draft-kept')).toContainText('Kept for you as unsaved work at');
    await expect(page.getByText("Connected to the clinic's hub again. What you typed is still here: press Save when you're ready.")).toBeVisible();
    await expect(page.getByText("wasn't saved")).toHaveCount(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, 'hub-03-back-contact-form');
    await page.getByRole('button', { name: 'Save contact' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Kit/ })).toBeVisible();
    const contact = page.getByTestId('contact-item');
    await expect(contact).toHaveCount(1);
    await expect(contact).toContainText('Wanted to talk about housing.');

    // Away again while on home: home says when it was last brought up to date.
    await server.crash();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    await expect(words).toContainText("The clinic's hub can't be reached just now.");
    // What home could not ask for is said as such, not as a save that failed.
    await expect(page.getByText("This can't be shown while the clinic's hub is out of reach.").first()).toBeVisible();
    await expect(page.getByText("wasn't saved")).toHaveCount(0);
    await expectAccessible(page, 'home while the hub is out of reach');
    await shot(page, 'hub-04-away-home');
    await server.resume();
    await expect(words).toContainText('Everything on screen is up to date.', { timeout: 30_000 });
    await expect(page.getByTestId('todays-contacts').getByRole('link', { name: 'Kit' })).toBeVisible();
    await shot(page, 'hub-05-back-home');
    // The note goes away by itself.
    await expect(words).toHaveText('', { timeout: 15_000 });

    // Locked while the hub is away: the lock screen says so, and signing in is the check (the password stays).
    await server.crash();
    await page.getByRole('button', { name: /^Lock/ }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(words).toContainText("The clinic's hub can't be reached just now.");
    await expect(words).toContainText("Signing in works again as soon as it's back");
    await expect(page.getByLabel('Password', { exact: true })).toHaveValue(ADMIN.password);
    await expectAccessible(page, 'the lock screen while the hub is out of reach');
    await shot(page, 'hub-06-away-lock-screen');
    await server.resume();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
    await expect(words).toContainText("Connected to the clinic's hub again.");
  } finally {
    await server.stop();
  }
});
