import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { expectAccessible, shot, signIn } from './helpers';
import { ADMIN } from '../support/vault';

test.use({ vault: 'ready' });

test('backups: choose a folder, back up (checked), practise a restore, restore with a preview, then undo', async ({ page }) => {
  test.setTimeout(120_000);
  const dest = await mkdtemp(join(tmpdir(), 'doorway-e2e-backups-'));
  try {
    await signIn(page, ADMIN.username, ADMIN.password);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();

    // The administrator's home screen says there is no checked backup yet, and leads to the screen.
    await expect(page.getByText('There is no checked backup yet.')).toBeVisible();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();
    await expect(page.getByText(/Backups have no folder yet/)).toBeVisible();

    // A relative path is refused on the field, with what to do.
    const folder = page.getByRole('textbox', { name: 'Backup folder' });
    await folder.fill('backups');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(/Please give the whole path, starting from the drive/)).toBeVisible();
    await expect(folder).toHaveAttribute('aria-invalid', 'true');
    // A folder that isn't there: the core says so.
    await folder.fill(join(dest, 'unplugged'));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText("isn't available right now");
    await folder.fill(dest);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(/^Saved at /)).toBeVisible();

    await expectAccessible(page, 'backups: a folder chosen, no backup yet');
    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText(/^Backup made and checked at /)).toBeVisible({ timeout: 30_000 });
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByText('✓ Checked')).toBeVisible();
    await expect(table.getByRole('cell', { name: ADMIN.displayName })).toBeVisible();

    await page.getByRole('button', { name: 'Practise a restore' }).click();
    await expect(page.getByText(/^The practice restore worked: the backup from .+ came back whole/)).toBeVisible({ timeout: 30_000 });
    const facts = page.locator('.bk-facts');
    await expect(facts.getByText(/^With the backup from /)).toBeVisible();
    await expect(facts).not.toContainText('Not practised yet');
    await shot(page, '20-backups');

    // The administrator's home screen shows the last checked backup and the last practice restore.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
    const note = page.getByRole('region', { name: 'Backups' });
    await expect(note).toContainText('Last checked backup: ');
    await expect(note).toContainText('Last practice restore: ');
    await shot(page, '23-backups-home');
    await note.getByRole('link', { name: 'Open backups' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Backups' })).toBeVisible();

    // Restore: checked first, then what it holds and who can sign in, then the restore itself.
    await table.getByRole('button', { name: /^Restore… / }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByText('Who can sign in afterwards')).toBeVisible({ timeout: 30_000 });
    await expect(dialog).toContainText(ADMIN.displayName);
    await expect(dialog).toContainText('are not deleted');
    await shot(page, '21-backups-restore-preview');
    await expectAccessible(page, 'backups: the restore preview');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByRole('heading', { name: /Sign in to Doorway|Doorway is locked/ })).toBeVisible({ timeout: 30_000 });

    // Signed in again (the passwords of the backup's time): the restore can be undone.
    await signIn(page, ADMIN.username, ADMIN.password);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backups' }).click();
    await expect(page.getByRole('heading', { name: 'Undo the last restore' })).toBeVisible();
    await shot(page, '22-backups-after-restore');
    await expectAccessible(page, 'backups: after a restore, with its undo');
    await page.getByRole('button', { name: 'Undo the restore…' }).click();
    const undo = page.getByRole('alertdialog');
    await expect(undo.getByRole('button', { name: 'Put them back' })).toBeVisible();
    await expectAccessible(page, 'backups: undo the restore?');
    await undo.getByRole('button', { name: 'Put them back' }).click();
    await expect(page.getByRole('heading', { name: /Sign in to Doorway|Doorway is locked/ })).toBeVisible({ timeout: 30_000 });
    expect((await readdir(dest)).filter((n) => n.startsWith('doorway-backup-'))).toHaveLength(1);
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
});
