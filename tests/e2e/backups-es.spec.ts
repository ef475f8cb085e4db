import { mkdtemp, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN } from '../support/vault';
import { api } from './continuity-data';
import { expect, test } from './fixtures';
import { expectAccessible, shot, signIn } from './helpers';

/*
 * What core says about backups (a folder that isn't there, an unplugged drive) reaches someone working
 * in Spanish in Spanish, with the folder's path in its place, on the Backups screen and the home screen.
 */

test.use({ vault: 'ready' });

test('backups in Spanish: the warnings and refusals from core are said in Spanish, with the folder named', async ({ page, preview, request }) => {
  test.setTimeout(120_000);
  const dest = await mkdtemp(join(tmpdir(), 'doorway-e2e-copias-'));
  try {
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
    await api(request, preview)('session.setLanguage', { language: 'es' });
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');

    // No folder yet: a calm note, in Spanish, on the home screen and on the Backups screen.
    const home = page.getByRole('region', { name: 'Copias de seguridad' });
    await expect(home).toContainText('Las copias de seguridad todavía no tienen carpeta.');
    await home.getByRole('link', { name: 'Abrir copias de seguridad' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Copias de seguridad' })).toBeVisible();
    await expect(page.getByText('Las copias de seguridad todavía no tienen carpeta. Elija una,')).toBeVisible();

    // A folder that isn't there: core's refusal, in Spanish, with the path in it.
    const folder = page.getByRole('textbox', { name: 'Carpeta de copias' });
    const missing = join(dest, 'desconectada');
    await folder.fill(missing);
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText(`La carpeta de copias ${missing} no está disponible en este momento.`);
    await expect(page.getByRole('alert')).not.toContainText("isn't available");

    // A good folder, then the drive goes away: the warning says so in Spanish and names the folder.
    await folder.fill(dest);
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await expect(page.getByText(/^Guardado a las /)).toBeVisible();
    await rename(dest, `${dest}-fuera`);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Copias de seguridad' })).toBeVisible();
    const warning = page.locator('.notice', { hasText: 'no está disponible en este momento' }).first();
    await expect(warning).toContainText(`La carpeta de copias ${dest} no está disponible en este momento. Si está en una memoria USB, conéctela; Doorway lo sigue intentando por sí solo.`);
    // When it tries again, with the time in Spanish and no sentence ending twice ("a.m..").
    await expect(warning).toContainText('Próximo intento: ');
    await expect(warning).not.toContainText('..');
    await expectAccessible(page, 'backups in Spanish with an unplugged drive');
    await shot(page, 'spanish-backups-unplugged');
    await rename(`${dest}-fuera`, dest);
  } finally {
    await rm(dest, { recursive: true, force: true });
    await rm(`${dest}-fuera`, { recursive: true, force: true });
  }
});
