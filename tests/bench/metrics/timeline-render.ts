import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { ADMIN, setUpVault } from '../../support/vault';
import { describeSamples, median, p95, round, type MetricModule } from '../bench';
import { addLongHistoryPerson } from '../fixtures';

const CONTACTS = 5_000;
const REDRAWS = 12;
// Kept in step with renderer/src/screens/continuity/render-marks.ts.
const DRAW_MEASURE = 'doorway:timeline:draw';
const repo = join(__dirname, '..', '..', '..');

/** A vault with one person who has 5,000 contacts over ten years, in the research's pattern. */
async function makeVault(dataDir: string): Promise<number> {
  const { core, router } = await setUpVault(dataDir);
  await core.signIn(ADMIN.username, ADMIN.password);
  const personId = await addLongHistoryPerson(core, router, CONTACTS);
  core.close();
  return personId;
}

async function startPreview(dataDir: string, urlFile: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(join(repo, 'node_modules', '.bin', 'tsx'), ['electron/preview/main.ts', '--port', '0', '--data-dir', dataDir, '--url-file', urlFile], {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The preview exited early:\n${output}`);
    if (existsSync(urlFile)) return { child, url: (await readFile(urlFile, 'utf8')).trim() };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`The preview did not start:\n${output}`);
}

/**
 * The engagement timeline drawn in Chromium for a person with 5,000 contacts: from the data (or a
 * zoom change) to the first frame painted after React committed the marks, as measured by the
 * renderer's own performance marks. Target < 200 ms.
 */
export const timelineRenderMetric: MetricModule = {
  name: 'timeline render (Chromium, 5,000 contacts)',
  async run(ctx) {
    if (!existsSync(join(repo, 'dist', 'renderer', 'index.html'))) {
      ctx.log('  building the renderer first');
      const built = spawnSync('npm', ['run', 'build:renderer'], { cwd: repo, stdio: 'ignore' });
      if (built.status !== 0) throw new Error('npm run build:renderer failed');
    }
    const dataDir = join(ctx.workDir, 'timeline-render');
    const personId = await makeVault(dataDir);
    const { child, url } = await startPreview(dataDir, join(ctx.workDir, 'timeline-render-url'));
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(url);
      await page.getByLabel('Username').fill(ADMIN.username);
      await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: new RegExp(`${ADMIN.displayName}$`) }).waitFor();

      const draws = () => page.evaluate((name) => performance.getEntriesByName(name).map((e) => e.duration), DRAW_MEASURE);
      const nextDraw = async (before: number) => {
        await page.waitForFunction(([name, n]) => performance.getEntriesByName(name as string).length > (n as number), [DRAW_MEASURE, before] as const);
        return (await draws()).at(-1)!;
      };

      await page.evaluate(() => performance.clearMeasures());
      await page.goto(new URL(`#/timeline/${personId}`, url).href);
      const first = await nextDraw(0);
      const marks = await page.locator('.timeline-svg [clip-path] path.tl-mark').count();
      const redraws: number[] = [];
      for (let i = 0; i < REDRAWS; i++) {
        const before = (await draws()).length;
        await page.getByRole('radio', { name: '6 months' }).click();
        await nextDraw(before);
        const n = (await draws()).length;
        await page.getByRole('radio', { name: 'All time' }).click();
        redraws.push(await nextDraw(n));
      }
      const all = [first, ...redraws];
      const result = p95(all);
      ctx.log(`  first draw with data: ${round(first, 1)} ms; redraws of all time: ${describeSamples(redraws)}, median ${round(median(redraws), 1)} ms`);
      ctx.log(`  (${CONTACTS} contacts drawn as ${marks} paths, one per setting)`);
      ctx.log(`  timeline_render_ms: ${round(result, 1)} (p95 of ${all.length} draws; target < 200)`);
      return { timeline_render_ms: round(result, 1) };
    } finally {
      await browser.close();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    }
  },
};
