import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { api, daysAgo, noon, seedClinicWeek } from './continuity-data';
import { expect, test } from './fixtures';
import { expectAccessible, shot } from './helpers';

/*
 * The interface in other languages. The pseudo-locale run shows any words that do not come from the
 * string files (they stay plain English among the ⟦áççéñţéď⟧ ones) and, since every string is about a
 * third longer, where a translation would be cut off. The Spanish run goes through the main journey.
 */

/** Every string value in an API answer: data the clinic typed, which stays as typed in any language. */
function stringsIn(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string' && value.trim().length > 1) out.add(value.trim());
  else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, out));
  return out;
}

/**
 * Visible text (text nodes, and placeholders and accessible names given as attributes) that still
 * has English words once the clinic's data, numbers, dates and the product name are taken out.
 */
async function untranslated(page: Page, data: readonly string[]): Promise<string[]> {
  return page.evaluate((known) => {
    const sorted = [...known].sort((a, b) => b.length - a.length);
    const dateWords = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b(AM|PM)\b|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b/g;
    const leftover = (text: string) => {
      let rest = text;
      for (const k of sorted) rest = rest.split(k).join(' ');
      rest = rest.replace(/Doorway/g, ' ').replace(dateWords, ' ').replace(/UTC|GMT|[A-Z][a-z]+\/[A-Z][A-Za-z_]+/g, ' ');
      return /[A-Za-z]{2,}/.test(rest) ? text : null;
    };
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const el = node.parentElement;
      if (!text || !el || text.includes('⟦') || text.includes('⟧')) continue;
      if (el.closest('script, style, [hidden], .visually-hidden') && !el.closest('.visually-hidden')) continue;
      if (!el.checkVisibility() && !el.closest('.visually-hidden')) continue;
      const bad = leftover(text);
      if (bad) found.add(bad);
    }
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [aria-label], [title]')) {
      if (!el.checkVisibility()) continue;
      for (const attr of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(attr)?.trim();
        if (v && !v.includes('⟦')) {
          const bad = leftover(v);
          if (bad) found.add(`[${attr}] ${bad}`);
        }
      }
    }
    return [...found];
  }, data);
}

/** Text cut short with an ellipsis or by overflow: what a longer translation would lose. */
async function clipped(page: Page): Promise<string[]> {
  return page.locator('button, a, label, th, h1, h2, h3, .field-label, .radio-title, .shell-header *:not(.visually-hidden)').evaluateAll((els) =>
    els
      .filter((el) => (el as HTMLElement).checkVisibility() && (el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
      .map((el) => (el as HTMLElement).innerText.trim())
      .filter(Boolean),
  );
}

async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Screens ask for their data as they open; the hub banner polls, so the network never goes quiet.
  await expect(page.locator('[role=status]', { hasText: /Ĺóáďíñĝ|Loading/ })).toHaveCount(0);
  await page.waitForTimeout(500);
}

test.describe('pseudo-locale', () => {
  test.use({ vault: 'ready' });

  test('every word on the main screens comes from the string files, and nothing is cut off', async ({ page, preview, request }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const call = api(request, preview);
    // As a developer turns it on: ?lang=pseudo in the address (remembered for the run).
    await page.goto(`${preview.origin}/?lang=pseudo#secret=${preview.secret}`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('⟦');

    const problems: Record<string, { untranslated: string[]; clipped: string[] }> = {};
    const check = async (name: string, data: readonly string[]) => {
      await settle(page);
      await shot(page, `pseudo-${name}`);
      const u = await untranslated(page, data);
      const c = await clipped(page);
      if (u.length || c.length) problems[name] = { untranslated: u, clipped: c };
    };

    await check('sign-in', []);
    await page.locator('input[name="username"]').fill(ADMIN.username);
    await page.locator('input[name="password"]').fill(ADMIN.password);
    await page.locator('button[type="submit"]').click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(ADMIN.displayName) })).toBeVisible();

    await call('settings.update', { timeZone: 'America/Los_Angeles' });
    await seedClinicWeek(call);
    const person = await call('people.create', { clientCode: 'MX-2023', preferredName: 'Maxi', name: 'Maximiliana Castellanos', pronouns: 'she/they' });
    for (const back of [120, 40, 12]) await call('contacts.record', { personId: person.id, occurredAt: noon(daysAgo(back)), setting: 'drop_in', whatMattered: 'Dry socks' });
    await call('entries.add', { personId: person.id, kind: 'goal', occurredOn: daysAgo(40), data: { text: 'Keep my place at the shelter' } });
    const backups = await mkdtemp(join(tmpdir(), 'doorway-e2e-pseudo-'));
    await call('backup.updateSettings', { destination: backups, enabled: true });
    await call('backup.create', {});

    // The clinic's own data stays as typed: names, codes, notes, the catalog, the clinic's name.
    const data = new Set<string>([ADMIN.displayName, ADMIN.username, 'Harbour Street Clinic', backups]);
    for (const p of (await call('people.list', {})).items) stringsIn(await call('people.get', { id: p.id }), data);
    stringsIn(await call('catalog.list', {}), data);
    stringsIn(await call('staff.list', {}), data);
    await page.reload();

    const screens = [
      ['home', '#/'],
      ['people', '#/people'],
      ['person', `#/people/${person.id}`],
      ['contact-form', `#/people/${person.id}/contact`],
      ['timeline', `#/timeline/${person.id}`],
      ['doors-open', '#/doors'],
      ['backups', '#/backups'],
      ['settings', '#/settings'],
      ['staff', '#/staff'],
    ] as const;
    for (const [name, hash] of screens) {
      await page.evaluate((h) => (window.location.hash = h), hash);
      await check(name, [...data]);
      if (name === 'settings') await expectAccessible(page, 'settings in pseudo-locale');
    }
    await rm(backups, { recursive: true, force: true });
    expect(problems).toEqual({});
  });
});
