import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { ADMIN } from '../support/vault';
import { expect, test, type Preview } from './fixtures';
import { expectAccessible, rpc, shot, signIn } from './helpers';

test.use({ vault: 'ready' });

/**
 * Import from a spreadsheet, on the real renderer against the real core: a messy contact log whose
 * problems are listed by row and column with nothing written, put right (the column, the file, the
 * people already known), then imported whole; a large file cancelled part-way with nothing written;
 * and the whole screen by keyboard alone.
 */

/** A program's contact log, as Excel writes CSV where the decimal mark is a comma: BOM, semicolons, Spanish headers. */
function messyLog(badDate: boolean): Buffer {
  const rows = [
    'Participante #;Fecha;Tipo;Jeringas;Lo que importó',
    `KT-0412;03/04/2025;intercambio;20;"Calcetines; y un lugar tranquilo"`,
    `MB-2207;13/04/2025 10:30;calle;;`,
    '',
    `RS-0033;${badDate ? '31/02/2025' : '28/02/2025'};intercambio;10;"Ropa seca,
y café"`,
    `KT-0412;2025-04-20;drop-in;5;`,
  ];
  return Buffer.from(`\uFEFF${rows.join('\r\n')}\r\n`);
}

async function people(page: Page, preview: Preview): Promise<string[]> {
  const list = await rpc<{ items: { clientCode: string | null }[] }>(page, preview, 'people.list', {});
  return list.items.map((p) => p.clientCode ?? '').sort();
}

async function contacts(page: Page, preview: Preview): Promise<number> {
  const list = await rpc<{ items: { contactCount: number }[] }>(page, preview, 'people.list', {});
  return list.items.reduce((n, p) => n + p.contactCount, 0);
}

async function openImport(page: Page): Promise<void> {
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import a spreadsheet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import from a spreadsheet' })).toBeVisible();
}

const fileInput = (page: Page) => page.getByLabel('Spreadsheet file');

