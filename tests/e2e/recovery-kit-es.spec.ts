import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { expectAccessible, shot } from './helpers';

/*
 * The recovery kit of someone who sets Doorway up in Spanish: the saved file (its name too) and the
 * printed page are in Spanish, with no English word left in them but the product's name.
 */

const english = JSON.parse(readFileSync(join(__dirname, '../../renderer/src/i18n/en.json'), 'utf8')) as { kit: Record<string, string> };
const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
/** The English kit's words; the ones Spanish writes the same way are not a sign of English. */
const ENGLISH_KIT = words(Object.values(english.kit).join(' '));
const SAME_IN_BOTH = new Set(['doorway', 'kit', 'txt', 'no', 'a', 'e', 'o', 'y', 'usb']);

function englishIn(text: string, own: string): string[] {
  const allowed = new Set([...SAME_IN_BOTH, ...words(own)]);
  return [...words(text)].filter((w) => ENGLISH_KIT.has(w) && !allowed.has(w));
}

test('set up in Spanish, the recovery kit is saved and printed in Spanish', async ({ page }) => {
  const clinic = 'Clínica Calle del Puerto';
  await page.locator('.first-run-language .select-trigger').click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Configurar Doorway' })).toBeVisible();
  await page.getByRole('button', { name: 'Continuar', exact: true }).click();
  await page.locator('input[name="clinicName"]').fill(clinic);
  await page.getByRole('button', { name: 'Continuar', exact: true }).click();
  await page.locator('input[name="displayName"]').fill('Lucía Romero');
  await page.locator('input[name="username"]').fill('lucia');
  await page.locator('input[name="password"]').fill('marea tranquila de la mañana 7');
  await page.locator('input[name="confirmPassword"]').fill('marea tranquila de la mañana 7');
  await page.getByRole('button', { name: 'Continuar', exact: true }).click();
  await expect(page.getByTestId('recovery-group-1')).toBeVisible();
  const groups: string[] = [];
  for (let i = 1; i <= 8; i++) groups.push((await page.getByTestId(`recovery-group-${i}`).innerText()).trim());
  const code = groups.join('-');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Guardar como archivo' }).click()]);
  expect(download.suggestedFilename()).toBe('doorway-kit-de-recuperacion.txt');
  await expect(page.getByRole('status').filter({ hasText: 'Guardado como doorway-kit-de-recuperacion.txt' })).toBeVisible();
  const text = await readFile((await download.path())!, 'utf8');
  expect(text.split('\n')[0]).toBe('Kit de recuperación de Doorway');
  expect(text).toContain(`Clínica: ${clinic}`);
  // The day in Spanish words, whatever the day of the run: "5 de diciembre de 2026".
  expect(text).toMatch(/^Fecha de creación: \d{1,2} de [a-z]+ de \d{4}$/m);
  expect(text).toContain(`Código de recuperación:\n${code}`);
  expect(text).toContain('«¿Olvidó su contraseña?»');
  expect(englishIn(text, `${clinic} ${code}`)).toEqual([]);
  await expectAccessible(page, 'the recovery code step in Spanish');

  // The printed page: the same words, only the kit on the sheet.
  await page.emulateMedia({ media: 'print' });
  const printed = page.locator('.print-kit');
  await expect(printed).toBeVisible();
  await expect(page.getByRole('button', { name: 'Imprimir el kit de recuperación' })).toBeHidden();
  const onPaper = await printed.innerText();
  expect(onPaper).toContain('Kit de recuperación de Doorway');
  expect(onPaper).toMatch(/Fecha de creación: \d{1,2} de [a-z]+ de \d{4}/);
  expect(englishIn(onPaper, `${clinic} ${code}`)).toEqual([]);
  await shot(page, 'spanish-recovery-kit-print');
  await page.emulateMedia({ media: 'screen' });
  await shot(page, 'spanish-recovery-kit-step');
});
