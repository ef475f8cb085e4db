import enAccess from '../../shared/messages/en-access.json';
import esAccess from '../../shared/messages/es-access.json';
import es from '../../renderer/src/i18n/es.json';
import esUsers from '../../renderer/src/i18n/es-users.json';
import { ADMIN } from '../support/vault';
import { expect, test } from './fixtures';
import { expectAccessible, rpc, shot, signIn } from './helpers';

test.use({ vault: 'ready' });

/*
 * What core says about signing in and staff accounts comes as keys (shared/messages): the screens say
 * it in the staff member's language, and say it again in another one when the language changes.
 */

test('a start-up problem is said in the language chosen on this computer, and a wrong password too', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Sign in to Doorway' })).toBeVisible();
  await page.evaluate(() => localStorage.setItem('doorway.language', 'es'));
  // The key file damaged: core's refusal as it comes over the wire, its English beside its key.
  await page.route('**/rpc', async (route) => {
    const body = route.request().postDataJSON() as { name?: string };
    if (body.name !== 'session.state') return route.continue();
    return route.fulfill({
      json: { ok: false, error: { code: 'KEYSLOTS_DAMAGED', message: enAccess.access.vault.keyFileDamaged, key: 'access.vault.keyFileDamaged' } },
    });
  });
  await page.reload();

  await expect(page.getByRole('heading', { level: 1, name: es.unavailable.heading })).toBeVisible();
  await expect(page.getByText(esAccess.access.vault.keyFileDamaged)).toBeVisible();
  await expect(page.getByText(enAccess.access.vault.keyFileDamaged)).toHaveCount(0);
  await shot(page, 'access-01-unavailable-es');
  await expectAccessible(page, 'start-up problem in Spanish');

  // Put right, "Try again" goes on to signing in, still in Spanish.
  await page.unroute('**/rpc');
  await page.getByRole('button', { name: es.unavailable.retry }).click();
  await expect(page.getByRole('heading', { level: 1, name: es.signIn.heading })).toBeVisible();
  await page.getByLabel(es.signIn.username).fill(ADMIN.username);
  await page.getByLabel(es.signIn.password, { exact: true }).fill('not the right password');
  await page.getByRole('button', { name: es.signIn.submit }).click();
  await expect(page.getByRole('alert')).toHaveText(esAccess.access.signInFailed);
  await shot(page, 'access-02-sign-in-refused-es');
  await expectAccessible(page, 'sign-in refused in Spanish');

  // Another language chosen right after: the refusal is said again in it, at once.
  await page.locator('.auth-language .select-trigger').click();
  await page.getByRole('option', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Doorway' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(enAccess.access.signInFailed);
});

test('a username already taken is said on the field and above the form in the staff member\'s language', async ({ page, preview }) => {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  await rpc(page, preview, 'users.create', { username: 'sam', displayName: 'Sam Rivera', role: 'clinician' });
  await rpc(page, preview, 'session.setLanguage', { language: 'es' });
  await page.reload();

  await page.getByRole('navigation', { name: es.shell.navigation }).getByRole('link', { name: esUsers.staff.nav }).click();
  await expect(page.getByRole('heading', { level: 1, name: esUsers.staff.heading })).toBeVisible();
  await page.getByLabel(esUsers.staff.add.name).fill('Samuel Ortiz');
  await page.getByLabel(esUsers.staff.add.username).fill('sam');
  await page.getByRole('button', { name: esUsers.staff.add.submit, exact: true }).click();

  const username = page.getByLabel(esUsers.staff.add.username);
  await expect(username).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(esAccess.users.usernameTakenField)).toBeVisible();
  await expect(page.getByText(enAccess.users.usernameTakenField)).toHaveCount(0);
  await shot(page, 'access-03-username-taken-es');
  await expectAccessible(page, 'staff: a username already taken, in Spanish');
});
