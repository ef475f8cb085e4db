import { randomBytes } from 'node:crypto';
import { formatRecoveryCode, RECOVERY_CODE_BYTES } from '../../shared/recovery-code';
import { ADMIN } from '../support/vault';
import { expect, test } from './fixtures';
import { shot, signIn } from './helpers';

test.use({ vault: 'ready' });

test('the recovery code sets a new password, which then signs in (and the old one no longer does)', async ({ page, preview }) => {
  const code = preview.recoveryCode!;
  const newPassword = 'evening harbour lanterns 9';

  await page.getByRole('button', { name: 'Forgot password?' }).click();
  await expect(page.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await page.getByLabel('Username').fill(ADMIN.username);

  // A typo in one group is pointed out by group number before anything is sent.
  const groups = code.split('-');
  const typo = [...groups];
  typo[2] = typo[2]!.slice(0, 4) + (typo[2]!.endsWith('A') ? 'B' : 'A');
  await page.getByLabel('Recovery code').fill(typo.join('-'));
  await expect(page.getByText('Please check group 3 against your recovery kit.')).toBeVisible();

  // People type codes in lower case, with spaces: that is accepted.
  await page.getByLabel('Recovery code').fill(groups.join(' ').toLowerCase());
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Confirm new password').fill('something else entirely');
  await page.getByRole('button', { name: 'Set new password and sign in' }).click();
  await expect(page.getByText('The two passwords are different.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Confirm new password')).toBeFocused();
  await page.getByLabel('Confirm new password').fill(newPassword);
  await shot(page, '11-recovery');
  await page.getByRole('button', { name: 'Set new password and sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('alert')).toContainText("don't match");
  await signIn(page, ADMIN.username, newPassword);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
});

test('a wrong recovery code is refused and changes nothing', async ({ page, preview }) => {
  await page.getByRole('button', { name: 'Forgot password?' }).click();
  await page.getByLabel('Username').fill(ADMIN.username);
  // A well-formed code that is not this vault's: every group checks out, but it does not open the vault.
  const other = formatRecoveryCode(randomBytes(RECOVERY_CODE_BYTES));
  expect(other).not.toBe(preview.recoveryCode);
  await page.getByLabel('Recovery code').fill(other);
  await page.getByLabel('New password', { exact: true }).fill('evening harbour lanterns 9');
  await page.getByLabel('Confirm new password').fill('evening harbour lanterns 9');
  await page.getByRole('button', { name: 'Set new password and sign in' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByRole('button', { name: 'Back to sign in' }).click();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) })).toBeVisible();
});
