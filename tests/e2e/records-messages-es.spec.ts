import { ADMIN } from '../support/vault';
import { expect, test } from './fixtures';
import { expectAccessible, rpc, shot, signIn } from './helpers';

test.use({ vault: 'ready' });

/**
 * Core's refusals about records reach a Spanish-speaking staff member in Spanish: the key core sends
 * is said in their language by the renderer, with the person's own details (a code) in place.
 */
test("a staff member working in Spanish reads core's refusals about records in Spanish", async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  await rpc(page, preview, 'session.setLanguage', { language: 'es' });
  // Still signed in after a reload (the preview keeps the session); the screens now speak Spanish.
  await page.reload();

  // A timeline for someone who is not in the records: core's "not found", in Spanish.
  await page.evaluate(() => (window.location.hash = '#/timeline/9999'));
  await expect(page.getByText('No se encontró a esa persona.')).toBeVisible();
  await expect(page.getByText('That person could not be found.')).toHaveCount(0);
  await expectAccessible(page, 'timeline for someone not found, in Spanish');
  await shot(page, 'records-messages-es-01-not-found');
});
