import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const SCRIPT = join(ROOT, 'scripts/lint-electron.cjs');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function lint(...paths: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [SCRIPT, ...paths], { cwd: ROOT });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

describe('npm run lint:electron (Electronegativity, offline)', () => {
  it('finds nothing of high severity in the app', async () => {
    const r = await lint();
    expect(r.out).toMatch(/0 of high severity, 0 file\(s\) not parsed/);
    expect(r.code).toBe(0);
  }, 60_000);

  it('fails on a window that turns the protections off, naming the finding', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'doorway-eng-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'main.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } });\n",
    );
    const r = await lint(dir);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/HIGH\s+\S+\s+CONTEXT_ISOLATION_JS_CHECK/);
  }, 60_000);
});
