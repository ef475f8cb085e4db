// Bundles Electron's main process and preload into dist/electron. Everything except Electron itself
// and the native database driver is bundled, so the packaged app ships no other node_modules.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist', 'electron');

rmSync(outdir, { recursive: true, force: true });

const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'info',
  absWorkingDir: root,
  legalComments: 'inline',
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'electron/main/index.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    platform: 'node',
    target: 'node22',
    external: ['electron', 'better-sqlite3-multiple-ciphers'],
  }),
  // A sandboxed preload can require nothing but 'electron' (and a few web-safe built-ins), so it is
  // one self-contained file; `platform: browser` makes any accidental Node import fail the build.
  // It carries the contract (and so zod) to refuse unknown channels early; minified, because every
  // page load parses it.
  build({
    ...common,
    entryPoints: { preload: 'electron/preload/index.ts' },
    outdir,
    outExtension: { '.js': '.cjs' },
    platform: 'browser',
    target: 'chrome130',
    minify: true,
    external: ['electron'],
  }),
]);
