import type { Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { expect, test } from './fixtures';
import { expectAccessible, rpc, shot, signIn } from './helpers';

test.use({ vault: 'ready' });


/** Goes to a screen as a link would. */
async function go(page: Page, route: string): Promise<void> {
  await page.evaluate((r) => (window.location.hash = r), route);
}

async function signInAsAdmin(page: Page): Promise<void> {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const NOTE = 'Talked about the shelter on 5th; wants to come back Thursday for wound care.';

test('a note typed before a lock is offered back to the same person, asked about before leaving, and never shown to anyone else', async ({ page, preview }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const sam = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'SA09', name: 'Samira Aziz', preferredName: 'Sam', pronouns: 'she/her' });
  const made = await rpc<{ temporaryPassword: string }>(page, preview, 'users.create', { username: 'amara', displayName: 'Amara Diallo', role: 'clinician' });

  // Nothing unsaved yet: no card on the home screen.
  await expect(page.getByRole('heading', { name: 'Unsaved work' })).toHaveCount(0);

  // A contact form, a note typed, and the screen locked at once (the last keys are kept before the lock).
  await go(page, `/people/${sam.id}/contact`);
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Sam' })).toBeVisible();
  await page.getByLabel('Note', { exact: true }).fill(NOTE);
  await page.keyboard.press('Control+L');
  await expect(page.getByRole('heading', { name: 'Doorway is locked' })).toBeVisible();
  expect(await page.evaluate(() => document.body.innerText)).not.toContain('shelter');

  // The same person signs in again: back on the form, with the note offered.
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Sam' })).toBeVisible();
  const offer = page.getByTestId('draft-offer');
  await expect(offer).toContainText(/^You have an unsaved contact for Sam from \d{1,2}:\d\d\s[AP]M\./);
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('');
  await expectAccessible(page, 'contact form with unsaved work offered');
  await shot(page, 'drafts-01-contact-offer');
  await offer.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(NOTE);
  await expect(offer).toHaveCount(0);

  // Leaving through the side menu asks first; staying keeps everything where it was.
  await page.getByLabel('Note', { exact: true }).press('End');
  await page.keyboard.type(' Bring socks.');
  await nav(page).getByRole('link', { name: 'Home' }).click();
  const leave = page.getByRole('alertdialog', { name: 'Leave this form?' });
  await expect(leave).toBeVisible();
  await expect(leave.getByRole('button', { name: 'Stay on the form' })).toBeFocused();
  await expectAccessible(page, 'leave this form?');
  await shot(page, 'drafts-02-leave-guard');
  await page.keyboard.press('Escape');
  await expect(leave).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Sam' })).toBeVisible();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(`${NOTE} Bring socks.`);

  // Cancel asks too; leaving keeps the typing as unsaved work, listed first on the home screen.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(leave).toBeVisible();
  await leave.getByRole('button', { name: 'Leave for now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sam' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Home' }).click();
  const card = page.getByTestId('unsaved-work');
  await expect(card).toContainText(/An unsaved contact for Sam, from \d{1,2}:\d\d\s[AP]M/);
  await expect(page.locator('.shell-main section').first()).toHaveAttribute('data-testid', 'unsaved-work');
  await expectAccessible(page, 'home with unsaved work');
  await shot(page, 'drafts-03-home-card');

  // Another staff member at the same computer sees none of it: not on the home screen, not on the form.
  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'amara', made.temporaryPassword);
  await expect(page.getByLabel('Current password')).toBeVisible();
  await expectAccessible(page, 'choose your own password');
  const own = 'amara evening round 9';
  await page.getByLabel('Current password').fill(made.temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(own);
  await page.getByLabel('Confirm new password').fill(own);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Amara Diallo$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Unsaved work' })).toHaveCount(0);
  await go(page, `/people/${sam.id}/contact`);
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Sam' })).toBeVisible();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue('');
  await expect(page.getByTestId('draft-offer')).toHaveCount(0);
  expect(await page.evaluate(() => document.body.innerText)).not.toContain('shelter');
  await page.getByRole('button', { name: 'Sign out' }).click();

  // Back as the author: Continue on the home screen opens the form, filled; saving lets the draft go.
  await signInAsAdmin(page);
  await page.getByTestId('unsaved-work').getByRole('button', { name: /^Continue: An unsaved contact for Sam/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Sam' })).toBeVisible();
  await page.getByTestId('draft-offer').getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(`${NOTE} Bring socks.`);
  await page.getByRole('button', { name: /Setting/ }).click();
  await page.getByRole('option', { name: 'Drop-in' }).click();
  await page.getByRole('button', { name: /^Save contact/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sam' })).toBeVisible();
  await expect(page.getByText(`${NOTE} Bring socks.`)).toBeVisible();
  await nav(page).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Unsaved work' })).toHaveCount(0);
  expect(await rpc<unknown[]>(page, preview, 'drafts.list', {})).toEqual([]);
});

test('a note typed before the idle lock is offered back to the same person after signing in again', async ({ page, preview }) => {
  // The shortest idle lock the clinic can choose is one minute; main checks every ten seconds.
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const sam = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'SA10', name: 'Samira Aziz', preferredName: 'Sam' });
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  const minutes = page.getByRole('textbox', { name: 'Lock the screen after' });
  await minutes.fill('1');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/^Settings saved at /)).toBeVisible();

  await go(page, `/people/${sam.id}/contact`);
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Sam' })).toBeVisible();
  await page.getByLabel('Note', { exact: true }).fill(NOTE);
  await expect(page.getByTestId('draft-kept')).toBeVisible();
  const typedAt = Date.now();

  // Nobody touches the computer: main locks on its own, and the window follows.
  await expect(page.getByRole('heading', { name: 'Doorway is locked' })).toBeVisible({ timeout: 120_000 });
  expect(Date.now() - typedAt).toBeGreaterThanOrEqual(55_000);
  expect(await page.evaluate(() => document.body.innerText)).not.toContain('shelter');

  // The same person signs in again: back on the form, with the note offered.
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Sam' })).toBeVisible();
  const offer = page.getByTestId('draft-offer');
  await expect(offer).toContainText(/^You have an unsaved contact for Sam from \d{1,2}:\d\d\s[AP]M\./);
  await offer.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Note', { exact: true })).toHaveValue(NOTE);

  // It was the idle lock, not one asked for.
  const audit = await rpc<{ items: { action: string; details: Record<string, unknown> }[] }>(page, preview, 'audit.list', { limit: 10 });
  expect(audit.items.find((e) => e.action === 'session.lock')?.details).toEqual({ reason: 'idle' });
});

test('a goal being typed survives a reload of the page; discarding removes unsaved work', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  const lou = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'LM03', preferredName: 'Lou', pronouns: 'they/them' });

  await go(page, `/people/${lou.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lou' })).toBeVisible();
  await page.getByRole('button', { name: 'Add a goal' }).click();
  await page.getByLabel('Their goal, in their words').fill('Get my ID back so I can see my kids');
  await expect(page.getByTestId('draft-kept')).toContainText('Kept for you as unsaved work');

  // The page goes away (a crash, a reload): the goal is waiting on the section.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Lou' })).toBeVisible();
  const goals = page.locator('#goals');
  await expect(goals.getByTestId('draft-offer')).toContainText(/^You have an unsaved goal for Lou from /);
  await expectAccessible(page, 'person page with an unsaved goal');
  await goals.scrollIntoViewIfNeeded();
  await shot(page, 'drafts-04-goal-offer');
  await goals.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Their goal, in their words')).toHaveValue('Get my ID back so I can see my kids');

  // Leaving for the home screen keeps it; there, Discard throws it away for good.
  await nav(page).getByRole('link', { name: 'Home' }).click();
  await page.getByRole('alertdialog', { name: 'Leave this form?' }).getByRole('button', { name: 'Leave for now' }).click();
  const card = page.getByTestId('unsaved-work');
  await expect(card).toContainText('An unsaved goal for Lou, from');
  await card.getByRole('button', { name: /^Discard: An unsaved goal for Lou/ }).click();
  await expect(page.getByRole('heading', { name: 'Unsaved work' })).toHaveCount(0);
  expect(await rpc<unknown[]>(page, preview, 'drafts.list', {})).toEqual([]);
  await go(page, `/people/${lou.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Lou' })).toBeVisible();
  await expect(page.locator('#goals').getByTestId('draft-offer')).toHaveCount(0);

  // Discard on a form's own offer works the same way.
  await go(page, `/people/${lou.id}/edit`);
  await page.getByLabel('Pronouns').fill('they/them, or no pronouns');
  await expect(page.getByTestId('draft-kept')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('draft-offer')).toContainText(/^You have unsaved changes to Lou's details from /);
  await page.getByTestId('draft-offer').getByRole('button', { name: 'Discard' }).click();
  await expect(page.getByTestId('draft-offer')).toHaveCount(0);
  await expect(page.getByLabel('Pronouns')).toHaveValue('they/them');
  await expect.poll(() => rpc<unknown[]>(page, preview, 'drafts.list', {})).toEqual([]);
});

test('the clinic chooses how long unsaved work is kept', async ({ page }) => {
  await signInAsAdmin(page);
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  const days = page.getByRole('textbox', { name: 'Keep unsaved work for' });
  await expect(days).toHaveValue('7');
  await days.fill('14');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText(/^Settings saved at /)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Keep unsaved work for' })).toHaveValue('14');
});

test('an outreach note closed half-written is kept on its card and offered back in the dialog', async ({ page, preview }) => {
  await signInAsAdmin(page);
  const jo = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'JD41', preferredName: 'Jay' });
  await rpc(page, preview, 'contacts.record', { personId: jo.id, occurredAt: new Date(Date.now() - 100 * 86_400_000).toISOString(), setting: 'drop_in' });

  await nav(page).getByRole('link', { name: "Door's open" }).click();
  await page.getByRole('button', { name: 'Note an outreach attempt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note an outreach attempt for Jay' });
  await dialog.getByLabel('Note (optional)').fill('Left a message with his sister at the shelter.');
  await expect(dialog.getByTestId('draft-kept')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  const card = page.getByTestId('door-card');
  await expect(card.getByTestId('draft-offer')).toContainText(/^You have an unsaved outreach note for Jay from /);
  await card.getByTestId('draft-offer').getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByLabel('Note (optional)')).toHaveValue('Left a message with his sister at the shelter.');
  await dialog.getByRole('button', { name: 'Save note' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card.getByTestId('draft-offer')).toHaveCount(0);
  await expect.poll(() => rpc<unknown[]>(page, preview, 'drafts.list', {})).toEqual([]);
});

test("Continue on the home screen's outreach note goes back to that person's outreach dialog, on the page of Door's open that lists them", async ({ page, preview }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  // More people away than one page shows; Jay has been away longest, so he is last, on page 2.
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
  for (let i = 1; i <= 21; i++) {
    const p = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: `AW-${String(i).padStart(4, '0')}`, preferredName: `Away ${i}` });
    await rpc(page, preview, 'contacts.record', { personId: p.id, occurredAt: daysAgo(100 + i), setting: 'drop_in' });
  }
  const jay = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'JD41', preferredName: 'Jay' });
  await rpc(page, preview, 'contacts.record', { personId: jay.id, occurredAt: daysAgo(300), setting: 'drop_in' });
  const NOTE_JAY = 'Left a message with his sister at the shelter.';

  // The note is typed in Jay's outreach dialog on page 2, and the dialog closed half-written.
  await nav(page).getByRole('link', { name: "Door's open" }).click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  const jayCard = page.getByTestId('door-card').filter({ has: page.getByRole('link', { name: 'Jay' }) });
  await jayCard.getByRole('button', { name: 'Note an outreach attempt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note an outreach attempt for Jay' });
  await dialog.getByLabel('Note (optional)').fill(NOTE_JAY);
  await expect(dialog.getByTestId('draft-kept')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // From the home screen, Continue goes back exactly there: page 2, Jay's dialog open, the note offered.
  await nav(page).getByRole('link', { name: 'Home' }).click();
  const card = page.getByTestId('unsaved-work');
  await card.getByRole('button', { name: /^Continue: An unsaved outreach note for Jay/ }).click();
  await expect(dialog).toBeVisible();
  await expect(page.getByText('Page 2 of 2')).toBeVisible();
  await expect(nav(page).getByRole('link', { name: "Door's open" })).toHaveAttribute('aria-current', 'page');
  const offer = dialog.getByTestId('draft-offer');
  await expect(offer).toContainText(/^You have an unsaved outreach note for Jay from \d{1,2}:\d\d\s[AP]M\./);
  await expect(dialog.getByLabel('Note (optional)')).toHaveValue('');
  await expectAccessible(page, "Door's open with a kept outreach note offered");
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screenshots/drafts-05-outreach-continue.png' });
  await offer.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog.getByLabel('Note (optional)')).toHaveValue(NOTE_JAY);
  await dialog.getByRole('button', { name: 'Save note' }).click();
  await expect(dialog).toHaveCount(0);

  // Done: the address is Door's open again (Back or a reload does not reopen it), the note is on his card.
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/doors');
  await expect(jayCard.getByRole('button', { name: 'Note an outreach attempt' })).toBeFocused();
  await expect(jayCard).toContainText(NOTE_JAY);
  await expect.poll(() => rpc<unknown[]>(page, preview, 'drafts.list', {})).toEqual([]);
  await nav(page).getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { name: 'Unsaved work' })).toHaveCount(0);
});

