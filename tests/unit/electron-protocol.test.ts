import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppRequest } from '../../electron/main/policy';

/** A real built-renderer layout in a temp folder, with a secret file beside it that must stay unreachable. */
let base: string;
let root: string;
const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};
const resolve = (url: string) => resolveAppRequest(url, root, isFile);

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'doorway-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets', 'fonts'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'export {}');
  writeFileSync(join(root, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(join(root, 'assets', 'fonts', 'inter.woff2'), 'font');
  writeFileSync(join(root, 'assets', 'with space.svg'), '<svg/>');
  writeFileSync(join(base, 'secret.txt'), 'not for the renderer');
  mkdirSync(join(base, 'renderer-other'));
  writeFileSync(join(base, 'renderer-other', 'x.js'), 'no');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolveAppRequest', () => {
  it('serves files from the renderer folder with their types', () => {
    expect(resolve('app://doorway/assets/index-abc123.js')).toEqual({
      kind: 'file',
      filePath: join(root, 'assets', 'index-abc123.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolve('app://doorway/assets/index-abc123.css')).toMatchObject({ kind: 'file', contentType: 'text/css; charset=utf-8' });
    expect(resolve('app://doorway/assets/fonts/inter.woff2')).toMatchObject({ kind: 'file', contentType: 'font/woff2' });
    expect(resolve('app://doorway/assets/with%20space.svg')).toMatchObject({
      kind: 'file',
      filePath: join(root, 'assets', 'with space.svg'),
      contentType: 'image/svg+xml',
    });
  });

  it('serves index.html for the root and for screens of the single-page app', () => {
    const index = { kind: 'file', filePath: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' };
    expect(resolve('app://doorway/')).toEqual(index);
    expect(resolve('app://doorway')).toEqual(index);
    expect(resolve('app://doorway/people/42/timeline')).toEqual(index);
    expect(resolve('app://doorway/settings?tab=backup#top')).toEqual(index);
  });

  it('answers 404 for a missing asset instead of handing back HTML', () => {
    expect(resolve('app://doorway/assets/missing.js')).toEqual({ kind: 'not-found' });
    expect(resolve('app://doorway/favicon.ico')).toEqual({ kind: 'not-found' });
  });

  it.each([
    'app://doorway/..%2fsecret.txt',
    'app://doorway/..%2Frenderer-other/x.js',
    'app://doorway/assets%5c..%5c..%5csecret.txt',
    'app://doorway/index.html%00.js',
  ])('refuses paths that would leave the renderer folder: %s', (url) => {
    expect(resolve(url)).toEqual({ kind: 'forbidden' });
  });

  it.each(['app://doorway/../secret.txt', 'app://doorway/%2e%2e/secret.txt', 'app://doorway/assets/%2E%2E/%2E%2E/secret.txt'])(
    'stays inside the folder when the URL parser has already resolved the dots: %s',
    (url) => {
      // The parser turns these into "/secret.txt": a path inside the renderer folder, where no such file exists.
      expect(resolve(url)).toEqual({ kind: 'not-found' });
    },
  );

  it('refuses other hosts and schemes on the handler', () => {
    expect(resolve('app://other/index.html')).toEqual({ kind: 'forbidden' });
    expect(resolve('file:///etc/passwd')).toEqual({ kind: 'forbidden' });
  });

  it('treats a malformed escape as not found', () => {
    expect(resolve('app://doorway/assets/%E0%A4%A.js')).toEqual({ kind: 'not-found' });
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a.MJS', 'text/javascript; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['logo.png', 'image/png'],
    ['font.woff', 'font/woff'],
    ['module.wasm', 'application/wasm'],
    ['unknown.bin', 'application/octet-stream'],
    ['no-extension', 'application/octet-stream'],
  ])('%s -> %s', (file, type) => expect(contentTypeFor(file)).toBe(type));
});
