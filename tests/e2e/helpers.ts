import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, type Preview } from './fixtures';

const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');

/** Screenshots for people to look at (test-results/screenshots/NAME.png), not compared pixel by pixel. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

export interface FirstRunDetails {
  clinicName: string;
  displayName: string;
  username: string;
  password: string;
  peopleWord?: 'Patients' | 'Participants' | 'Clients';
}

export const FIRST_ADMIN: FirstRunDetails = {
  clinicName: 'Harbour Street Clinic',
  displayName: 'Robin Okafor',
  username: 'robin',
  password: 'quiet morning tide 7',
};

/** Reads the recovery code from the screen, group by group. */
export async function readRecoveryCode(page: Page): Promise<string[]> {
  const groups: string[] = [];
  for (let i = 1; i <= 8; i++) groups.push((await page.getByTestId(`recovery-group-${i}`).innerText()).trim());
  return groups;
}

/** "Type group 3 and group 6 ..." → [3, 6]. */
export async function groupsAsked(page: Page): Promise<[number, number]> {
  const first = await page.getByLabel(/^Group \d$/).first().getAttribute('name');
  expect(first).toBe('group0');
  const labels = await page.locator('label', { hasText: /^Group \d$/ }).allInnerTexts();
  const numbers = labels.map((l) => Number(l.replace('Group ', '')));
  expect(numbers).toHaveLength(2);
  return [numbers[0]!, numbers[1]!];
}

/** The first question of the first run: where the records will be ("Only this computer" is chosen already). */
export type SetupWay = 'Only this computer' | "Make this computer the clinic's hub" | "Join the clinic's hub";

/** Answers the first run's first question and continues to the next step. */
export async function chooseSetupWay(page: Page, way: SetupWay = 'Only this computer'): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Set up Doorway' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Where the records will be' })).toBeVisible();
  await page.getByText(way, { exact: true }).click();
  await expect(page.getByRole('radio', { name: new RegExp(`^${way}`) })).toBeChecked();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * First run with the mouse, step by step; optionally screenshots each step and checks each with axe
 * (`expectAccessible`). Returns the recovery code.
 */
export async function completeFirstRun(
  page: Page,
  who: FirstRunDetails = FIRST_ADMIN,
  screenshots = false,
  checkAccessible = false,
  way: SetupWay = 'Only this computer',
): Promise<string[]> {
  const check = async (step: string) => {
    if (checkAccessible) await expectAccessible(page, `first run: ${step}`);
  };
  await expect(page.getByRole('heading', { name: 'Set up Doorway' })).toBeVisible();
  await check('where the records will be');
  await chooseSetupWay(page, way);
  await page.getByLabel('Clinic name').fill(who.clinicName);
  if (who.peopleWord) await page.getByText(who.peopleWord, { exact: true }).click();
  if (screenshots) await shot(page, '01-first-run-clinic');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: /The first administrator/ })).toBeVisible();
  await page.getByLabel('Your name').fill(who.displayName);
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Confirm password').fill(who.password);
  if (screenshots) await shot(page, '02-first-run-administrator');
  await check('the first administrator');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: /Your recovery code/ })).toBeVisible();
  const groups = await readRecoveryCode(page);
  if (screenshots) await shot(page, '03-first-run-recovery-code');
  await check('the recovery code');
  await page.getByRole('button', { name: "I've kept it safe, continue" }).click();

  await expect(page.getByRole('heading', { name: /Check the code/ })).toBeVisible();
  const [a, b] = await groupsAsked(page);
  await page.getByLabel(`Group ${a}`).fill(groups[a - 1]!.toLowerCase());
  await page.getByLabel(`Group ${b}`).fill(groups[b - 1]!);
  if (screenshots) await shot(page, '04-first-run-check-code');
  await check('check the code');
  await page.getByRole('button', { name: 'Finish setup' }).click();
  if (way === "Make this computer the clinic's hub") {
    await expect(page.getByText("Setting up the clinic's hub on this computer… this takes a moment.")).toBeVisible();
    await shot(page, 'hub-setup-01b-making-the-hub');
  }
  // Making the clinic's hub starts its own server first: that takes a while on a busy machine.
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^Good (morning|afternoon|evening), ${who.displayName}$`) })).toBeVisible({
    timeout: way === 'Only this computer' ? undefined : 90_000,
  });
  return groups;
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * axe-core on what is on screen now (WCAG 2.1 A and AA rules): fails on any serious or critical
 * finding, naming the rule and the elements, so the fix is obvious from the test output.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html.slice(0, 200)}`).join('\n  ')}`);
  expect(serious, `accessibility of ${screen}`).toEqual([]);
}

/**
 * Calls the preview's router as the page itself does (same origin, same secret, same session).
 * Used only to set up what the test is not about: extra people for a realistic list, a staff account.
 */
export async function rpc<T = unknown>(page: Page, preview: Preview, name: string, input: unknown): Promise<T> {
  const result = await page.evaluate(
    async ({ name, input, secret }) => {
      const res = await fetch('/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Doorway-Secret': secret },
        body: JSON.stringify({ name, input }),
      });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    },
    { name, input, secret: preview.secret },
  );
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}
