import { join } from 'node:path';
import { ADMIN } from '../support/vault';
import { expect, test } from './fixtures';
import { expectAccessible, rpc, signIn } from './helpers';

test.use({ vault: 'ready' });

/**
 * A Spanish note in the contact form, with the interface still in English: the assistant detects the
 * note's language and answers in it, with the Spanish list, its sources, and a dismiss button.
 */
test('a Spanish note gets Spanish suggestions that can be taken or dismissed, and quoted words stay theirs', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  const person = await rpc<{ id: number }>(page, preview, 'people.create', { clientCode: 'LV07', preferredName: 'Lupe', pronouns: 'ella' });
  await page.evaluate((id) => (window.location.hash = `#/people/${id}`), person.id);
  await expect(page.getByRole('heading', { level: 1, name: 'Lupe' })).toBeVisible();

  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 1, name: /^Record a contact with / })).toBeVisible();
  await page.keyboard.press('d');

  const note = page.getByRole('textbox', { name: 'Note' });
  await note.fill('Vino a la camioneta con su pareja. Dice que está limpia desde marzo, pero la muestra salió sucia. La paciente no cumple con las citas. Limpió la herida y le dimos jeringas sin usar.');
  const hints = page.locator('.language-hints').last();
  await expect(hints).toHaveAttribute('lang', 'es');
  await expect(hints).toContainText('3 sugerencias de redacción');
  await expect(hints).toContainText('En lugar de «limpia», podría escribir');
  await expect(hints).toContainText('En lugar de «sucia», podría escribir');
  await expect(hints).toContainText('En lugar de «no cumple», podría escribir');
  await expect(hints).toContainText('lasdrogas.info');
  // Nothing about the wound care or the unused syringes.
  await expect(hints).not.toContainText('Limpió');
  await expect(hints).not.toContainText('jeringas');
  await expectAccessible(page, 'contact form with Spanish suggestions');
  await hints.scrollIntoViewIfNeeded();
  await page.locator('.assisted-field').last().screenshot({ path: join(__dirname, '..', '..', 'test-results', 'screenshots', 'language-es-01-suggestions.png') });

  // Taken: the test result becomes "positiva", agreeing with "muestra".
  await hints.getByRole('button', { name: 'Usar «positiva» en lugar de «sucia»' }).click();
  await expect(note).toHaveValue(/la muestra salió positiva\./u);
  // Dismissed: that suggestion goes, the others stay, and the keyboard is back in the note.
  await hints.getByRole('button', { name: 'Descartar la sugerencia para «no cumple» en este formulario' }).click();
  await expect(hints).not.toContainText('«no cumple»');
  await expect(hints).toContainText('En lugar de «limpia»');
  await expect(note).toBeFocused();

  // What they said, in quotation marks or as dialogue, is theirs: no suggestion for it.
  const theirs = page.getByRole('textbox', { name: 'What mattered to them today' });
  await theirs.fill('—Llevo tres meses limpia —dijo—, y quiero seguir así. Dijo «no soy una adicta».');
  await expect(page.locator('.language-hints').first()).toBeEmpty();

  // Saving is never blocked; the note is kept as written.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: /^Contact recorded at / })).toBeVisible();
  await expect(page.getByTestId('contact-item').first()).toContainText('la muestra salió positiva');
  await page.screenshot({ path: join(__dirname, '..', '..', 'test-results', 'screenshots', 'language-es-02-saved.png') });
});
