import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { ADMIN, removeDir, setUpVault, tempDir } from '../support/vault';

/*
 * The real Electron app: main process, preload, app:// protocol and the app's copy of the
 * database driver. Where Electron's program is not installed (CI with ELECTRON_SKIP_BINARY_DOWNLOAD=1) the
 * same renderer and core are covered through the browser preview instead.
 */
const repo = join(__dirname, '..', '..');

/** What require('electron') would return, checked without requiring it (that would start a download). */
function electronProgram(): string | null {
  try {
    const dir = join(repo, 'node_modules', 'electron');
    const full = join(process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist'), readFileSync(join(dir, 'path.txt'), 'utf8').trim());
    return existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

const program = electronProgram();
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const CLINIC = 'Harbour Street Clinic';

const skipReason = !program
  ? 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); this test runs where `npm start` can launch the app'
  : noDisplay
    ? 'No display for Electron on this Linux machine; run the tests under xvfb-run'
    : null;
// Playwright's list reporter does not print skip reasons. A skip decided when the file loads keeps
// the tests out of the workers, so the runner, which loads the file to list the tests, says why.
if (skipReason) console.log(`Electron app tests skipped: ${skipReason}`);

test.describe('Electron app', () => {
  test.skip(skipReason !== null, skipReason ?? '');
  // One Doorway at a time: the app holds a single-instance lock.
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let dataDir: string;
  let profileDir: string;
  let app: ElectronApplication | null = null;

  test.beforeAll(async () => {
    // The same steps `npm start` takes before launching: bundles, then the app's copy of the driver.
    if (!existsSync(join(repo, 'dist', 'renderer', 'index.html'))) {
      execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build:renderer'], { cwd: repo, stdio: 'inherit' });
    }
    execFileSync(process.execPath, [join(repo, 'scripts', 'build-electron.mjs')], { cwd: repo, stdio: 'inherit' });
    execFileSync(process.execPath, [join(repo, 'scripts', 'ensure-electron-driver.mjs')], { cwd: repo, stdio: 'inherit' });

    dataDir = tempDir('doorway-electron-data-');
    profileDir = tempDir('doorway-electron-profile-');
    const { core } = await setUpVault(dataDir, { clinicName: CLINIC });
    core.close();
  });

  test.afterEach(async () => {
    await app?.close();
    app = null;
  });

  test.afterAll(() => {
    removeDir(dataDir);
    removeDir(profileDir);
  });

  async function launch(): Promise<Page> {
    app = await electron.launch({
      // The project folder, exactly as `npm start` runs `electron .` (package.json "main" is dist/electron/main.cjs).
      args: [
        repo,
        `--user-data-dir=${profileDir}`,
        // Chromium refuses to start its sandbox as root (containers); everywhere else it stays on.
        ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      ],
      env: { ...process.env, DOORWAY_DATA_DIR: dataDir } as Record<string, string>,
      cwd: repo,
    });
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    return page;
  }

  test('launches on app://doorway and signs in to the home screen', async () => {
    const page = await launch();
    expect(page.url()).toMatch(/^app:\/\/doorway\//);
    expect(await page.evaluate(() => Object.keys((window as unknown as { doorway: object }).doorway).sort())).toEqual(['chooseFolder', 'invoke', 'savePdf', 'subscribe']);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');

    await page.getByLabel('Username').fill(ADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await expect(page.getByRole('main')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(CLINIC).first()).toBeVisible();
    expect(await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle())).toBe('Doorway');
  });

  test('keeps the window on the app and opens links only in the system browser', async () => {
    const page = await launch();
    const signIn = page.getByRole('button', { name: 'Sign in' });
    await expect(signIn).toBeVisible();

    await page.evaluate(() => {
      window.location.href = 'https://example.org/';
    });
    // A blocked navigation never commits, so there is no event to wait for: give it time to try.
    await page.waitForTimeout(1_000);
    expect(page.url()).toMatch(/^app:\/\/doorway\//);
    await expect(signIn).toBeVisible();

    // Record instead of really opening the system browser during the test.
    await app!.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { doorwayOpened?: string[] }).doorwayOpened = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
    expect(await page.evaluate(() => window.open('file:///etc/hostname') === null)).toBe(true);
    expect(await page.evaluate(() => window.open('https://example.org/') === null)).toBe(true);
    await expect.poll(() => app!.evaluate(() => (globalThis as { doorwayOpened?: string[] }).doorwayOpened)).toEqual([
      'https://example.org/',
    ]);
    expect(app!.windows()).toHaveLength(1);
    expect(page.url()).toMatch(/^app:\/\/doorway\//);
  });
});
