import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { FIRST_ADMIN, groupsAsked, readRecoveryCode } from './helpers';

/** Presses Tab until `target` has focus, failing after a sensible number of presses. */
async function tabTo(page: Page, target: Locator, max = 15): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

test('first run and sign-in can be done with the keyboard alone', async ({ page }) => {
  const who = { ...FIRST_ADMIN, username: 'sam.k', displayName: 'Sam Kowalski' };

  // First: where the records will be. "Only this computer" is chosen already; the arrow keys move between the three.
  await expect(page.getByRole('heading', { name: 'Where the records will be' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /^Only this computer/ })).toBeFocused();
  await expect(page.getByRole('radio', { name: /^Only this computer/ })).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: /^Make this computer the clinic's hub/ })).toBeChecked();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: /^Only this computer/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Continue' })).toBeFocused();
  await page.keyboard.press('Enter');

  // Step 1: the clinic name, then Participants → Patients with the arrow keys, then Enter.
  await expect(page.getByRole('heading', { name: /Your clinic/ })).toBeFocused();
  await tabTo(page, page.getByLabel('Clinic name'));
  await page.keyboard.type(who.clinicName);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /^Participants/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: /^Patients/ })).toBeChecked();
  // The clinic's time zone, this computer's by default, is the next stop; then Continue.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: /Clinic time zone/ })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  // Step 2: four fields in order, then Enter from the last one submits.
  await expect(page.getByRole('heading', { name: /The first administrator/ })).toBeFocused();
  for (const [label, value] of [
    ['Your name', who.displayName],
    ['Username', who.username],
    ['Password', who.password],
    ['Confirm password', who.password],
  ] as const) {
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(label, { exact: true })).toBeFocused();
    await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');

  // Step 3: read the code, then Tab to the button that continues and press Space.
  await expect(page.getByRole('heading', { name: /Your recovery code/ })).toBeFocused();
  const groups = await readRecoveryCode(page);
  await tabTo(page, page.getByRole('button', { name: "I've kept it safe, continue" }));
  await page.keyboard.press('Space');

  // Step 4: the two groups asked for, then Enter.
  await expect(page.getByRole('heading', { name: /Check the code/ })).toBeFocused();
  const [a, b] = await groupsAsked(page);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(`Group ${a}`)).toBeFocused();
  await page.keyboard.type(groups[a - 1]!);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(`Group ${b}`)).toBeFocused();
  await page.keyboard.type(groups[b - 1]!);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Sam Kowalski$/ })).toBeFocused();
  await expect(page.getByRole('banner')).toContainText(who.clinicName);

  // Sign out from the keyboard: Tab to the button, Enter.
  await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
  await page.keyboard.press('Enter');

  // Sign in: the username already has focus.
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(who.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Sam Kowalski$/ })).toBeVisible();

  // Lock with the shortcut and unlock, still without the mouse.
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Doorway is locked' })).toBeVisible();
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(who.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(who.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Sam Kowalski$/ })).toBeVisible();
});