test('a messy contact log: problems by row and column, nothing written; put right, then imported whole', async ({ page, preview }) => {
  test.setTimeout(120_000);
  await openImport(page);
  // Someone already known, whose code is in the file.
  await rpc(page, preview, 'people.create', { clientCode: 'KT-0412', preferredName: 'Kat' });
  await expectAccessible(page, 'import: nothing chosen yet');
  await shot(page, 'import-01-start');

  await fileInput(page).setInputFiles({ name: 'registro-marzo.csv', mimeType: 'text/csv', buffer: messyLog(true) });
  await expect(page.getByText(/registro-marzo\.csv \(\d+ KB\)/)).toBeVisible();
  // "Participante #" is not a header Doorway knows: the client code has no column yet, and it says so.
  const mapping = page.getByRole('region', { name: '2. Which column holds what' });
  await expect(mapping.getByText('Doorway guessed these from the column headers.', { exact: false })).toBeVisible();
  const problems = page.getByRole('region', { name: /to fix before importing/ });
  await expect(problems).toBeVisible();
  await expect(problems).toContainText('Client code');
  await expect(page.getByRole('button', { name: 'Import the whole file' })).toBeDisabled();

  // Staff choose the column: now every row is checked, and the bad date is named by row and column.
  await mapping.getByRole('button', { name: /Client code \(needed\)/ }).click();
  await page.getByRole('option', { name: 'Participante #' }).click();
  await expect(problems).toContainText('Row 5, Fecha: 31/02/2025 is not a date.');
  // The person already in Doorway is shown, and not matched until staff agree.
  const matches = page.getByRole('region', { name: '1 participant in the file is already in Doorway' });
  await expect(matches).toBeVisible();
  await expect(matches.getByRole('rowheader', { name: 'KT-0412' })).toBeVisible();
  await expect(problems).toContainText('KT-0412 is already in Doorway');
  await expectAccessible(page, 'import: problems listed');
  await shot(page, 'import-02-problems');
  expect(await people(page, preview)).toEqual(['KT-0412']);

  // Dates that read both ways: the order in use is shown with where it came from (13/04/2025 can only be day first).
  const dates = page.getByRole('region', { name: 'Dates that read both ways' });
  await expect(dates).toContainText('1 row has a date that could be day first or month first');
  await expect(dates.getByRole('radio', { name: '3 April 2025 (day first)' })).toBeChecked();
  await expect(dates).toContainText("Doorway is using the order the file's other dates show");
  // Staff can choose; choosing month first, then day first again, is said to be their choice.
  await dates.getByText('March 4, 2025 (month first)').click();
  await expect(dates.getByRole('radio', { name: 'March 4, 2025 (month first)' })).toBeChecked();
  await dates.getByText('3 April 2025 (day first)').click();
  await expect(dates.getByRole('radio', { name: '3 April 2025 (day first)' })).toBeChecked();
  await expect(dates).toContainText('You chose this order.');

  // The same file, fixed and saved, chosen again: the columns chosen stay.
  await fileInput(page).setInputFiles({ name: 'registro-marzo.csv', mimeType: 'text/csv', buffer: messyLog(false) });
  await expect(problems).not.toContainText('31/02/2025');
  await expect(mapping.getByRole('button', { name: /Client code \(needed\)/ })).toContainText('Participante #');
  // Staff agree KT-0412 is the same person: the last problem goes.
  await matches.getByText("These are the same participants: add the file's rows to their records").click();
  await expect(problems).toHaveCount(0);

  const table = page.getByRole('table', { name: /^4 of the file's 4 rows/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(5);
  await expect(table).toContainText('SSP exchange');
  await expect(table).toContainText('Street outreach');
  await expect(table).toContainText('Calcetines; y un lugar tranquilo');
  await expect(page.getByText('Ready to add 2 new participants and 4 contacts. 1 participant already in Doorway will get their rows.')).toBeVisible();
  await expectAccessible(page, 'import: ready');
  await shot(page, 'import-03-ready');
  expect(await people(page, preview)).toEqual(['KT-0412']);

  await page.getByRole('button', { name: 'Import the whole file' }).click();
  const done = page.getByRole('region', { name: 'Imported' });
  await expect(done).toContainText('From registro-marzo.csv: 2 new participants and 4 contacts were added. Rows were also added to 1 participant already in Doorway.');
  await expectAccessible(page, 'import: done');
  await shot(page, 'import-04-done');
  expect(await people(page, preview)).toEqual(['KT-0412', 'MB-2207', 'RS-0033']);
  expect(await contacts(page, preview)).toBe(4);

  // The next file with the same headers comes back with the columns chosen for this one (remembered by core).
  await done.getByRole('button', { name: 'Import another file' }).click();
  await fileInput(page).setInputFiles({ name: 'registro-abril.csv', mimeType: 'text/csv', buffer: Buffer.from('Participante #;Fecha;Tipo;Jeringas;Lo que importó\r\nZZ-0001;2025-05-02;calle;3;\r\n') });
  await expect(mapping.getByText('These are the columns you chose the last time a file with these headers was imported.', { exact: false })).toBeVisible();
  await expect(mapping.getByRole('button', { name: /Client code \(needed\)/ })).toContainText('Participante #');
  await expect(page.getByText('Ready to add 1 new participant and 1 contact.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Participants' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible();
  await expect(page.getByRole('row', { name: /MB-2207/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /RS-0033/ })).toBeVisible();
});

test('a large file: the progress bar, and a cancel part-way that writes nothing', async ({ page, preview }) => {
  test.setTimeout(180_000);
  await openImport(page);
  const lines = ['Client code,Date,Setting,Syringes'];
  for (let i = 0; i < 60_000; i++) lines.push(`HS-${String(i % 2_000).padStart(4, '0')},2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},ssp,${1 + (i % 30)}`);
  await fileInput(page).setInputFiles({ name: 'year-log.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await expect(page.getByText('Ready to add 2,000 new participants and 60,000 contacts.')).toBeVisible({ timeout: 60_000 });

  await page.getByRole('button', { name: 'Import the whole file' }).click();
  const bar = page.getByRole('progressbar');
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAccessibleName(/Checking every row|Writing the rows|Starting/);
  // The window stays responsive while it runs: the page still answers to the keyboard and to clicks.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(5);
  await shot(page, 'import-05-progress');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('The import was cancelled. Nothing from the file was written.')).toBeVisible({ timeout: 30_000 });
  await expect(bar).toHaveCount(0);
  await expectAccessible(page, 'import: cancelled');
  await shot(page, 'import-06-cancelled');
  expect(await people(page, preview)).toEqual([]);
  const trail = await rpc<{ items: { action: string }[] }>(page, preview, 'audit.list', {});
  expect(trail.items.map((e) => e.action)).not.toContain('records.import');
});

test('the whole screen by keyboard alone', async ({ page, preview }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Import a spreadsheet' });
  await nav.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Import from a spreadsheet' })).toBeFocused();

  // Tab to the choice of what the file holds; arrows choose people.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Contacts (one row per contact, with services and supplies)' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Participants (one row each)' })).toBeChecked();
  // Next stop: the file chooser (the system's dialog opens from here; the test hands it the file).
  await page.keyboard.press('Tab');
  await expect(fileInput(page)).toBeFocused();
  await fileInput(page).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from('Code,Goes by,Year\nAB-1001,Sam,1980\nAB-1002,,1975\n') });
  await expect(page.getByText('Ready to add 2 new participants.')).toBeVisible();

  // "Goes by" was guessed as the preferred name; "Year" was not: choose it for the birth year with the keyboard.
  const birthYear = page.getByRole('button', { name: /Birth year/ });
  await birthYear.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.type('Year');
  await page.keyboard.press('Enter');
  await expect(birthYear).toContainText('Year');
  const table = page.getByRole('table', { name: /^2 of the file's 2 rows/ });
  await expect(table).toContainText('1980');

  // On through the page by Tab to the import button, and Enter.
  const importButton = page.getByRole('button', { name: 'Import the whole file' });
  for (let i = 0; i < 40 && !(await importButton.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(importButton).toBeFocused();
  await page.keyboard.press('Enter');
  const done = page.getByRole('region', { name: 'Imported' });
  await expect(done).toContainText('From people.csv: 2 new participants were added.');
  expect(await people(page, preview)).toEqual(['AB-1001', 'AB-1002']);
  await page.keyboard.press('Tab');
  await expect(done.getByRole('link', { name: 'Go to Participants' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeVisible();
});

test('an Excel workbook is read in the window and imported the same way', async ({ page, preview }) => {
  test.setTimeout(90_000);
  await openImport(page);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Log');
  ws.addRow(['Client code', 'Date', 'Setting', 'Syringes']);
  ws.addRow(['XL-0001', new Date(Date.UTC(2025, 5, 2, 9, 30)), 'van', 12]);
  ws.addRow(['XL-0001', new Date(Date.UTC(2025, 5, 9, 14, 0)), 'Street outreach', { formula: '2*5', result: 10 }]);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  await fileInput(page).setInputFiles({ name: 'van-log.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
  await expect(page.getByText('Ready to add 1 new participant and 2 contacts.')).toBeVisible();
  const table = page.getByRole('table', { name: /^2 of the file's 2 rows/ });
  await expect(table).toContainText('Van');
  await expect(table).toContainText('Syringes × 10');
  await page.getByRole('button', { name: 'Import the whole file' }).click();
  await expect(page.getByRole('region', { name: 'Imported' })).toContainText('From van-log.xlsx: 1 new participant and 2 contacts were added.');
  expect(await people(page, preview)).toEqual(['XL-0001']);
  expect(await contacts(page, preview)).toBe(2);
});

test('in Spanish: the problems, the field names and the supply columns in the staff member’s language', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
  // Her own language, chosen in Settings: the clinic (and its list of supplies) stays English.
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await page.locator('.settings-own-language .select-trigger').click();
  await page.getByRole('option', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Importar una hoja de cálculo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importar desde una hoja de cálculo' })).toBeVisible();

  await page.getByLabel('Archivo de hoja de cálculo').setInputFiles({ name: 'registro-marzo.csv', mimeType: 'text/csv', buffer: messyLog(true) });
  const problems = page.getByRole('region', { name: /por corregir antes de importar/ });
  await expect(problems).toContainText('No se eligió ninguna columna para Código de cliente, y todas las filas la necesitan.');
  const mapping = page.getByRole('region', { name: '2. Qué contiene cada columna' });
  // The English clinic's "Syringes" is found under the file's Spanish "Jeringas"; Doorway's words are Spanish, the clinic's and the file's stay as they are.
  await expect(mapping.getByRole('button', { name: /Syringes \(cantidad\)/ })).toContainText('Jeringas');
  await mapping.getByRole('button', { name: /Código de cliente \(imprescindible\)/ }).click();
  await page.getByRole('option', { name: 'Participante #' }).click();
  await expect(problems).toContainText('Fila 5, Fecha: 31/02/2025 no es una fecha.');
  await expect(problems).not.toContainText('Row ');
  await expectAccessible(page, 'import in Spanish: problems listed');
  await shot(page, 'import-05-problems-spanish');
});
