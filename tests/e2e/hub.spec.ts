import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { initHub } from '../../electron/core/hub/init';
import { DEFAULT_SETTINGS } from '../../electron/core/settings/settings';
import { dropPgDatabases, freshPgDatabase, PG_URL } from '../support/pg-server';
import { ADMIN, TEST_KDF } from '../support/vault';
import { expect, startPreview, test, type Preview } from './fixtures';
import { expectAccessible, rpc, shot, signIn } from './helpers';

/**
 * Two workstations on one clinic hub: two previews, each a whole core of its own (router, sign-in,
 * session) on the same PostgreSQL, each in its own browser. What one records, the other shows.
 */
test.skip(!PG_URL, 'needs a PostgreSQL: start one with scripts/pg-test-server.sh start DIR and set DOORWAY_TEST_PG_URL (CI does)');

const stations: Array<{ stop(): Promise<void> }> = [];
const dirs: string[] = [];
test.afterEach(async () => {
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
  const frontPage = await (await browser.newContext()).newPage();
  const roomPage = await (await browser.newContext()).newPage();
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
