import { expect, it } from 'vitest';
import type { CliIo } from '../../electron/cli/io';
import { runCli } from '../../electron/cli/run';
import { describeOn } from '../support/engine';

/** Why this file runs on SQLite only (tests/support/engine.ts). */
const SQLITE_ONLY =
  "the command line's parsing, with no records opened: nothing differs between engines, so it runs once";

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { env: {}, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describeOn('sqlite', SQLITE_ONLY, 'command groups', () => {
  it.each([
    ['backup', ['backup create', 'backup verify', 'backup list', 'backup restore', 'backup drill', 'backup prune']],
    ['users', ['users add', 'users list', 'users disable']],
    ['audit', ['audit verify']],
    ['hub', ['hub init', 'hub move', 'hub status']],
  ] as const)('"%s" alone lists its commands and exits 0', async (group, members) => {
    for (const argv of [[group], [group, '--help'], ['help', group]]) {
      const r = await cli(argv);
      expect(r, argv.join(' ')).toMatchObject({ code: 0, err: '' });
      expect(r.out).toContain(`Usage: npm run cli -- ${group} <command> [options]`);
      for (const m of members) expect(r.out).toMatch(new RegExp(`^  ${m} +\\S`, 'm'));
      expect(r.out).not.toMatch(/^ {2}(init|status) /m);
    }
  });

  it('an unknown command in a group is a usage error that lists the group', async () => {
    const r = await cli(['backup', 'restor']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('There is no command "backup restor".');
    expect(r.err).toMatch(/^ {2}backup restore +\S/m);
  });

  it('a whole command still runs as before, and an unknown word is still unknown', async () => {
    expect((await cli(['help', 'backup', 'restore'])).out).toMatch(/^Usage: npm run cli -- backup restore BUNDLE/m);
    const unknown = await cli(['unlock']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('There is no command "unlock".');
  });
});
