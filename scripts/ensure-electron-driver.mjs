#!/usr/bin/env node
// Two ABIs (issue 2, section 1): the tests load the database driver under Node from node_modules;
// the app loads a second build of it, made for Electron, from .electron-native/. This script makes
// that second build when it is missing. It never writes inside node_modules, so an offline machine
// (or a failed download) can never lose the Node build the tests use.
//
//   node scripts/ensure-electron-driver.mjs                 run by `npm start` (prestart)
//   node scripts/ensure-electron-driver.mjs --print-path    prints where the driver belongs
//   --platform=P --arch=A                                   another target (packaging)
//   --for-packaging                                         does not need the Electron program itself
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { fileURLToPath } from 'node:url';

const DRIVER = 'better-sqlite3-multiple-ciphers';
const HEADERS_URL = 'https://electronjs.org/headers';

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

function electronPackageDir() {
  try {
    return dirname(requireFromRoot.resolve('electron/package.json'));
  } catch {
    return stop(['Electron is not installed in node_modules.', 'Run `npm install` in the Doorway folder, then `npm start` again.']);
  }
}

/** The same folder name electron/main/policy.ts looks in (electronDriverFolder). */
function driverTarget(electronVersion, platform, arch) {
  return join(root, '.electron-native', `electron-${electronVersion}-${platform}-${arch}`, 'better_sqlite3.node');
}

/**
 * What require('electron') would return, without calling it: from Electron 42 on, requiring it
 * starts a download when the program is missing, and this check must work offline.
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

/** `npm start` cannot launch without the Electron program; fetch it now, or explain and stop. */
function requireElectronProgram(electronDir, version) {
  if (installedElectronProgram(electronDir)) return;
  say(`Fetching the Electron ${version} program (node_modules/electron has none yet)...`);
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

/**
 * npm passes its config to scripts as npm_config_* variables. Some of them (nodedir, target,
 * runtime, disturl) would silently point node-gyp or prebuild-install at Node instead of Electron.
 */
function cleanEnv() {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source|devdir|node_gyp)$/i.test(name)) {
      delete env[name];
    }
  }
  return env;
}

function run(label, command, args, cwd) {
  say(`\n> ${label}`);
  const result = spawnSync(command, args, { cwd, env: cleanEnv(), stdio: 'inherit' });
  return result.status === 0;
}

const isInside = (child, parent) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

function buildDriver({ version, platform, arch, target }) {
  const driverDir = dirname(requireFromRoot.resolve(`${DRIVER}/package.json`));
  const work = mkdtempSync(join(tmpdir(), 'doorway-electron-driver-'));
  try {
    // A private copy to build in; the node_modules copy and its Node build are only ever read.
    const copy = join(work, DRIVER);
    cpSync(driverDir, copy, {
      recursive: true,
      filter: (source) => !isInside(source, join(driverDir, 'build')) && !isInside(source, join(driverDir, 'node_modules')),
    });
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');

    const prebuildInstall = requireFromRoot.resolve('prebuild-install/bin.js', { paths: [driverDir] });
    let ok = run(`prebuild-install for Electron ${version} (${platform}-${arch})`, process.execPath, [
      prebuildInstall,
      '--runtime=electron',
      `--target=${version}`,
      `--arch=${arch}`,
      `--platform=${platform}`,
      '--verbose',
    ], copy);

    if (!ok || !existsSync(built)) {
      if (platform !== process.platform) {
        stop([
          `No ready-made driver was found for Electron ${version} on ${platform}-${arch}, and it cannot be compiled from ${process.platform}.`,
          `Run this script on a ${platform} computer connected to the internet.`,
          'Nothing was changed in node_modules.',
        ]);
      }
      const nodeGyp = requireFromRoot.resolve('node-gyp/bin/node-gyp.js');
      ok = run(`node-gyp: compiling the driver for Electron ${version} (${arch})`, process.execPath, [
        nodeGyp,
        'rebuild',
        '--release',
        '--runtime=electron',
        `--target=${version}`,
        `--arch=${arch}`,
        `--dist-url=${HEADERS_URL}`,
        // Electron's headers are kept apart from Node's, so neither build can pick up the other's.
        `--devdir=${join(homedir(), '.electron-gyp')}`,
      ], copy);
    }

    if (!ok || !existsSync(built)) {
      stop([
        `The database driver for Electron ${version} could not be downloaded or compiled.`,
        'Check the internet connection; compiling also needs Python 3 and a C++ compiler',
        '(build-essential on Debian/Ubuntu, Xcode command line tools on macOS,',
        'Visual Studio Build Tools on Windows). Then run `npm start` again.',
        '',
        'Nothing was changed; the database driver in node_modules is untouched.',
      ]);
    }

    // Copied under a temporary name and renamed, so a half-written file is never taken as done.
    mkdirSync(dirname(target), { recursive: true });
    const partial = `${target}.partial`;
    copyFileSync(built, partial);
    renameSync(partial, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const electronDir = electronPackageDir();
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'));
  const target = driverTarget(version, options.platform, options.arch);

  if (options.printPath) {
    say(target);
    return;
  }
  if (existsSync(target)) {
    say(`Database driver for Electron ${version} (${options.platform}-${options.arch}) is ready: ${relative(root, target)}`);
    return;
  }
  if (options.needElectronProgram) requireElectronProgram(electronDir, version);
  buildDriver({ version, platform: options.platform, arch: options.arch, target });
  say(`\nDatabase driver for Electron ${version} (${options.platform}-${options.arch}) is ready: ${relative(root, target)}`);
}

try {
  main();
} catch (e) {
  if (!(e instanceof Stop)) throw e;
  process.stderr.write(`\n${e.lines.join('\n')}\n\n`);
  process.exitCode = 1;
}
