import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { api, daysAgo, noon, seedClinicWeek } from './continuity-data';
import { expect, test } from './fixtures';
import { completeFirstRun, expectAccessible, shot, signIn } from './helpers';

/**
 * Every screen at the three widths a clinic's screens have (a small laptop, the common 1366, a
 * desktop monitor), shot for people to look at, and checked for the one thing a picture can miss:
 * nothing runs off the side. Screenshots land in test-results/screenshots/screens-<width>-<name>.png.
 */
const WIDTHS = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Nothing is wider than the window, so nothing needs a sideways scroll or is cut off at the edge. */
async function expectNoSidewaysOverflow(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

/** Text cut short with an ellipsis or hidden by overflow, in the elements `selector` finds. */
async function clippedText(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > document.documentElement.clientWidth).map((el) => (el as HTMLElement).innerText.trim()),
  );
}

test.describe('every screen at 1024, 1366 and 1920 wide', () => {
  test.use({ vault: 'ready' });

  test('signed in: home, people, a person, forms, door\'s open, overview, settings, staff, audit, backups', async ({ page, preview, request }) => {
    test.setTimeout(240_000);
    await page.setViewportSize(WIDTHS[0]);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
    const call = api(request, preview);
    await call('settings.update', { timeZone: 'America/Los_Angeles' });
    await seedClinicWeek(call);
    // A long name, pronouns and a long client code: what a table at 1024 px must still show whole.
    const long = await call('people.create', {
      clientCode: 'MX-20231107-B',
      preferredName: 'Maximiliana',
      name: 'Maximiliana Esperanza Castellanos-Whitfield',
      pronouns: 'she/they',
      contactPrefs: { okToText: true, phone: '555-0123', safeTimes: 'Weekday mornings' },
    });
    for (const back of [200, 120, 64, 40, 12]) await call('contacts.record', { personId: long.id, occurredAt: noon(daysAgo(back)), setting: back % 3 ? 'ssp_exchange' : 'drop_in', whatMattered: 'Dry socks and a quiet corner' });
    await call('entries.add', { personId: long.id, kind: 'goal', occurredOn: daysAgo(40), data: { text: 'Keep my place at the shelter through the winter' } });
    const backups = await mkdtemp(join(tmpdir(), 'doorway-e2e-screens-'));
    await call('backup.updateSettings', { destination: backups, enabled: true });
    await call('backup.create', {});
    await page.reload();

    const screens: { name: string; hash: string; heading: RegExp | string }[] = [
      { name: 'home', hash: '#/', heading: new RegExp(`${ADMIN.displayName}$`) },
      { name: 'people', hash: '#/people', heading: 'Participants' },
      { name: 'person', hash: `#/people/${long.id}`, heading: 'Maximiliana' },
      { name: 'contact-form', hash: `#/people/${long.id}/contact`, heading: 'Record a contact with Maximiliana' },
      { name: 'person-edit', hash: `#/people/${long.id}/edit`, heading: /Maximiliana/ },
      { name: 'doors-open', hash: '#/doors', heading: "Door's open" },
      { name: 'timeline', hash: `#/timeline/${long.id}`, heading: /Maximiliana/ },
      { name: 'overview', hash: '#/overview', heading: /overview/i },
      { name: 'settings', hash: '#/settings', heading: 'Settings' },
      { name: 'staff', hash: '#/staff', heading: 'Staff accounts' },
      { name: 'audit', hash: '#/audit', heading: 'Audit trail' },
      { name: 'backups', hash: '#/backups', heading: 'Backups' },
    ];

    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const s of screens) {
        await page.evaluate((hash) => (window.location.hash = hash), s.hash);
        await expect(page.getByRole('heading', { level: 1, name: s.heading })).toBeVisible();
        await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
        await expectNoSidewaysOverflow(page);
        // The header's name, clinic and buttons stay whole at every width.
        expect(await clippedText(page, '.shell-header *:not(.visually-hidden)')).toEqual([]);
        if (s.name === 'people') {
          await expect(page.getByRole('row').filter({ hasText: 'Maximiliana' })).toBeVisible();
          expect(await clippedText(page, '.people-head .people-cell, .people-body .people-cell')).toEqual([]);
        }
        if (s.name === 'person') await expect(page.getByTestId('engagement-timeline')).toBeVisible();
        if (s.name === 'backups') await expect(page.getByRole('table')).toBeVisible();
        await shot(page, `screens-${size.width}-${s.name}`);
        // Once per screen (the rules do not depend on the width).
        if (size === WIDTHS[1]) await expectAccessible(page, s.name);
      }

      // An entry form, open on the person page.
      await page.evaluate((hash) => (window.location.hash = hash), `#/people/${long.id}`);
      await page.getByRole('button', { name: 'Add a goal' }).click();
      await expect(page.getByLabel('Their goal, in their words')).toBeVisible();
      await expectNoSidewaysOverflow(page);
      await shot(page, `screens-${size.width}-entry-form`);
      if (size === WIDTHS[1]) await expectAccessible(page, 'entry form');
      await page.getByRole('button', { name: 'Cancel' }).click();
    }

    // Search (Ctrl+K), open over the page.
    await page.setViewportSize(WIDTHS[1]);
    await page.keyboard.press('Control+K');
    const search = page.getByRole('dialog');
    await expect(search).toBeVisible();
    await page.keyboard.type('MX-2023');
    await expect(search.getByRole('option').first()).toBeVisible();
    await expectAccessible(page, 'search');
    await shot(page, 'screens-1366-search');
    // Escape empties the search first, then closes it.
    await page.keyboard.press('Escape');
    await expect(search.getByRole('searchbox')).toHaveValue('');
    await page.keyboard.press('Escape');
    await expect(search).toHaveCount(0);

    // Signed out: the sign-in screen.
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      if (size === WIDTHS[0]) {
        await page.getByRole('button', { name: 'Switch user' }).click();
      }
      await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Doorway' })).toBeVisible();
      await expectNoSidewaysOverflow(page);
      await shot(page, `screens-${size.width}-sign-in`);
      if (size === WIDTHS[1]) await expectAccessible(page, 'sign-in');
    }

    // The recovery form, from "Forgot password?".
    await page.getByRole('button', { name: 'Forgot password?' }).click();
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await expect(page.getByLabel('Recovery code')).toBeVisible();
      await expectNoSidewaysOverflow(page);
      await shot(page, `screens-${size.width}-recovery`);
      if (size === WIDTHS[1]) await expectAccessible(page, 'recovery');
    }
    await rm(backups, { recursive: true, force: true });
  });
});

test('first run at 1024, 1366 and 1920 wide', async ({ page }) => {
  test.setTimeout(90_000);
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await expect(page.getByRole('heading', { name: 'Set up Doorway' })).toBeVisible();
    await expectNoSidewaysOverflow(page);
    await shot(page, `screens-${size.width}-first-run`);
    if (size === WIDTHS[1]) await expectAccessible(page, 'first run');
  }
  await page.setViewportSize(WIDTHS[0]);
  // Each step after the first checked for accessibility too (the first is checked above).
  await completeFirstRun(page, undefined, false, true);
  await expectNoSidewaysOverflow(page);
});
