import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { api, daysAgo, seedClinicWeek } from './continuity-data';
import { expect, test } from './fixtures';
import { expectAccessible, shot, signIn } from './helpers';

test.use({ vault: 'ready' });

/** Presses a control as a keyboard user would: focus it, then Enter. */
async function press(page: Page, name: string | RegExp, key = 'Enter'): Promise<void> {
  await page.getByRole('button', { name }).first().focus();
  await page.keyboard.press(key);
}

/** Presses Tab until `target` has focus: proves it is reachable in order by keyboard alone. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Not reached with ${max} presses of Tab`);
}

test('reports for funders: a period by keyboard, the figures apart, a setting, and the files as CSV and XLSX', async ({ page, preview, request }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  const call = api(request, preview);
  await seedClinicWeek(call);
  const fay = (await call('people.search', { query: 'FA-7781' }))[0]!;
  await call('entries.add', {
    personId: fay.id,
    kind: 'overdose_response',
    occurredOn: daysAgo(20),
    data: { whoOverdosed: 'someone_with_them', reportedBy: 'Fay', naloxoneDoses: 2, called911: 'yes', someoneStayed: 'yes', outcome: 'alive_stayed' },
  });
  await page.reload();

  // To the screen from the navigation, by keyboard.
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' });
  await link.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Reports for funders' })).toBeVisible();

  await press(page, 'Last 12 months');
  await expect(page.getByRole('button', { name: 'Last 12 months' })).toHaveAttribute('aria-pressed', 'true');
  const period = { from: daysAgo(364), to: daysAgo(0) };
  const overview = await call('overview.period', period);
  const card = (title: string) => page.locator('.cx-count-card').filter({ has: page.locator('dt', { hasText: new RegExp(`^${title}$`) }) }).locator('.cx-count-value');
  await expect(card('Participants seen')).toHaveText(String(overview.distinctPeople));
  await expect(card('Contacts')).toHaveText(String(overview.contacts));
  await expect(card('Naloxone kits given')).toHaveText(String(overview.naloxoneKits));
  await expect(card('New')).toHaveText(String(overview.newPeople));
  await expect(card('Returning')).toHaveText(String(overview.distinctPeople - overview.newPeople));
  await expect(page.getByRole('table', { name: 'Contacts by setting' }).getByRole('row', { name: /Street outreach/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Supplies by type' }).getByRole('row', { name: /Naloxone \(nasal\)/ })).toBeVisible();
  const outcomes = page.getByRole('table', { name: 'Outcome' });
  await expect(outcomes.getByRole('row', { name: /Alive, someone stayed with them/ })).toContainText('1');
  await expect(card('Responses reported')).toHaveText('1');
  await expect(card('Naloxone doses used')).toHaveText('2');
  await expectAccessible(page, 'reports');
  await shot(page, 'reports-01-all-settings');

  // One setting, reached with Tab from the period and chosen by typing its first letter on the closed select.
  await tabTo(page, page.getByRole('button', { name: /Setting/ }));
  await page.keyboard.press('v');
  await expect(page.getByRole('button', { name: /Setting/ })).toContainText('Van');
  const van = await call('reports.figures', { ...period, setting: 'van' });
  await expect(card('Contacts')).toHaveText(String(van.contacts));
  await expect(page.getByRole('table', { name: 'Contacts by setting' }).getByRole('row')).toHaveCount(2);
  // Typing ahead joins letters pressed within a second ("va" is still Van): a pause, as a person makes.
  await page.waitForTimeout(1_100);
  await page.getByRole('button', { name: /Setting/ }).focus();
  await page.keyboard.press('a');
  await expect(page.getByRole('button', { name: /Setting/ })).toContainText('All settings');
  await expect(card('Contacts')).toHaveText(String(overview.contacts));

  // The SSP indicators as CSV: its source named, the visits counted as on screen.
  const ssp = page.locator('.rp-download').filter({ hasText: 'Syringe services program indicators' });
  let download = page.waitForEvent('download');
  await tabTo(page, ssp.getByRole('button', { name: 'Download CSV' }), 60);
  await page.keyboard.press('Enter');
  let file = await download;
  expect(file.suggestedFilename()).toMatch(/^doorway-harbour-street-clinic-ssp-indicators-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
  const rows = Papa.parse<string[]>((await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  expect(rows.find((r) => r[0] === 'Source')?.[1]).toContain('https://sharpta.uw.edu/');
  expect(rows.find((r) => r[0] === '06')?.[2]).toBe(String(overview.contacts));
  await expect(page.getByRole('status').filter({ hasText: /^Saved doorway-.*ssp-indicators/ })).toBeVisible();

  // The line list as XLSX: one row per contact, client codes, no names.
  const lineList = page.locator('.rp-download').filter({ hasText: 'Line list of contacts' });
  download = page.waitForEvent('download');
  await lineList.getByRole('button', { name: 'Download XLSX' }).focus();
  await page.keyboard.press('Enter');
  file = await download;
  expect(file.suggestedFilename()).toMatch(/line-list-.*\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await file.path())) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Contacts')!;
  expect(sheet.rowCount).toBe(overview.contacts + 1);
  expect(sheet.getRow(1).values).toEqual([undefined, 'Client code', 'Date', 'Setting', 'Services', 'Supplies']);
  const codes = new Set(sheet.getColumn(1).values.slice(2).map(String));
  expect([...codes].every((c) => /^[A-Z]{2}-\d{4}$/.test(c))).toBe(true);
  const everything = JSON.stringify(sheet.getSheetValues());
  expect(everything).not.toMatch(/Fay|Eli|Ash|warm place/);
  await shot(page, 'reports-02-downloaded');
});

test('the front desk sees the counts, and is told calmly that overdose responses and downloads are for clinical roles', async ({ page, preview, request }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  const call = api(request, preview);
  await seedClinicWeek(call);
  const made = await call('users.create', { username: 'jo', displayName: 'Jo Park', role: 'front_desk' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'jo', made.temporaryPassword);
  await page.getByLabel('Current password').fill(made.temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill('front door morning shift 4');
  await page.getByLabel('Confirm new password').fill('front door morning shift 4');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Jo Park$/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports for funders' })).toBeVisible();
  await expect(page.locator('.cx-count-card').first()).toBeVisible();
  await expect(page.getByText('Overdose responses and the downloads are prepared by clinicians and administrators')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Overdose responses reported' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Download/ })).toHaveCount(0);
  await expectAccessible(page, 'reports (front desk)');
  await shot(page, 'reports-03-front-desk');
});
