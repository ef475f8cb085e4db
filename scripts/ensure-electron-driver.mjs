#!/usr/bin/env node
// The database driver for the app (issue 9). better-sqlite3-multiple-ciphers 13 is a Node-API addon:
// one build loads in Node (the tests, the CLI) and in every Electron with Node-API 10, so there is no
// per-Electron build any more. The package ships ready-made builds for Linux, macOS and Windows on
// x64 and arm64; elsewhere npm's install step compiles it from source (python3, make, a C++ compiler).
// This script copies the build for one target into .electron-native/, where the app loads it from in
// development and where packaging picks it up, and proves that it loads. It only reads node_modules.
//
//   node scripts/ensure-electron-driver.mjs                 run by `npm start` (prestart)
//   node scripts/ensure-electron-driver.mjs --print-path    prints where the driver belongs
//   --platform=P --arch=A                                   another target (packaging)
//   --for-packaging                                         does not need the Electron program itself
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVER = 'better-sqlite3-multiple-ciphers';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireFromRoot = createRequire(join(root, 'package.json'));

function say(line = '') {
  process.stdout.write(`${line}\n`);
}

/** Ends the run with a message; thrown (not process.exit) so the temporary build folder is removed. */
class Stop extends Error {
  constructor(lines) {
    super(lines[0]);
    this.lines = lines;
  }
}

function stop(lines) {
  throw new Stop(lines);
}

function parseArgs(argv) {
  const options = { platform: process.platform, arch: process.arch, printPath: false, needElectronProgram: true };
  for (const arg of argv) {
    const [key, value] = arg.split('=', 2);
    if (key === '--platform' && value) options.platform = value;
    else if (key === '--arch' && value) options.arch = value;
    else if (arg === '--print-path') options.printPath = true;
    else if (arg === '--for-packaging') options.needElectronProgram = false;
    else stop([`ensure-electron-driver: unknown option "${arg}".`, 'Options: --print-path, --platform=P, --arch=A, --for-packaging.']);
  }
  return options;
}

function packageDir(name, hint) {
  try {
    return dirname(requireFromRoot.resolve(`${name}/package.json`));
  } catch {
    return stop([`${hint} is not installed in node_modules.`, 'Run `npm install` in the Doorway folder, then `npm start` again.']);
  }
}

/** The same folder name electron/main/policy.ts looks in (driverFolder). */
function driverTarget(platform, arch) {
  return join(root, '.electron-native', `node-api-${platform}-${arch}`, 'better_sqlite3.node');
}

/**
 * What require('electron') would return, without calling it: requiring it starts a download when
 * the program is missing, and this check must work offline.
 */
function installedElectronProgram(electronDir) {
  try {
    const relativePath = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
    const full = join(base, relativePath);
    return existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

/** `npm start` cannot launch without the Electron program; fetch it now (once), or explain and stop. */
function requireElectronProgram(electronDir, version) {
  if (installedElectronProgram(electronDir)) return;
  say(`Fetching the Electron ${version} program once (node_modules/electron has none yet)...`);
  const fetched = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (fetched.status === 0 && installedElectronProgram(electronDir)) return;
  stop([
    `Doorway cannot start here: the Electron ${version} program is not installed and could not be downloaded.`,
    '(node_modules/electron has no program, for example because it was installed with',
    'ELECTRON_SKIP_BINARY_DOWNLOAD=1, and this computer could not reach the download.)',
    '',
    'To run the app: on a computer connected to the internet, run `npm install`, then `npm start`.',
    'The tests do not need Electron: `npm test` works without it (see the README).',
    '',
    'Nothing was changed; the database driver in node_modules is untouched.',
  ]);
}

/** The ready-made Node-API build the package ships for a target, named as the driver's own loader names it. */
function shippedBuild(driverDir, platform, arch) {
  const file = join(driverDir, 'prebuilds', `${platform}-${arch}.node`);
  return existsSync(file) ? file : null;
}

const isInside = (child, parent) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Compiles the driver from its sources in a private copy (about a minute); node_modules is only read. */
function compileFromSource(driverDir, work) {
  const copy = join(work, DRIVER);
  cpSync(driverDir, copy, {
    recursive: true,
    filter: (source) => !isInside(source, join(driverDir, 'build')) && !isInside(source, join(driverDir, 'prebuilds')),
  });
  const nodeGyp = requireFromRoot.resolve('node-gyp/bin/node-gyp.js');
  say('\n> node-gyp: compiling the database driver from source (about a minute)');
  const result = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--release', '--force_build=1'], { cwd: copy, stdio: 'inherit' });
  const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !existsSync(built)) {
    stop([
      'The database driver could not be compiled on this computer.',
      'Compiling needs Python 3, make and a C++ compiler (build-essential on Debian/Ubuntu, the Xcode',
      'command line tools on macOS, Visual Studio Build Tools on Windows). Then run `npm start` again.',
      '',
      'Nothing was changed; the database driver in node_modules is untouched.',
    ]);
  }
  return built;
}

/** Loads the build in this Node: the same Node-API build is what Electron loads. */
function proveLoads(file) {
  const Database = requireFromRoot(DRIVER);
  new Database(':memory:', { nativeBinding: file }).close();
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const target = driverTarget(options.platform, options.arch);
  if (options.printPath) {
    say(target);
    return;
  }
  const isHost = options.platform === process.platform && options.arch === process.arch;
  if (options.needElectronProgram) {
    const electronDir = packageDir('electron', 'Electron');
    const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
    requireElectronProgram(electronDir, version);
  }
  if (existsSync(target)) {
    if (isHost) proveLoads(target);
    say(`Database driver (Node-API, ${options.platform}-${options.arch}) is ready: ${relative(root, target)}`);
    return;
  }

  const driverDir = packageDir(DRIVER, 'The database driver');
  const work = mkdtempSync(join(tmpdir(), 'doorway-driver-'));
  try {
    let source = shippedBuild(driverDir, options.platform, options.arch);
    if (!source && isHost) {
      const installed = join(driverDir, 'build', 'Release', 'better_sqlite3.node');
      source = existsSync(installed) ? installed : compileFromSource(driverDir, work);
    }
    if (!source) {
      stop([
        `The database driver has no ready-made build for ${options.platform}-${options.arch}, and it cannot be compiled from ${process.platform}-${process.arch}.`,
        `Run this script on a ${options.platform}-${options.arch} computer.`,
        'Nothing was changed in node_modules.',
      ]);
    }
    // Copied under a temporary name and renamed, so a half-written file is never taken as done.
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    copyFileSync(source, partial);
    renameSync(partial, target);
    if (isHost) proveLoads(target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  say(`Database driver (Node-API, ${options.platform}-${options.arch}) is ready: ${relative(root, target)}`);
}

try {
  main();
} catch (e) {
  if (!(e instanceof Stop)) throw e;
  process.stderr.write(`\n${e.lines.join('\n')}\n\n`);
  process.exitCode = 1;
}
