// electron-builder `beforePack` hook. electron-builder.yml copies the database driver from
// .electron-native/package/<arch>/ into the app's resources (native/better_sqlite3.node). The driver
// is a Node-API addon, so one build per platform and architecture loads in any Electron; this hook
// stages the build for the target being packed, so an installer never carries another platform's.
// scripts/ensure-electron-driver.mjs takes it from the driver package's ready-made builds (or
// compiles it, for the computer it runs on).
const { execFileSync } = require('node:child_process');
const { copyFileSync, existsSync, mkdirSync } = require('node:fs');
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

  const ensure = path.join(projectDir, 'scripts', 'ensure-electron-driver.mjs');
  const targetArgs = [`--platform=${platform}`, `--arch=${arch}`];
  const driver = execFileSync(process.execPath, [ensure, '--print-path', ...targetArgs], { encoding: 'utf8' }).trim();
  if (!existsSync(driver)) {
    execFileSync(process.execPath, [ensure, '--for-packaging', ...targetArgs], { stdio: 'inherit' });
  }

  const staged = path.join(projectDir, '.electron-native', 'package', arch, 'better_sqlite3.node');
  mkdirSync(path.dirname(staged), { recursive: true });
  copyFileSync(driver, staged);
};
