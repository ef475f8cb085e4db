import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { closeSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { guardOutput } from '../../electron/cli/io';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "the command line's output guard, with no records opened: nothing differs between engines, so it runs once";

const MAIN = join(__dirname, '..', '..', 'electron', 'cli', 'main.ts');

/** Runs the real command line (as `npm run cli` does) with stdout going to `stdout`. */
function runMain(args: string[], stdout: 'pipe' | number, closeEarly = false): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { stdio: ['ignore', stdout, 'pipe'] });
    // Like `| head -0`: the reader goes away before Doorway writes anything.
    if (closeEarly) child.stdout?.destroy();
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, err }));
  });
}

describeOn('sqlite', SQLITE_ONLY, 'standard output that fails', () => {
  it('a reader that stops early (EPIPE) gives one clear message and exit 1, no stack trace', async () => {
    const r = await runMain(['help'], 'pipe', true);
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^Doorway could not write its output \(EPIPE\): the program reading it stopped/)]);
    expect(r.err).not.toMatch(/\bat \S+ \(|node:internal|Error:/);
  });

  it.runIf(existsSync('/dev/full'))('a full disk (ENOSPC) gives one clear message and exit 1, no stack trace', async () => {
    const full = openSync('/dev/full', 'w');
    try {
      const r = await runMain(['help'], full);
      expect(r.code).toBe(1);
      expect(r.err.trim().split('\n')).toEqual([expect.stringMatching(/^Doorway could not write its output \(ENOSPC\): the disk it goes to is full/)]);
    } finally {
      closeSync(full);
    }
  });

  it('the guard says so once, drops later output and turns a success into exit 1', () => {
    const stream = Object.assign(new EventEmitter(), { written: [] as string[], write(text: string) { this.written.push(text); return true; } });
    let err = '';
    const guard = guardOutput(stream, { write: (s: string) => (err += s) });
    guard.stdout.write('first\n');
    const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
    stream.emit('error', epipe);
    stream.emit('error', epipe);
    guard.stdout.write('second\n');
    expect(stream.written).toEqual(['first\n']);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(guard.finish(0)).toBe(1);
    expect(guard.finish(2)).toBe(2);
  });

  it('a write that throws is caught the same way', () => {
    const stream = Object.assign(new EventEmitter(), {
      write(): boolean {
        throw Object.assign(new Error('write ENOSPC'), { code: 'ENOSPC' });
      },
    });
    let err = '';
    const guard = guardOutput(stream, { write: (s: string) => (err += s) });
    expect(() => guard.stdout.write('x')).not.toThrow();
    expect(err).toMatch(/ENOSPC/);
    expect(guard.finish(0)).toBe(1);
  });
});
