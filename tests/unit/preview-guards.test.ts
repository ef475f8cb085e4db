import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePreviewArgs } from '../../electron/preview/args';
import { hostAllowed, originAllowed, secretMatches } from '../../electron/preview/security';
import { resolveInside } from '../../electron/preview/static-files';

describe('preview guards', () => {
  it('accepts only our loopback Host with our port', () => {
    expect(hostAllowed('127.0.0.1:5178', 5178)).toBe(true);
    expect(hostAllowed('localhost:5178', 5178)).toBe(true);
    for (const host of [undefined, '127.0.0.1', '127.0.0.1:5179', 'evil.example:5178', 'localhost.evil.example:5178', '[::1]:5178']) {
      expect(hostAllowed(host, 5178)).toBe(false);
    }
  });

  it('accepts no Origin (same-origin GET) or our own, nothing else', () => {
    expect(originAllowed(undefined, 80)).toBe(true);
    expect(originAllowed('http://127.0.0.1:80', 80)).toBe(true);
    expect(originAllowed('http://evil.example', 80)).toBe(false);
    expect(originAllowed('null', 80)).toBe(false);
  });

  it('compares the secret exactly', () => {
    expect(secretMatches('s3cret', 's3cret')).toBe(true);
    expect(secretMatches('s3cre', 's3cret')).toBe(false);
    expect(secretMatches('', 's3cret')).toBe(false);
    expect(secretMatches(undefined, 's3cret')).toBe(false);
    expect(secretMatches(['s3cret'], 's3cret')).toBe(false);
  });

  it('serves only files inside the renderer folder', () => {
    const root = resolve('/srv/renderer');
    expect(resolveInside(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveInside(root, '/assets/a.js')).toBe(join(root, 'assets', 'a.js'));
    for (const path of ['/../secret', '/assets/..%2f..%2fsecret', '/%E0%A4%A', '/a%00b', '/a\\..\\..\\b']) {
      expect(resolveInside(root, path)).toBeNull();
    }
  });

  it('reads its flags, and refuses what it does not understand', () => {
    expect(parsePreviewArgs(['--port', '0', '--data-dir', '/tmp/d', '--url-file', '/tmp/u'], {})).toEqual({
      ok: true,
      args: { port: 0, dataDir: '/tmp/d', urlFile: '/tmp/u', hub: null },
    });
    expect(parsePreviewArgs([], { DOORWAY_DATA_DIR: '/env/dir' })).toEqual({ ok: true, args: { port: 5178, dataDir: '/env/dir', urlFile: null, hub: null } });
    // A workstation on a clinic hub: the hub's address, from the flag or the environment; anything else is refused.
    expect(parsePreviewArgs(['--hub', 'postgres://ws:pw@10.0.0.5:5433/doorway'], {})).toMatchObject({ ok: true, args: { hub: 'postgres://ws:pw@10.0.0.5:5433/doorway' } });
    expect(parsePreviewArgs([], { DOORWAY_HUB_URL: 'postgresql://ws:pw@hub/doorway' })).toMatchObject({ ok: true, args: { hub: 'postgresql://ws:pw@hub/doorway' } });
    expect(parsePreviewArgs(['--hub', 'http://hub:5433'], {})).toMatchObject({ ok: false, message: expect.stringContaining('--hub takes') });
    expect(parsePreviewArgs(['--port', 'abc'], {}).ok).toBe(false);
    expect(parsePreviewArgs(['--port', '70000'], {}).ok).toBe(false);
    expect(parsePreviewArgs(['--verbose'], {}).ok).toBe(false);
  });
});
