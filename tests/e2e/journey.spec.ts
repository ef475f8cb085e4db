import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { chooseSetupWay, completeFirstRun, expectAccessible, FIRST_ADMIN, groupsAsked, readRecoveryCode, shot, signIn } from './helpers';

test('first run, sign out and in, settings, lock with nothing behind it, unlock back to settings', async ({ page }) => {
  const groups = await completeFirstRun(page, FIRST_ADMIN, true);
  expect(groups.join('-')).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){7}[0-9A-HJKMNP-TV-Z]{5}$/);

  // Signed in: the header names the clinic and the person, the home page says what they can do.
  const header = page.getByRole('banner');
  await expect(header.getByText(FIRST_ADMIN.clinicName)).toBeVisible();
  await expect(header.getByText(FIRST_ADMIN.displayName)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What you can do now' })).toBeVisible();
  await expect(page.getByText(/coming soon/i)).toHaveCount(0);
  await shot(page, '05-home');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Doorway' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(FIRST_ADMIN.clinicName);
  await signIn(page, FIRST_ADMIN.username, FIRST_ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: /Robin Okafor$/ })).toBeVisible();

  // Settings: change all three, and see them saved.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  const newClinic = 'Harbour Street Community Clinic';
  await page.getByLabel('Clinic name').fill(newClinic);
  // Clicking the card, as people do (the radio input itself is visually hidden inside it).
  await page.getByText('Clients', { exact: true }).click();
  await expect(page.getByRole('radio', { name: /^Clients/ })).toBeChecked();
  await page.getByRole('textbox', { name: 'Lock the screen after' }).fill('17');
  await page.getByRole('button', { name: 'Save settings' }).click();
  // (The hub banner's live region is a status too, empty on one computer.)
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved' })).toBeVisible();
  await expect(page.getByRole('banner').getByText(newClinic)).toBeVisible();
  await shot(page, '06-settings');

  // A missing clinic name is refused with a message on the field itself.
  await page.getByLabel('Clinic name').fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByLabel('Clinic name')).toBeFocused();
  await expect(page.getByLabel('Clinic name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Please enter the clinic name.')).toBeVisible();
  await page.getByLabel('Clinic name').fill(newClinic);

  // Lock from the keyboard.
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Doorway is locked' })).toBeVisible();
  await expect(page.getByLabel('Username')).toBeFocused();
  const seen = await page.evaluate(() => ({
    text: document.body.innerText,
    html: document.documentElement.outerHTML,
    title: document.title,
    url: window.location.href,
    rootChildren: [...document.querySelectorAll('#root > *')].map((e) => e.className),
    outsideRoot: [...document.body.children].filter((e) => e.id !== 'root').map((e) => e.outerHTML),
    leftovers: document.querySelectorAll('.shell, .shell-header, .shell-nav, nav, [role=banner], .page, .radio-card, .number-group').length,
    filledInputs: [...document.querySelectorAll('input')].filter((i) => i.value !== '').length,
  }));
  for (const secret of [FIRST_ADMIN.clinicName, newClinic, 'Harbour', FIRST_ADMIN.displayName, 'Robin', FIRST_ADMIN.username]) {
    expect(seen.text).not.toContain(secret);
    expect(seen.html).not.toContain(secret);
    expect(seen.title).not.toContain(secret);
  }
  expect(seen.text).not.toMatch(/clients?\b/i);
  expect(seen.text).not.toContain('17');
  expect(seen.text).not.toMatch(/settings/i);
  expect(seen.url).not.toContain('settings');
  expect(seen.rootChildren).toEqual(['auth-layout']);
  expect(seen.outsideRoot).toEqual([]);
  expect(seen.leftovers).toBe(0);
  expect(seen.filledInputs).toBe(0);
  await shot(page, '07-lock-screen');

  // The same person unlocks and is back where they were.
  await signIn(page, FIRST_ADMIN.username, FIRST_ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByLabel('Clinic name')).toHaveValue(newClinic);
  await expect(page.getByRole('textbox', { name: 'Lock the screen after' })).toHaveValue('17');
  await expect(page.getByRole('radio', { name: /^Clients/ })).toBeChecked();
});

