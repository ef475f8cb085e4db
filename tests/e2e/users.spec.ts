import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openEncrypted } from '../../electron/core/db/database';
import { unlockWithRecovery, vaultPaths } from '../../electron/core/vault/vault';
import { ADMIN } from '../support/vault';
import { expect, test, type Preview } from './fixtures';
import { expectAccessible, shot, signIn } from './helpers';

test.use({ vault: 'ready' });

interface Answer<T> {
  ok: boolean;
  value?: T;
  error?: { code: string; message: string };
}

/** Calls the preview's router as the page itself does: same origin, same secret, same session. */
async function call<T = unknown>(page: Page, preview: Preview, name: string, input: unknown): Promise<Answer<T>> {
  return page.evaluate(
    async ({ name, input, secret }) => {
      const res = await fetch('/rpc', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Doorway-Secret': secret },
        body: JSON.stringify({ name, input }),
      });
      return (await res.json()) as Answer<T>;
    },
    { name, input, secret: preview.secret },
  );
}

async function rpc<T = unknown>(page: Page, preview: Preview, name: string, input: unknown): Promise<T> {
  const r = await call<T>(page, preview, name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error?.message}`);
  return r.value as T;
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

async function signInAdmin(page: Page) {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
}

/** First sign-in with a temporary password: the only screen is "choose your own". */
async function firstSignIn(page: Page, username: string, temporary: string, own: string) {
  await signIn(page, username, temporary);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('Current password').fill(temporary);
  await page.getByLabel('New password', { exact: true }).fill(own);
  await page.getByLabel('Confirm new password').fill(own);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

test('an administrator adds a colleague with a temporary password; the colleague chooses their own at first sign-in', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();

  // Sent empty first: the messages on the fields are read out as well as shown.
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByLabel('Their name')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'staff: adding a staff member, with what to fix');

  await page.getByLabel('Their name').fill('Sam Rivera');
  await page.getByLabel('Username').fill('sam');
  await page.getByText('Clinician', { exact: true }).click();
  await expect(page.getByRole('radio', { name: /Clinician/ })).toBeChecked();
  await shot(page, 'staff-01-add');
  await expectAccessible(page, 'staff: adding a staff member, filled in');
  await page.getByRole('button', { name: 'Add staff member' }).click();

  const dialog = page.getByRole('dialog', { name: 'Sam Rivera can sign in now' });
  await expect(dialog).toBeVisible();
  const temporary = (await dialog.getByTestId('temporary-password').innerText()).trim();
  expect(temporary).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}-[a-z2-9]{5}$/);
  await shot(page, 'staff-02-temporary-password');
  await expectAccessible(page, 'staff: the new account\'s temporary password');
  await dialog.getByRole('button', { name: "I've given it to them" }).click();
  await expect(dialog).toHaveCount(0);
  // Shown once: it is nowhere on the page afterwards.
  await expect(page.getByText(temporary)).toHaveCount(0);

  const row = page.getByTestId('staff-row').filter({ hasText: 'Sam Rivera' });
  await expect(row).toContainText('Clinician');
  await expect(row).toContainText('Temporary password');
  await shot(page, 'staff-03-list');

  // Editing a colleague: a dialog over the list.
  await page.getByRole('button', { name: 'Edit Sam Rivera' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Sam Rivera' });
  await expect(edit.getByLabel('Their name')).toHaveValue('Sam Rivera');
  await expect(edit.getByRole('radio', { name: /Clinician/ })).toBeChecked();
  await expectAccessible(page, 'staff: edit a staff member');
  await edit.getByLabel('Their name').fill('');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(edit.getByLabel('Their name')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'staff: edit a staff member, with what to fix');
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row).toContainText('Sam Rivera');

  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'sam', temporary);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
  await shot(page, 'staff-04-forced-password-change');
  await page.getByLabel('Current password').fill(temporary);
  await page.getByLabel('New password', { exact: true }).fill('sam picks a long one 3');
  await page.getByLabel('Confirm new password').fill('sam picks a long one 3');
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Signed in as').locator('strong')).toHaveText('Sam Rivera');
  // A clinician sees no staff or audit screens.
  await expect(mainNav(page).getByRole('link', { name: 'Staff' })).toHaveCount(0);
  await expect(mainNav(page).getByRole('link', { name: 'Audit trail' })).toHaveCount(0);
});

test('a colleague choosing their own password: weak ones are refused with the reason and nothing is saved; a strong one is accepted', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  const made = await rpc<{ temporaryPassword: string }>(page, preview, 'users.create', { username: 'noor', displayName: 'Noor Haddad', role: 'clinician' });
  await page.getByRole('button', { name: 'Switch user' }).click();
  await signIn(page, 'noor', made.temporaryPassword);
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();

  const current = page.getByLabel('Current password');
  const fresh = page.getByLabel('New password', { exact: true });
  const confirm = page.getByLabel('Confirm new password');
  const refusals = [
    { weak: 'password12', reason: 'This is a commonly used password.' },
    { weak: 'aaaaaaaaaa', reason: 'Repeated characters like "aaa" are easy to guess.' },
  ];
  for (const { weak, reason } of refusals) {
    await current.fill(made.temporaryPassword);
    await fresh.fill(weak);
    // Said while typing, before anything is sent: weak, and one plain way to do better.
    await expect(fresh).toHaveAccessibleDescription(/^Weak\. /);
    await expect(fresh).not.toHaveAccessibleDescription(/at least 10 characters/);
    await confirm.fill(weak);
    await page.getByRole('button', { name: 'Save new password' }).click();
    // Refused on the field, with the reason and a way to a better one, read out with the field.
    await expect(fresh).toHaveAttribute('aria-invalid', 'true');
    await expect(fresh).toBeFocused();
    const message = `Please choose a stronger password. ${reason} Try a short sentence, or three or four unrelated words that mean something only to you.`;
    await expect(page.getByText(message, { exact: true })).toBeVisible();
    await expect(fresh).toHaveAccessibleDescription(new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
    if (weak === 'password12') {
      await page.setViewportSize({ width: 1366, height: 768 });
      await shot(page, 'staff-08-weak-password-refused');
      await expectAccessible(page, 'choose your own password, with a weak one refused');
    }
    // Nothing saved: the account still needs its own password, and the core refuses the same password.
    const state = await rpc<{ session: { mustChangePassword: boolean } | null }>(page, preview, 'session.state', {});
    expect(state.session?.mustChangePassword).toBe(true);
    const direct = await call(page, preview, 'session.changePassword', { currentPassword: made.temporaryPassword, newPassword: weak });
    expect(direct.ok).toBe(false);
    expect(direct.error?.message).toContain(reason);
  }

  // A strong one: accepted, and it is the password from now on (the temporary one no longer opens).
  const own = 'noor walks the long way home 4';
  await current.fill(made.temporaryPassword);
  await fresh.fill(own);
  await expect(fresh).toHaveAccessibleDescription(/^Strong\. /);
  await confirm.fill(own);
  await page.getByRole('button', { name: 'Save new password' }).click();
  await expect(page.getByText('Signed in as').locator('strong')).toHaveText('Noor Haddad');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'noor', made.temporaryPassword);
  await expect(page.getByRole('alert')).toHaveText("That username and password don't match. Check both and try again.");
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toHaveCount(0);
  await signIn(page, 'noor', own);
  await expect(page.getByText('Signed in as').locator('strong')).toHaveText('Noor Haddad');
});

test('turning an account off offers a change of the vault key, which runs to the end', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  await rpc(page, preview, 'users.create', { username: 'jo', displayName: 'Jo Park', role: 'front_desk' });
  await mainNav(page).getByRole('link', { name: 'Staff' }).click();
  await page.getByRole('button', { name: 'Turn off the account of Jo Park' }).click();
  const confirm = page.getByRole('dialog', { name: "Turn off Jo Park's account?" });
  await expect(confirm).toBeVisible();
  await shot(page, 'staff-05-turn-off');
  await expectAccessible(page, "staff: turn off a colleague's account?");
  await confirm.getByRole('button', { name: 'Turn off' }).click();

  const offer = page.getByRole('dialog', { name: 'Also change the vault key?' });
  await expect(offer).toBeVisible();
  await expect(offer).toContainText("Jo Park's account is turned off.");
  await shot(page, 'staff-06-offer-key-change');
  await expectAccessible(page, 'staff: also change the vault key?');
  await offer.getByRole('button', { name: 'Change the key now' }).click();
  const done = page.getByRole('dialog', { name: 'Vault key' });
  await expect(done).toContainText('The vault key was changed.');
  await shot(page, 'staff-07-key-changed');
  await done.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('staff-row').filter({ hasText: 'Jo Park' })).toContainText('Turned off');
  await expect(page.getByRole('button', { name: 'Turn back on the account of Jo Park' })).toBeVisible();
  await expectAccessible(page, 'staff: a turned-off account in the list');

  const audit = await rpc<{ items: { action: string }[] }>(page, preview, 'audit.list', { limit: 5 });
  expect(audit.items.map((e) => e.action)).toContain('vault.rotateKey');
});

test('the audit trail filters by person, staff member and action, and verifies its chain', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  const a = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'AU-17', preferredName: 'Ari' });
  await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'BX-02', preferredName: 'Bex' });
  const c = await rpc<{ id: number }>(page, preview, 'contacts.record', { personId: a.id, setting: 'drop_in', whatMattered: 'Dry socks' });
  await rpc(page, preview, 'people.get', { id: a.id });
  await rpc(page, preview, 'contacts.update', { id: c.id, changes: { whatMattered: 'Dry socks and a coffee' } });
  await rpc(page, preview, 'entries.add', { personId: a.id, kind: 'goal', occurredOn: '2025-01-02', data: { text: 'Keep my apartment' } });
  await rpc(page, preview, 'backup.updateSettings', { keepDaily: 5 });

  await mainNav(page).getByRole('link', { name: 'Audit trail' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit trail' })).toBeVisible();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  // Words people read, never the names in code (backup.settings, whatMattered, keepDaily).
  const all = page.getByTestId('audit-row');
  await expect(all.nth(0)).toContainText('Backup settings changed');
  await expect(all.nth(0)).toContainText(/daily backups kept: \d+ → 5/);
  await expect(all.nth(1)).toContainText('Entry added: goal');
  await expect(all.nth(2)).toContainText('Contact edited');
  await expect(all.nth(2)).toContainText('Changed: what mattered to them');
  await expect(page.getByRole('table')).not.toContainText(/backup\.settings|whatMattered|keepDaily|entry\.create/);
  await shot(page, 'audit-01-all');

  await page.getByLabel('Client code').fill('au-17');
  await page.getByRole('button', { name: 'Show entries' }).click();
  const rows = page.getByTestId('audit-row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText('Entry added: goal');
  await expect(rows.nth(1)).toContainText('Contact edited');
  await expect(rows.nth(2)).toContainText('Record opened');
  await expect(rows.nth(3)).toContainText('Contact recorded');
  await expect(rows.nth(4)).toContainText('Person added');
  await shot(page, 'audit-02-person');

  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByRole('button', { name: /Staff member/ }).click();
  await page.getByRole('option', { name: ADMIN.displayName }).click();
  await page.getByRole('button', { name: /What happened/ }).click();
  await page.getByRole('option', { name: 'Signed in' }).click();
  await page.getByRole('button', { name: 'Show entries' }).click();
  await expect(rows.first()).toContainText('Signed in');
  await expect(rows.filter({ hasNotText: 'Signed in' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: /The audit trail is intact: \d+ entries checked/ })).toBeVisible();
  await shot(page, 'audit-03-verified');

  const unknown = page.getByLabel('Client code');
  await unknown.fill('ZZ-99');
  await page.getByRole('button', { name: 'Show entries' }).click();
  await expect(page.getByText('No one has the client code ZZ-99.')).toBeVisible();
});

test('emergency access with the recovery code keeps its banner on every screen until sign-out', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await page.getByRole('button', { name: 'Emergency access' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Emergency access' })).toBeVisible();
  await page.getByLabel('Recovery code').fill(preview.recoveryCode!.toLowerCase());
  await page.getByLabel('Your name').fill('Morgan Lee');
  await shot(page, 'emergency-01-form');
  await expectAccessible(page, 'emergency access form');
  await page.getByRole('button', { name: 'Open with emergency access' }).click();

  const banner = page.getByTestId('emergency-banner');
  await expect(banner).toContainText('Emergency access: Morgan Lee. Everything done now is recorded as emergency access.');
  await shot(page, 'emergency-02-home');
  await expectAccessible(page, 'home with the emergency access banner');
  for (const screen of ['Participants', 'Settings', 'Staff', 'Audit trail']) {
    await mainNav(page).getByRole('link', { name: screen }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen === 'Staff' ? 'Staff accounts' : screen })).toBeVisible();
    await expect(banner).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
    await expectAccessible(page, `${screen} with the emergency access banner`);
  }
  await expect(page.getByTestId('audit-row').first()).toContainText('Emergency access');
  await shot(page, 'emergency-03-audit');

  await banner.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Doorway' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  await signInAdmin(page);
  await expect(page.getByTestId('emergency-banner')).toHaveCount(0);
});

test('switch user leaves nothing of the previous person behind', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  const made = await rpc<{ temporaryPassword: string }>(page, preview, 'users.create', { username: 'casey', displayName: 'Casey Front', role: 'front_desk' });
  const p = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'SW-11', name: 'Quinn Marlowe', preferredName: 'Quinn' });
  await page.goto(`${preview.origin}/#/people/${p.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Quinn' })).toBeVisible();

  await page.getByRole('button', { name: 'Switch user' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Doorway' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveValue('');
  const text = await page.locator('body').innerText();
  for (const leftover of ['Quinn', 'SW-11', ADMIN.displayName, 'Harbour Street Clinic']) expect(text).not.toContain(leftover);
  expect(new URL(page.url()).hash).toBe('');
  await shot(page, 'switch-01-sign-in');
  // The server agrees: there is no session to reach the previous person's records through.
  expect((await call(page, preview, 'people.get', { id: p.id })).error?.code).toBe('NOT_SIGNED_IN');

  await firstSignIn(page, 'casey', made.temporaryPassword, 'casey front door shift 8');
  await expect(page.getByText('Signed in as').locator('strong')).toHaveText('Casey Front');
  // Casey starts at home, not on the page River had open.
  expect(['', '#/']).toContain(new URL(page.url()).hash);
  await expect(page.getByRole('heading', { level: 1, name: 'Quinn' })).toHaveCount(0);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Quinn' })).toHaveCount(0);
});

test('the front desk cannot see clinical notes: hidden on screen, and refused by the router', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  const person = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'FD-07', preferredName: 'Dee' });
  const today = new Date().toISOString().slice(0, 10);
  await rpc(page, preview, 'entries.add', { personId: person.id, kind: 'overdose_response', occurredOn: today, data: { reportedBy: 'A friend', naloxoneDoses: 2, called911: 'yes', someoneStayed: 'yes', outcome: 'alive_stayed' } });
  const contact = await rpc<{ id: number }>(page, preview, 'contacts.record', { personId: person.id, setting: 'drop_in', note: 'Clinical note only clinicians read.', whatMattered: 'A warm drink.' });
  const made = await rpc<{ temporaryPassword: string }>(page, preview, 'users.create', { username: 'fran', displayName: 'Fran Okoye', role: 'front_desk' });

  await page.getByRole('button', { name: 'Switch user' }).click();
  await firstSignIn(page, 'fran', made.temporaryPassword, 'fran at the front desk 5');
  await page.goto(`${preview.origin}/#/people/${person.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Dee' })).toBeVisible();
  await expect(page.getByText('A warm drink.')).toBeVisible();
  await expect(page.getByText('Clinical note only clinicians read.')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Overdose responses' })).toHaveCount(0);
  await shot(page, 'front-desk-01-person');

  const pageData = await rpc<{ contacts: { note: string | null }[]; entries: { kind: string }[]; canReadClinical: boolean }>(page, preview, 'people.get', { id: person.id });
  expect(pageData.canReadClinical).toBe(false);
  expect(pageData.contacts.map((c) => c.note)).toEqual([null]);
  expect(pageData.entries.map((e) => e.kind)).not.toContain('overdose_response');
  for (const [name, input] of [
    ['entries.add', { personId: person.id, kind: 'substance_use', occurredOn: today, data: { prefersNotToSay: true } }],
    ['contacts.update', { id: contact.id, changes: { note: 'Trying to read or write a note.' } }],
    ['contacts.record', { personId: person.id, setting: 'drop_in', note: 'A note from the front desk.' }],
    ['audit.list', {}],
    ['users.list', {}],
  ] as const) {
    expect((await call(page, preview, name, input)).error?.code, name).toBe('FORBIDDEN');
  }
});

test('entries cut from the end of the audit trail are named when the chain is verified', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  for (const code of ['CT-01', 'CT-02', 'CT-03']) await rpc(page, preview, 'people.create', { clientCode: code });
  // Signing out writes the sealed note of the newest entry (core/audit/anchor.ts).
  await rpc(page, preview, 'session.signOut', {});
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  // Someone with the vault key removes the newest entries while nobody is signed in.
  const unlocked = await unlockWithRecovery(vaultPaths(preview.dataDir), preview.recoveryCode ?? '');
  const db = openEncrypted(join(preview.dataDir, 'doorway.db'), unlocked.dataKey);
  try {
    db.exec('DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;');
    db.prepare('DELETE FROM audit_events WHERE id > (SELECT max(id) - 4 FROM audit_events)').run();
  } finally {
    db.close();
    unlocked.dataKey.fill(0);
  }

  await signInAdmin(page);
  await mainNav(page).getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/The newest entries are missing: the trail ends at entry \d+, but entry \d+ was recorded on/)).toBeVisible();
  await shot(page, 'audit-04-missing-tail');
});

test('the staff names on a contact form follow every change to staff at once, never minutes later', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signInAdmin(page);
  const p = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'ST-04', preferredName: 'Rue' });

  // The contact form's staff names, read once and cached, then left for the staff screen.
  const staffOptions = async () => {
    await page.evaluate((id) => (window.location.hash = `#/people/${id}/contact`), p.id);
    await expect(page.getByRole('heading', { level: 1, name: 'Record a contact with Rue' })).toBeVisible();
    await page.getByRole('button', { name: /Staff member/ }).click();
    const list = page.getByRole('listbox');
    await expect(list.getByRole('option', { name: ADMIN.displayName })).toBeVisible();
    const names = await list.getByRole('option').allInnerTexts();
    await page.keyboard.press('Escape');
    await expect(list).toHaveCount(0);
    return names.map((n) => n.trim());
  };
  const openStaff = async () => {
    await mainNav(page).getByRole('link', { name: 'Staff' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Staff accounts' })).toBeVisible();
  };

  expect(await staffOptions()).not.toContain('Lee Chen');

  await openStaff();
  await page.getByLabel('Their name').fill('Lee Chen');
  await page.getByLabel('Username').fill('lee');
  await page.getByText('Clinician', { exact: true }).click();
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await page.getByRole('dialog', { name: 'Lee Chen can sign in now' }).getByRole('button', { name: "I've given it to them" }).click();
  expect(await staffOptions()).toContain('Lee Chen');

  await openStaff();
  await page.getByRole('button', { name: 'Edit Lee Chen' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit Lee Chen' });
  await edit.getByLabel('Their name').fill('Lee Chen-Ortiz');
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('staff-row').filter({ hasText: 'Lee Chen-Ortiz' })).toBeVisible();
  const renamed = await staffOptions();
  expect(renamed).toContain('Lee Chen-Ortiz');
  expect(renamed).not.toContain('Lee Chen');

  await openStaff();
  await page.getByRole('button', { name: 'Turn off the account of Lee Chen-Ortiz' }).click();
  await page.getByRole('dialog', { name: "Turn off Lee Chen-Ortiz's account?" }).getByRole('button', { name: 'Turn off' }).click();
  await page.getByRole('dialog', { name: 'Also change the vault key?' }).getByRole('button', { name: 'Not now' }).click();
  await expect(page.getByTestId('staff-row').filter({ hasText: 'Lee Chen-Ortiz' })).toContainText('Turned off');
  // A turned-off account is not offered for a new contact.
  expect(await staffOptions()).not.toContain('Lee Chen-Ortiz');
});
