// electron-builder `beforePack` hook. electron-builder.yml copies the Electron build of the database
// driver from .electron-native/package/<arch>/ into the app's resources (native/better_sqlite3.node).
// This hook puts the right build there for each target just before it is packed: the one made for
// exactly the Electron version being packaged, so the app never ships a driver built for Node or for
// another Electron. If it is missing, scripts/ensure-electron-driver.mjs fetches or compiles it.
const { execFileSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync, readFileSync } = require('node:fs');
const path = require('node:path');

// electron-builder's Arch enum (builder-util): the numbers it passes in `context.arch`.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

exports.default = async function beforePack(context) {
  const projectDir = context.packager.projectDir;
  const arch = ARCH_NAMES[context.arch];
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  if (!arch || arch === 'universal') {
    throw new Error(`Doorway packaging: unsupported architecture "${arch ?? context.arch}". Package each architecture on its own.`);
  }
  const electronVersion =
    context.packager.info.framework?.version ??
    JSON.parse(readFileSync(path.join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

  const ensure = path.join(projectDir, 'scripts', 'ensure-electron-driver.mjs');
  const targetArgs = [`--platform=${platform}`, `--arch=${arch}`];
  const driver = execFileSync(process.execPath, [ensure, '--print-path', ...targetArgs], { encoding: 'utf8' }).trim();
  if (!driver.includes(`electron-${electronVersion}-`)) {
    throw new Error(`Doorway packaging: electron-builder packages Electron ${electronVersion}, but node_modules/electron is another version. Run npm install first.`);
  }
  if (!existsSync(driver)) {
    execFileSync(process.execPath, [ensure, '--for-packaging', ...targetArgs], { stdio: 'inherit' });
  }

  const staged = path.join(projectDir, '.electron-native', 'package', arch, 'better_sqlite3.node');
  mkdirSync(path.dirname(staged), { recursive: true });
  copyFileSync(driver, staged);
};