test('the wizard explains what to fix; the recovery kit can be saved as a file and printed on one clean page', async ({ page }) => {
  await chooseSetupWay(page);
  // Nothing typed: the message sits on the field, which takes focus.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Please enter the clinic name.')).toBeVisible();
  await expect(page.getByLabel('Clinic name')).toBeFocused();
  await page.getByLabel('Clinic name').fill(FIRST_ADMIN.clinicName);
  await expect(page.getByText('Please enter the clinic name.')).toBeHidden();
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByLabel('Your name').fill(FIRST_ADMIN.displayName);
  await page.getByLabel('Username').fill('robin okafor');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await expect(page.getByText('Too short.')).toBeVisible();
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Usernames use letters, digits, dots, dashes or underscores.')).toBeVisible();
  await expect(page.getByText('Passwords have at least 10 characters.')).toBeVisible();
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.getByLabel('Username').fill(FIRST_ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(FIRST_ADMIN.password);
  await page.getByLabel('Confirm password').fill(FIRST_ADMIN.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const groups = await readRecoveryCode(page);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save as a file' }).click()]);
  expect(download.suggestedFilename()).toBe('doorway-recovery-kit.txt');
  const text = await readFile((await download.path())!, 'utf8');
  expect(text).toContain(groups.join('-'));
  expect(text).toContain(FIRST_ADMIN.clinicName);
  expect(text).toContain('only way back');
  await expect(page.getByRole('status').filter({ hasText: 'doorway-recovery-kit.txt' })).toBeVisible();

  // Going back and forth keeps the same code: asking again would void a kit already printed.
  await page.getByRole('button', { name: 'Back' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  expect(await readRecoveryCode(page)).toEqual(groups);

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('Doorway recovery kit')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print recovery kit' })).toBeHidden();
  await expect(page.getByText('Step 3 of 4')).toBeHidden();
  await shot(page, '08-recovery-kit-print');
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByText('Doorway recovery kit')).toBeHidden();
});

test("the first administrator's password: weak ones are refused with the reason and nothing is saved; a strong one is accepted", async ({ page, preview, request }) => {
  test.setTimeout(90_000);
  const rpc = async (name: string, input: unknown) =>
    (await (
      await request.post(`${preview.origin}/rpc`, {
        headers: { 'X-Doorway-Secret': preview.secret, 'Content-Type': 'application/json' },
        data: { name, input },
      })
    ).json()) as { ok: boolean; value?: unknown; error?: { message: string } };

  await chooseSetupWay(page);
  await page.getByLabel('Clinic name').fill(FIRST_ADMIN.clinicName);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Your name').fill(FIRST_ADMIN.displayName);
  await page.getByLabel('Username').fill(FIRST_ADMIN.username);
  const password = page.getByLabel('Password', { exact: true });
  const confirm = page.getByLabel('Confirm password');
  const refusals = [
    { weak: 'password12', reason: 'This is a commonly used password.' },
    { weak: 'aaaaaaaaaa', reason: 'Repeated characters like "aaa" are easy to guess.' },
  ];
  for (const { weak, reason } of refusals) {
    await password.fill(weak);
    // Said while typing: weak, and why, never "too short" for ten characters.
    await expect(password).toHaveAccessibleDescription(/^Weak\. /);
    await expect(password).not.toHaveAccessibleDescription(/at least 10 characters/);
    await confirm.fill(weak);
    await page.getByRole('button', { name: 'Continue' }).click();
    const message = `Please choose a stronger password. ${reason} Try a short sentence, or three or four unrelated words that mean something only to you.`;
    await expect(page.getByText(message, { exact: true })).toBeVisible();
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expect(password).toBeFocused();
    // Still on this step: no recovery code made, no vault written; the core refuses it too.
    await expect(page.getByRole('heading', { name: /The first administrator/ })).toBeVisible();
    if (weak === 'password12') {
      await page.setViewportSize({ width: 1366, height: 768 });
      await shot(page, '05-first-run-weak-password');
      await expectAccessible(page, 'first run: a weak password refused');
    }
    expect(await rpc('setup.status', {})).toEqual({ ok: true, value: { vaultExists: false } });
    const direct = await rpc('setup.create', {
      clinicName: FIRST_ADMIN.clinicName,
      peopleWord: 'participant',
      admin: { username: FIRST_ADMIN.username, displayName: FIRST_ADMIN.displayName, password: weak },
      confirmation: ['AAAAA', 'BBBBB'],
    });
    expect(direct.ok).toBe(false);
    expect(direct.error?.message).toContain(reason);
    expect(await rpc('setup.status', {})).toEqual({ ok: true, value: { vaultExists: false } });
  }

  // A strong one goes through, and is the password that opens Doorway afterwards.
  await password.fill(FIRST_ADMIN.password);
  await expect(password).toHaveAccessibleDescription(/^Strong\. /);
  await confirm.fill(FIRST_ADMIN.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  const groups = await readRecoveryCode(page);
  await page.getByRole('button', { name: "I've kept it safe, continue" }).click();
  const [a, b] = await groupsAsked(page);
  await page.getByLabel(`Group ${a}`).fill(groups[a - 1]!);
  await page.getByLabel(`Group ${b}`).fill(groups[b - 1]!);
  await page.getByRole('button', { name: 'Finish setup' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${FIRST_ADMIN.displayName}$`) })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, FIRST_ADMIN.username, FIRST_ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${FIRST_ADMIN.displayName}$`) })).toBeVisible();
});

test('a lock from main (idle timer) reaches the window at once through the event stream', async ({ page, preview, request }) => {
  await completeFirstRun(page);
  await page.getByRole('link', { name: 'Settings' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  // Main locks on its own (as its idle timer does); the window must follow without any click.
  const locked = await request.post(`${preview.origin}/rpc`, {
    headers: { 'X-Doorway-Secret': preview.secret, 'Content-Type': 'application/json' },
    data: { name: 'session.lock', input: {} },
  });
  expect(await locked.json()).toEqual({ ok: true, value: { locked: true } });
  await expect(page.getByRole('heading', { name: 'Doorway is locked' })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(FIRST_ADMIN.clinicName);

  await signIn(page, FIRST_ADMIN.username, FIRST_ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
