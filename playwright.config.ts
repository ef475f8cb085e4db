import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real renderer against the real core through the browser preview
 * (tests/e2e/fixtures.ts starts a fresh preview per test). Chromium comes from Debian, not from a
 * Playwright download. electron.spec.ts launches the app itself and skips where Electron is absent.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/artifacts',
  // Two cores: one test at a time keeps key derivation (scrypt) timings honest and the run steady.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // On CI a test that fails is run once more and, if it then passes, is listed as flaky in the log
  // (never silently green); a test that fails twice fails the run. Locally a failure is final.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    viewport: { width: 1280, height: 860 },
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
