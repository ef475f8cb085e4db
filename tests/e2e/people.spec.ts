import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { expect, test } from './fixtures';
import { rpc, shot, signIn } from './helpers';

test.use({ vault: 'ready' });


/** A screenshot of what is on screen (or of one part), where a full page would be too tall to read. */
async function partShot(target: Page | Locator, name: string): Promise<void> {
  await target.screenshot({ path: join(__dirname, '..', '..', 'test-results', 'screenshots', `${name}.png`) });
}

async function openPeople(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Participants' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible();
}

/** Records a contact from the person page with the keyboard only; `fill` runs on the open form. */
async function recordContactByKeyboard(page: Page, settingLetter: string, fill: () => Promise<void> = async () => {}): Promise<void> {
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: /^Record a contact with / })).toBeVisible();
  // The setting takes focus; a first letter chooses it, as in any list.
  await expect(page.getByRole('button', { name: /Setting/ })).toBeFocused();
  await page.keyboard.press(settingLetter);
  await fill();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Contact recorded at \d{1,2}:\d\d\s[AP]M\.$/ })).toBeVisible();
}

test('a person from only a client code: three contacts by keyboard, a goal in their words with its history, a contact removed and restored', async ({ page, preview }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();

  // Some people already known to the clinic, so the list looks like a working day.
  const names: [string, string | null, string | null, string | null][] = [
    ['RB17', 'Robert Banks', 'Bobby', 'he/him'],
    ['LM03', null, 'Lou', 'they/them'],
    ['TK88', 'Tanya Kowalczyk', null, 'she/her'],
    ['JD41', 'James Dorsey', 'Jay', null],
    ['MW22', null, null, null],
    ['SA09', 'Samira Aziz', 'Sam', 'she/her'],
    ['CP56', 'Carlos Perez', null, 'he/him'],
    ['EV30', null, 'Evie', 'she/they'],
  ];
  for (const [i, [clientCode, name, preferredName, pronouns]] of names.entries()) {
    const p = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode, name, preferredName, pronouns });
    const days = [2, 9, 30, 75, 1, 160, 4, 400][i]!;
    for (let k = 0; k < (i % 3) + 1; k++) {
      const at = new Date(Date.now() - (days + k * 3) * 86_400_000).toISOString();
      await rpc(page, preview, 'contacts.record', { personId: p.id, occurredAt: at, setting: k % 2 ? 'drop_in' : 'street_outreach' });
    }
    if (i % 4 === 1) await rpc(page, preview, 'entries.add', { personId: p.id, kind: 'phase_change', occurredOn: new Date().toISOString().slice(0, 10), data: { phase: 'maintenance', reason: 'Comes most weeks and asked for a regular time.' } });
  }

  // Add a person with nothing but a client code.
  await openPeople(page);
  await page.getByRole('link', { name: 'Add a participant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Add a participant' })).toBeVisible();
  await expect(page.getByLabel('Client code')).toBeFocused();
  // A code already in use is shown, with a way to open that record, and never merged.
  await page.keyboard.type('rb17');
  await page.getByRole('button', { name: 'Add participant' }).click();
  await expect(page.getByText('This code already belongs to someone.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Open the record with this code' })).toBeVisible();
  await page.getByLabel('Client code').fill('QX42');
  await page.getByRole('button', { name: 'Add participant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'QX42' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'The participant is added.' })).toBeVisible();
  await expect(page.getByText('No contact yet')).toBeVisible();

  // Three contacts by keyboard alone: a drop-in; an outreach contact with naloxone; one from yesterday.
  await recordContactByKeyboard(page, 'd');
  await recordContactByKeyboard(page, 's', async () => {
    await expect(page.getByRole('button', { name: /Setting/ })).toContainText('Street outreach');
    await page.keyboard.press('Tab'); // staff member
    await page.keyboard.press('Tab'); // "this happened earlier"
    await page.keyboard.press('Tab'); // first service
    await page.keyboard.press('Space');
    const naloxone = page.getByRole('textbox', { name: 'Naloxone (nasal)' });
    for (let i = 0; i < 12 && !(await naloxone.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(naloxone).toBeFocused();
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('20');
  });
  await recordContactByKeyboard(page, 'c', async () => {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.getByRole('checkbox', { name: /This happened earlier/ })).toBeFocused();
    await page.keyboard.press('Space');
    // Month, day, year: one year back is always in the past.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.getByLabel('What mattered to them today').focus();
    await page.keyboard.type('Wanted to talk about getting a phone.');
  });
  const contacts = page.getByTestId('contact-item');
  await expect(contacts).toHaveCount(3);
  // Newest first: the outreach contact, then the drop-in, then the one entered later.
  await expect(contacts.nth(0)).toContainText('Street outreach');
  await expect(contacts.nth(0)).toContainText('Naloxone (nasal) × 2');
  await expect(contacts.nth(1)).toContainText('Drop-in');
  await expect(contacts.nth(2)).toContainText('Entered later');
  await expect(contacts.nth(2)).toContainText('Wanted to talk about getting a phone.');
  await expect(page.locator('.person-facts')).toContainText('3');

  // A goal, in their words; then edited, with the earlier wording kept in its history.
  await page.getByRole('button', { name: 'Add a goal' }).click();
  await page.getByLabel('Their goal, in their words').fill('get my kids back for sundays');
  await page.getByRole('button', { name: 'Add a goal' }).click();
  const goals = page.locator('#goals');
  await expect(goals.locator('.entry-quote')).toHaveText('get my kids back for sundays');
  await goals.getByRole('button', { name: /^Edit the goal of / }).click();
  await page.getByLabel('Their goal, in their words').fill('have my kids over every Sunday');
  await goals.getByText('Reached', { exact: true }).click();
  await goals.getByRole('button', { name: 'Save changes' }).click();
  await expect(goals.locator('.entry-quote')).toHaveText('have my kids over every Sunday');
  await expect(goals.getByText('Reached', { exact: true })).toBeVisible();
  await goals.getByRole('button', { name: 'Show history' }).click();
  await expect(goals.getByText(`Edited by ${ADMIN.displayName}`)).toBeVisible();
  await expect(goals.locator('.history-previous')).toContainText('get my kids back for sundays');
  await expect(goals.locator('.history-previous')).toContainText('Working on it');

  // The language assistant suggests, can be taken, and never blocks saving.
  await page.getByRole('button', { name: 'Add a moment' }).click();
  const moment = page.getByLabel('What happened');
  await moment.fill('Came back after a relapse, said the addict label from the last clinic still hurts');
  const hints = page.locator('.language-hints');
  await expect(hints).toContainText('Instead of “relapse”');
  await expect(hints).toContainText('Instead of “addict”');
  await expect(hints).toContainText('NIDA, Words Matter');
  await partShot(page.locator('#moments'), 'people-03-language-assistant');
  await hints.getByRole('button', { name: 'Dismiss the suggestion for “addict” on this form' }).click();
  await expect(hints).not.toContainText('Instead of “addict”');
  await hints.getByRole('button', { name: /^Use “.+” instead of “relapse”$/ }).first().click();
  await expect(moment).toHaveValue(/^Came back after a return to use, said the addict label/);
  await page.locator('#moments').getByRole('button', { name: 'Add a moment' }).click();
  await expect(page.locator('#moments .entry-text')).toContainText('Came back after a return to use');

  await page.getByRole('heading', { level: 1, name: 'QX42' }).focus();
  await page.evaluate(() => window.scrollTo(0, 0));
  await partShot(page, 'people-02-person-page');
  await shot(page, 'people-02-person-page-full');

  // A contact is removed with a reason (dimmed, still there), then restored by the administrator.
  await contacts.nth(0).getByRole('button', { name: /^Remove the contact of / }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Remove contact' }).click();
  await expect(dialog.getByText('Please say briefly why (at least 3 characters).')).toBeVisible();
  await dialog.getByLabel('Reason').fill('Entered for the wrong person');
  await dialog.getByRole('button', { name: 'Remove contact' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(contacts.nth(0)).toHaveClass(/entry-removed/);
  await expect(contacts.nth(0)).toContainText('Removed. Reason given: Entered for the wrong person');
  await expect(page.locator('.person-facts')).toContainText('2');
  await contacts.nth(0).getByRole('button', { name: /^Restore the contact of / }).click();
  await expect(contacts.nth(0)).not.toHaveClass(/entry-removed/);
  await expect(page.locator('.person-facts')).toContainText('3');
  await contacts.nth(0).getByRole('button', { name: 'Show history' }).click();
  await expect(contacts.nth(0).getByText(`Restored by ${ADMIN.displayName}`)).toBeVisible();
  await expect(contacts.nth(0).getByText(`Removed by ${ADMIN.displayName}`)).toBeVisible();
  await partShot(page.locator('#contacts'), 'people-02-person-contact-history');
  await partShot(page.locator('#goals'), 'people-02-person-goals');

  // A contact edited: the earlier version stays in its history.
  await contacts.nth(1).getByRole('link', { name: /^Edit the contact of / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit a contact with QX42' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Setting$/ })).toBeFocused();
  await page.keyboard.press('v');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Contact updated.' })).toBeVisible();
  await expect(contacts.nth(1)).toContainText('Van');
  await contacts.nth(1).getByRole('button', { name: 'Show history' }).click();
  await expect(contacts.nth(1).locator('.history-previous')).toContainText('Drop-in');

  // Their details, edited: the preferred name leads from then on, and the earlier details are kept.
  await page.getByRole('link', { name: 'Edit details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit details for QX42' })).toBeVisible();
  await page.getByLabel('Preferred name').fill('Kit');
  await page.getByLabel('Pronouns').fill('they/them');
  await page.getByText('OK to text', { exact: true }).click();
  await page.getByLabel('Safe times').fill('Afternoons');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kit' })).toBeVisible();
  await expect(page.locator('.person-header')).toContainText('they/them');
  await expect(page.locator('.reach')).toContainText('OK to text');
  await expect(page.locator('.reach')).toContainText('Afternoons');
  await page.getByRole('button', { name: 'History of these details' }).click();
  await expect(page.locator('.history-previous').first()).toContainText("They haven't said yet.");

  // The record-contact form, as staff see it.
  await page.getByRole('link', { name: /^Record a contact/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Kit' })).toBeVisible();
  await page.getByLabel('What mattered to them today').fill('Talked about the cold snap; took an extra blanket.');
  await shot(page, 'people-04-record-contact');
  // Cancel on a form with typing in it asks first (tests/e2e/drafts.spec.ts); leaving keeps it as unsaved work.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('alertdialog', { name: 'Leave this form?' }).getByRole('button', { name: 'Leave for now' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Kit' })).toBeVisible();

  // Search from anywhere: Ctrl+K, type part of a name, Enter opens the record.
  await page.keyboard.press('Control+K');
  const search = page.getByRole('dialog', { name: 'Find a participant' });
  await expect(search.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type('sami');
  await expect(search.getByRole('option', { name: /Sam/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Sam' })).toBeVisible();

  // The list: preferred names lead, sortable, filterable by phase.
  await openPeople(page);
  const table = page.getByRole('table', { name: 'Participants' });
  await expect(table.getByRole('row')).toHaveCount(names.length + 2);
  await expect(table.getByRole('row').nth(1)).toContainText('QX42');
  await table.getByRole('button', { name: /^Client code/ }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('CP56');
  await page.getByRole('button', { name: /Phase$/ }).click();
  await page.getByRole('option', { name: 'Maintenance' }).click();
  await expect(page.getByText('2 participants in maintenance')).toBeVisible();
  await page.getByRole('button', { name: /Phase$/ }).click();
  await page.getByRole('option', { name: 'All phases' }).click();
  await table.getByRole('button', { name: /^Last contact/ }).click();
  await page.getByRole('row', { name: /Bobby/ }).hover();
  await shot(page, 'people-01-list');

  // Removing a record asks why; administrators find it under "Removed records" and restore it.
  await page.getByRole('link', { name: 'Evie' }).click();
  await page.getByRole('button', { name: 'Remove record' }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('Two records for the same person');
  await page.getByRole('dialog').getByRole('button', { name: 'Remove record' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'The record is removed.' })).toBeVisible();
  await expect(table.getByRole('link', { name: 'Evie' })).toHaveCount(0);
  await page.getByRole('button', { name: /Show$/ }).click();
  await page.getByRole('option', { name: 'Removed records' }).click();
  await expect(page.getByText('1 removed record.', { exact: false })).toBeVisible();
  await table.getByRole('button', { name: 'Restore the record of Evie' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The record is restored.' })).toBeVisible();
  await expect(page.getByText('No records have been removed.')).toBeVisible();
});

test('site settings: the catalog, the client code recipe, and the language assistant switch', async ({ page }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('tab', { name: 'Records, services and supplies' }).click();

  // The recipe with a live check, saved.
  await page.getByLabel('Client code recipe').fill('aa99');
  await page.getByLabel('Try a code').fill('bx12');
  await expect(page.getByText('BX12 follows the recipe.')).toBeVisible();
  await page.getByLabel('Try a code').fill('bx1');
  await expect(page.getByText('BX1 does not follow the recipe.')).toBeVisible();
  await page.getByLabel('How staff explain the recipe').fill("First two letters of your mother's first name, then your birth month");
  await page.getByText('Suggest person-first wording').click();
  await expect(page.getByRole('checkbox', { name: /Suggest person-first wording/ })).not.toBeChecked();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/^Saved at \d{1,2}:\d\d\s[AP]M\.$/)).toBeVisible();

  // Supplies: add one, rename it, turn it off.
  const supplies = page.getByRole('region', { name: 'Supplies' });
  await supplies.getByLabel('New supply').fill('Condoms');
  await supplies.getByRole('button', { name: 'Add supply' }).click();
  await expect(supplies.getByText('Condoms', { exact: true })).toBeVisible();
  await supplies.getByRole('button', { name: 'Rename or recategorise Condoms' }).click();
  await supplies.getByRole('textbox', { name: 'Name', exact: true }).fill('Condoms and lube');
  await supplies.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(supplies.getByText('Condoms and lube', { exact: true })).toBeVisible();
  await supplies.getByRole('button', { name: 'Turn off Syringes' }).click();
  await expect(supplies.getByRole('button', { name: 'Turn on Syringes' })).toBeVisible();
  await shot(page, 'people-05-settings-catalog');

  // The add form now follows the recipe and offers no wording suggestions.
  await openPeople(page);
  await page.getByRole('link', { name: 'Add a participant' }).click();
  await expect(page.getByText("First two letters of your mother's first name, then your birth month")).toBeVisible();
  await expect(page.getByText(/The clinic's recipe: 2 letters, then 2 digits, for example AB12\./)).toBeVisible();
  await page.getByLabel('Client code').fill('AB123');
  await page.getByRole('button', { name: 'Add participant' }).click();
  await expect(page.getByText("This code doesn't follow the clinic's recipe", { exact: false })).toBeVisible();
  await page.getByLabel('Client code').fill('ab12');
  await page.getByLabel('What helps').fill('Do not call him an addict');
  await page.getByRole('button', { name: 'Add participant' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'AB12' })).toBeVisible();
  await expect(page.locator('.language-hints')).toHaveCount(0);

  // The contact form offers what is in use, naloxone first; a turned-off supply is gone.
  await page.getByRole('link', { name: /^Record a contact/ }).click();
  await expect(page.getByRole('textbox', { name: 'Condoms and lube' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Syringes' })).toHaveCount(0);
  const supplyLabels = await page.locator('.supply-grid .field-label').allInnerTexts();
  expect(supplyLabels.slice(0, 2)).toEqual(['Naloxone (nasal)', 'Naloxone (injectable)']);
});

test('front desk sees no clinical sections and writes no clinical note', async ({ page, preview }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  const person = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'FD01', preferredName: 'Dee' });
  await rpc(page, preview, 'entries.add', { personId: person.id, kind: 'substance_use', occurredOn: new Date().toISOString().slice(0, 10), data: { prefersNotToSay: true } });
  await rpc(page, preview, 'contacts.record', { personId: person.id, setting: 'drop_in', note: 'Clinical note only clinicians read.', whatMattered: 'A warm drink.' });
  const made = await rpc<{ temporaryPassword: string }>(page, preview, 'users.create', { username: 'casey', displayName: 'Casey Front', role: 'front_desk' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'casey', made.temporaryPassword);
  const own = 'front door morning shift 4';
  await page.getByLabel('Current password').fill(made.temporaryPassword);
  await page.getByLabel('New password', { exact: true }).fill(own);
  await page.getByLabel('Confirm new password').fill(own);
  await page.getByRole('button', { name: 'Save new password' }).click();

  await openPeople(page);
  await page.getByRole('link', { name: 'Dee' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dee' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Moments' })).toBeVisible();
  for (const clinical of ['Goals', 'Substance use', 'Treatment interest', 'Overdose responses']) {
    await expect(page.getByRole('heading', { name: clinical })).toHaveCount(0);
  }
  await expect(page.getByText('A warm drink.')).toBeVisible();
  await expect(page.getByText('Clinical note only clinicians read.')).toHaveCount(0);
  // Front desk records contacts, without a note field, and does not remove them.
  await expect(page.getByRole('button', { name: /^Remove the contact of / })).toHaveCount(0);
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Dee' })).toBeVisible();
  await expect(page.getByLabel('Note', { exact: true })).toHaveCount(0);
  await page.keyboard.press('d');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('contact-item')).toHaveCount(2);
});

test('what matters to the person: phase, substance use, treatment interest, overdose response, referral and consent', async ({ page, preview }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  const person = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'MH07', preferredName: 'Marisol', pronouns: 'she/her', contactPrefs: { doNotContact: true } });
  await rpc(page, preview, 'contacts.record', { personId: person.id, setting: 'van', supplies: [{ itemId: 9, quantity: 1 }] });
  await page.evaluate((id) => (window.location.hash = `#/people/${id}`), person.id);
  await expect(page.getByRole('heading', { level: 1, name: 'Marisol' })).toBeVisible();
  await expect(page.locator('.reach')).toContainText('Do not contact.');

  // Phase: the change form offers the other phase, and asks why.
  const phase = page.locator('#phase');
  await phase.getByRole('button', { name: 'Change phase' }).click();
  await expect(phase.getByRole('radio', { name: 'Maintenance' })).toBeChecked();
  await phase.getByRole('textbox', { name: 'Why', exact: true }).fill('Comes every week now and asked for a regular time with Robin.');
  await phase.getByRole('button', { name: 'Change phase' }).click();
  await expect(page.locator('.person-facts')).toContainText('Maintenance');
  await expect(phase).toContainText('Changed to Maintenance');

  // Substance use: several substances, each with a route and how often; or simply "prefers not to say".
  const use = page.locator('#substance-use');
  await use.getByRole('button', { name: 'Add what they shared' }).click();
  await use.getByRole('textbox', { name: 'Substance', exact: true }).fill('fentanyl');
  await use.getByRole('button', { name: /Route$/ }).click();
  await page.getByRole('option', { name: 'Smoke' }).click();
  await use.getByRole('textbox', { name: 'How often', exact: true }).fill('most days');
  await use.getByRole('button', { name: 'Add another substance' }).click();
  await use.getByRole('textbox', { name: 'Substance', exact: true }).nth(1).fill('methamphetamine');
  await use.getByRole('button', { name: 'Add what they shared' }).click();
  await expect(use.getByText('fentanyl')).toBeVisible();
  await expect(use).toContainText('(Smoke, most days)');
  await expect(use).toContainText('methamphetamine');
  await use.getByRole('button', { name: 'Add what they shared' }).click();
  await use.getByText('Prefers not to say', { exact: true }).click();
  await use.getByRole('button', { name: 'Add what they shared' }).click();
  await expect(use.locator('.entry')).toHaveCount(2);

  // Treatment interest: "not right now" is the first answer offered, and a full one.
  const treatment = page.locator('#treatment');
  await treatment.getByRole('button', { name: 'Add treatment interest' }).click();
  await expect(treatment.getByRole('radio', { name: 'Not right now' })).toBeChecked();
  // No medication is assumed: saving without one asks which.
  await expect(treatment.getByRole('button', { name: /Option$/ })).toContainText('Choose one');
  await treatment.getByText('Curious', { exact: true }).click();
  await treatment.getByRole('button', { name: 'Add treatment interest' }).click();
  await expect(treatment.getByText('Please choose the option you talked about.')).toBeVisible();
  await treatment.getByRole('button', { name: /Option$/ }).click();
  await page.getByRole('option', { name: 'Buprenorphine' }).click();
  await treatment.getByRole('button', { name: 'Add treatment interest' }).click();
  await expect(treatment).toContainText('Buprenorphine: Curious');

  // Overdose response report.
  const overdose = page.locator('#overdose');
  await overdose.getByRole('button', { name: 'Add a report' }).click();
  await overdose.getByRole('textbox', { name: 'Who reported it', exact: true }).fill('Her friend Dana');
  await overdose.getByRole('textbox', { name: 'Where', exact: true }).fill('Behind the library');
  await overdose.getByRole('textbox', { name: 'Naloxone doses used' }).fill('2');
  await overdose.getByRole('radiogroup', { name: 'Emergency services called (911)' }).getByText('No', { exact: true }).click();
  await overdose.getByRole('radiogroup', { name: 'Someone stayed with them' }).getByText('Yes', { exact: true }).click();
  await overdose.getByRole('textbox', { name: 'Substances involved', exact: true }).fill('fentanyl, xylazine');
  await overdose.getByRole('button', { name: /Outcome$/ }).click();
  await page.getByRole('option', { name: 'Alive, stayed where they were' }).click();
  await overdose.getByRole('button', { name: 'Add a report' }).click();
  await expect(overdose).toContainText('Alive, stayed where they were');
  await expect(overdose).toContainText('fentanyl, xylazine');
  await expect(overdose).toContainText('Her friend Dana');

  // Referral and consent.
  const referrals = page.locator('#referrals');
  await referrals.getByRole('button', { name: 'Add a referral' }).click();
  await referrals.getByRole('textbox', { name: 'Referral to', exact: true }).fill('Harbour housing first program');
  await referrals.getByRole('button', { name: 'Add a referral' }).click();
  await expect(referrals).toContainText('Harbour housing first program');
  await expect(referrals).toContainText('Offered');
  const consents = page.locator('#consents');
  await consents.getByRole('button', { name: 'Add a consent' }).click();
  await consents.getByRole('textbox', { name: 'Shared with', exact: true }).fill('Dr. Alvarez, Eastside Health');
  await consents.getByRole('textbox', { name: 'What may be shared', exact: true }).fill('Test results and appointment times');
  await consents.getByRole('button', { name: 'Add a consent' }).click();
  await expect(consents).toContainText('May share with Dr. Alvarez, Eastside Health: Test results and appointment times');
  await expect(consents).toContainText('No end date.');

  // Naloxone given comes from the contacts themselves.
  await expect(page.locator('#naloxone')).toContainText('1 naloxone kit given');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'people-06-person-page-clinical');
});

test.describe('at 1366×768', () => {
  test.use({ viewport: { width: 1366, height: 768 } });

  test('search: a full client code and Enter at once opens that person, never a result for less of the code', async ({ page, preview }) => {
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
    for (const clientCode of ['AB12', 'AB123', 'AB129', 'KD40']) await rpc(page, preview, 'people.create', { clientCode });

    const search = page.getByRole('dialog', { name: 'Find a participant' });
    // Results for "AB1" are on screen; "23" and Enter follow faster than the next results can come.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('AB1');
    await expect(search.getByRole('option')).toHaveCount(3);
    await shot(page, 'people-07-search-results');
    await page.keyboard.type('23');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'AB123', exact: true })).toBeVisible();
    await expect(search).toBeHidden();

    // A barcode scanner: the whole code and Enter in one go, lower case.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('ab12\n');
    // Exact: the page already shows AB123, whose name contains "AB12".
    await expect(page.getByRole('heading', { level: 1, name: 'AB12', exact: true })).toBeVisible();
    await expect(search).toBeHidden();

    // A code nobody has exactly opens nobody: the list stays, and Enter again opens the first.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('AB1\n');
    await expect(search.getByRole('status')).toHaveText('Nobody has the code “AB1” exactly. Choose from the list, or press Enter to open the first.');
    await expect(search.getByRole('option')).toHaveCount(3);
    await shot(page, 'people-07-search-no-exact-code');
    // An arrowed-to result opens itself.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: /^AB12\d$/ })).toBeVisible();
  });

  test('every entry form saves with Ctrl+Enter; the assistant quotes their words and rewords only staff’s', async ({ page, preview }) => {
    test.setTimeout(120_000);
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
    const person = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'RT55', preferredName: 'Rae', pronouns: 'they/them' });
    await page.evaluate((id) => (window.location.hash = `#/people/${id}`), person.id);
    await expect(page.getByRole('heading', { level: 1, name: 'Rae' })).toBeVisible();

    // A goal in their words: the assistant offers to quote their word, never other wording.
    const goals = page.locator('#goals');
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    const goal = page.getByLabel('Their goal, in their words');
    await expect(goal).toBeFocused();
    await page.keyboard.type('stay clean for my kids');
    const goalHints = goals.locator('.language-hints');
    await expect(goalHints).toContainText('Their words stay as they said them');
    await expect(goalHints.getByRole('button', { name: /^Use / })).toHaveCount(0);
    await expect(goalHints).not.toContainText('Instead of');
    await partShot(page.locator('#goals'), 'people-08-goal-their-words');
    const quote = goalHints.getByRole('button', { name: 'Quote “clean” as their word' });
    await quote.focus();
    await page.keyboard.press('Enter');
    await expect(goal).toHaveValue('stay “clean” for my kids');
    await expect(goal).toBeFocused();
    await expect(goalHints).toBeEmpty();
    await page.keyboard.press('Control+Enter');
    await expect(goals.locator('.entry-quote')).toHaveText('stay “clean” for my kids');

    // A moment in staff's words: other wording, taken from the keyboard; the keyboard goes back to the text.
    const moments = page.locator('#moments');
    await moments.getByRole('button', { name: 'Add a moment' }).click();
    const moment = page.getByLabel('What happened');
    await page.keyboard.type('Came back after a relapse and asked for us by name.');
    const use = moments.locator('.language-hints').getByRole('button', { name: /^Use “.+” instead of “relapse”$/ }).first();
    await expect(use).toBeVisible();
    // What each button shows is how its name begins.
    for (const button of await moments.locator('.language-hints button').all()) {
      const [shown, name] = [(await button.innerText()).trim(), (await button.getAttribute('aria-label')) ?? ''];
      expect(name.startsWith(shown), `${name} / ${shown}`).toBe(true);
    }
    await partShot(page.locator('#moments'), 'people-08-moment-staff-words');
    await use.focus();
    await page.keyboard.press('Enter');
    await expect(moment).toHaveValue('Came back after a return to use and asked for us by name.');
    await expect(moment).toBeFocused();
    expect(await moment.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe('Came back after a return to use'.length);
    await page.keyboard.press('Control+Enter');
    await expect(moments.locator('.entry-text')).toHaveText('Came back after a return to use and asked for us by name.');

    // Phase change.
    const phase = page.locator('#phase');
    await phase.getByRole('button', { name: 'Change phase' }).click();
    await phase.getByRole('textbox', { name: 'Why', exact: true }).fill('Asked for a regular time.');
    await page.keyboard.press('Control+Enter');
    await expect(phase).toContainText('Changed to Maintenance');

    // Substance use.
    const use2 = page.locator('#substance-use');
    await use2.getByRole('button', { name: 'Add what they shared' }).click();
    await page.keyboard.type('fentanyl');
    await page.keyboard.press('Control+Enter');
    await expect(use2.locator('.entry')).toContainText('fentanyl');

    // Treatment interest: nothing chosen until they talk about one.
    const treatment = page.locator('#treatment');
    await treatment.getByRole('button', { name: 'Add treatment interest' }).click();
    await expect(treatment.getByRole('button', { name: /Option$/ })).toBeFocused();
    await expect(treatment.getByRole('button', { name: /Option$/ })).toContainText('Choose one');
    await page.keyboard.press('m');
    await expect(treatment.getByRole('button', { name: /Option$/ })).toContainText('Methadone');
    await page.keyboard.press('Control+Enter');
    await expect(treatment).toContainText('Methadone: Not right now');

    // Overdose response: who overdosed, emergency services in the clinic's words, and a stepper that starts at 1.
    const overdose = page.locator('#overdose');
    await overdose.getByRole('button', { name: 'Add a report' }).click();
    await expect(overdose.getByRole('radio', { name: 'This participant' })).toBeFocused();
    await overdose.getByText('Someone they were with', { exact: true }).click();
    await overdose.getByRole('textbox', { name: 'Who reported it', exact: true }).fill('Rae');
    await expect(overdose.getByRole('radiogroup', { name: 'Emergency services called (911)' })).toBeVisible();
    const doses = overdose.getByRole('textbox', { name: 'Naloxone doses used' });
    await overdose.getByRole('button', { name: /^Increase/ }).click();
    await expect(doses).toHaveValue('1');
    await overdose.getByRole('button', { name: /^Increase/ }).click();
    await expect(doses).toHaveValue('2');
    await shot(page, 'people-09-overdose-form');
    // A number typed and not yet left is what Ctrl+Enter saves.
    await doses.fill('3');
    await doses.focus();
    await page.keyboard.press('Control+Enter');
    await expect(overdose.locator('.entry')).toContainText('Someone they were with');
    await expect(overdose.locator('.entry')).toContainText('Emergency services called (911)');
    await expect(overdose.locator('.entry dd').nth(2)).toHaveText('3');

    // Referral and consent.
    const referrals = page.locator('#referrals');
    await referrals.getByRole('button', { name: 'Add a referral' }).click();
    await page.keyboard.type('Harbour housing first program');
    await page.keyboard.press('Control+Enter');
    await expect(referrals).toContainText('Harbour housing first program');
    const consents = page.locator('#consents');
    await consents.getByRole('button', { name: 'Add a consent' }).click();
    await page.keyboard.type('Dr. Alvarez');
    await consents.getByRole('textbox', { name: 'What may be shared', exact: true }).fill('Appointment times');
    await page.keyboard.press('Control+Enter');
    await expect(consents).toContainText('May share with Dr. Alvarez: Appointment times');
    await partShot(page.locator('#overdose'), 'people-09-overdose-saved');
  });
});
