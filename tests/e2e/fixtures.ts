import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { setUpVault } from '../support/vault';

const repo = join(__dirname, '..', '..');

export interface Preview {
  /** The URL the preview printed, with `#secret=...`. */
  url: string;
  origin: string;
  port: number;
  secret: string;
  dataDir: string;
  /** Set when the test asked for a ready-made vault (`vault: 'ready'`). */
  recoveryCode: string | null;
}

interface Options {
  /** 'none': first run in the browser. 'ready': a vault made beforehand with the test admin (tests/support/vault.ts). */
  vault: 'none' | 'ready';
}

async function waitForUrl(file: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The preview exited early (${child.exitCode}):\n${output()}`);
    if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`The preview did not start within ${timeoutMs} ms:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/**
 * A preview server (electron/preview/main.ts) on a random port with `dataDir`; with `hub`, a
 * workstation on that clinic hub. `dir` holds the file it writes its URL to. `extraEnv` is added to
 * its environment (DOORWAY_HUB_SERVER_RUN_AS=postgres, say, for a hub made under root).
 */
export async function startPreview(
  dir: string,
  dataDir: string,
  hub?: string,
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<{ preview: Preview; stop(): Promise<void> }> {
  const urlFile = join(dir, `url-${Math.random().toString(36).slice(2)}`);
  const env = { ...process.env, ...extraEnv };
  delete env.DOORWAY_DATA_DIR;
  delete env.DOORWAY_HUB_URL;
  const args = ['electron/preview/main.ts', '--port', '0', '--data-dir', dataDir, '--url-file', urlFile, ...(hub ? ['--hub', hub] : [])];
  const child = spawn(join(repo, 'node_modules', '.bin', 'tsx'), args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const url = await waitForUrl(urlFile, child, () => output, 30_000);
    const parsed = new URL(url);
    const secret = new URLSearchParams(parsed.hash.slice(1)).get('secret') ?? '';
    return { preview: { url, origin: parsed.origin, port: Number(parsed.port), secret, dataDir, recoveryCode: null }, stop: () => stop(child) };
  } catch (e) {
    await stop(child);
    throw e;
  }
}

/** Every refusal core sent to the page, in order: what a failed test's log needs to say why. */
function watchRefusals(page: Page): string[] {
  const seen: string[] = [];
  page.on('response', (res) => {
    if (!res.url().endsWith('/rpc')) return;
    const name = /"name":"([^"]+)"/.exec(res.request().postData() ?? '')?.[1] ?? '?';
    void res
      .json()
      .then((body: { ok?: boolean; error?: { code?: string; message?: string } }) => {
        if (body.ok === false) seen.push(`${name}: ${body.error?.code} ${body.error?.message}`);
      })
      .catch(() => undefined);
  });
  return seen;
}

/**
 * A failed test prints what the window showed and what core refused, so a failure on CI explains
 * itself in the log (the screenshot and trace stay on the machine that ran it).
 */
async function explainFailure(page: Page, refusals: readonly string[]): Promise<void> {
  const shown = await page
    .locator('body')
    .ariaSnapshot({ timeout: 2_000 })
    .catch(() => '(the page could not be read)');
  console.log(`--- what the window showed when the test failed (${page.url()}):\n${shown}`);
  console.log(`--- what core refused during the test:\n${refusals.length ? refusals.join('\n') : '(nothing)'}`);
}

/**
 * Every test gets its own preview server on a random port with its own data folder, and a page that
 * has opened it. The page must log no errors: a CSP violation (an inline style, say) shows up here.
 */
export const test = base.extend<Options & { preview: Preview }>({
  vault: ['none', { option: true }],

  preview: async ({ vault }, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'doorway-e2e-'));
    const dataDir = join(dir, 'data');
    let recoveryCode: string | null = null;
    if (vault === 'ready') {
      const made = await setUpVault(dataDir);
      made.core.close();
      recoveryCode = made.recoveryCode;
    }
    const running = await startPreview(dir, dataDir);
    try {
      await use({ ...running.preview, recoveryCode });
    } finally {
      await running.stop();
      await rm(dir, { recursive: true, force: true });
    }
  },

  page: async ({ page, preview }, use, testInfo) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    const refusals = watchRefusals(page);
    await page.goto(preview.url);
    await use(page);
    if (testInfo.status !== testInfo.expectedStatus) await explainFailure(page, refusals);
    expect(problems, 'the page logged no errors or CSP violations').toEqual([]);
  },
});

export { expect };