test('an outreach note for someone who has been in since is kept, said so calmly on Door\'s open, until it is discarded', async ({ page, preview }) => {
  await signInAsAdmin(page);
  const jay = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'JD41', preferredName: 'Jay' });
  await rpc(page, preview, 'contacts.record', { personId: jay.id, occurredAt: new Date(Date.now() - 100 * 86_400_000).toISOString(), setting: 'drop_in' });
  await nav(page).getByRole('link', { name: "Door's open" }).click();
  await page.getByRole('button', { name: 'Note an outreach attempt' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note an outreach attempt for Jay' });
  await dialog.getByLabel('Note (optional)').fill('Try the library on Tuesday.');
  await expect(dialog.getByTestId('draft-kept')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Jay comes by before anyone reaches out: his door is not open any more.
  await rpc(page, preview, 'contacts.record', { personId: jay.id, occurredAt: new Date().toISOString(), setting: 'drop_in' });
  // (Recorded past the screens, so the page is read afresh, as after a contact recorded on its form.)
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: "Door's open" })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Home' }).click();
  await page.getByTestId('unsaved-work').getByRole('button', { name: /^Continue: An unsaved outreach note for Jay/ }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Jay has been in since you started an outreach note for them' });
  await expect(notice).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('door-card')).toHaveCount(0);
  await expectAccessible(page, "Door's open with a note for someone who has been in since");
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screenshots/drafts-06-outreach-been-in-since.png' });
  await notice.getByRole('button', { name: 'Discard the note' }).click();
  await expect(notice).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/doors');
  await expect.poll(() => rpc<unknown[]>(page, preview, 'drafts.list', {})).toEqual([]);
});

test('the unsaved work card shows the newest five, and "See all" shows the rest', async ({ page, preview }) => {
  await signInAsAdmin(page);
  for (let i = 1; i <= 6; i++) {
    const p = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: `UW-${String(i).padStart(4, '0')}`, preferredName: `Kit ${i}` });
    await rpc(page, preview, 'drafts.save', { key: `person:edit:${p.id}`, form: 'person', entryKind: null, personId: p.id, fields: { pronouns: 'they/them' } });
  }
  await page.reload();
  const card = page.getByTestId('unsaved-work');
  await expect(card.getByRole('listitem')).toHaveCount(5);
  await expect(card.getByRole('listitem').first()).toContainText('Kit 6');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screenshots/drafts-07-home-card-five.png' });
  await card.getByRole('button', { name: 'See all 6' }).click();
  await expect(card.getByRole('listitem')).toHaveCount(6);
  await expect(card.getByRole('button', { name: /^See all/ })).toHaveCount(0);
  await expectAccessible(page, 'home with more unsaved work than the card shows at first');
});
