import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nativeDriverPath } from '../../electron/main/policy';

const repo = join(__dirname, '..', '..');

describe('nativeDriverPath', () => {
  it('uses the copy shipped beside the asar archive in a packaged app', () => {
    expect(
      nativeDriverPath({ isPackaged: true, resourcesPath: '/opt/Doorway/resources', projectDir: '/irrelevant', platform: 'linux', arch: 'x64' }),
    ).toBe(join('/opt/Doorway/resources', 'native', 'better_sqlite3.node'));
  });

  it('uses the per-platform Node-API copy in development, never node_modules', () => {
    const path = nativeDriverPath({ isPackaged: false, resourcesPath: '/irrelevant', projectDir: '/src/doorway', platform: 'darwin', arch: 'arm64' });
    expect(path).toBe(join('/src/doorway', '.electron-native', 'node-api-darwin-arm64', 'better_sqlite3.node'));
    expect(path).not.toContain('node_modules');
  });

  it('is the same place scripts/ensure-electron-driver.mjs puts it', () => {
    const printed = execFileSync(process.execPath, [join(repo, 'scripts', 'ensure-electron-driver.mjs'), '--print-path', '--platform=win32', '--arch=arm64'], {
      encoding: 'utf8',
    }).trim();
    expect(printed).toBe(nativeDriverPath({ isPackaged: false, resourcesPath: '', projectDir: repo, platform: 'win32', arch: 'arm64' }));
  });
});
