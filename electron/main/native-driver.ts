import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { app } from 'electron';
import Database from 'better-sqlite3-multiple-ciphers';
import { nativeDriverPath } from './policy';

export type StartupProblem = { title: string; message: string };
export type DriverCheck = { ok: true; value: string } | { ok: false; error: StartupProblem };

const NOTHING_CHANGED = 'No records were opened or changed.';

/**
 * Finds the app's copy of the database driver (a Node-API build, prepared by `npm start` or shipped
 * in the installer) and proves it loads, so a missing or damaged build is explained at start instead
 * of failing at the first sign-in.
 */
export function locateNativeDriver(): DriverCheck {
  const electronVersion = process.versions.electron ?? 'unknown';
  const path = nativeDriverPath({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    // dist/electron/main.cjs -> the project folder, however Electron was started.
    projectDir: resolve(__dirname, '..', '..'),
    platform: process.platform,
    arch: process.arch,
  });

  if (!existsSync(path)) {
    return {
      ok: false,
      error: app.isPackaged
        ? {
            title: 'Doorway needs to be reinstalled',
            message: `This copy of Doorway is missing a file it needs to open the records:\n${path}\n\nPlease install Doorway again from its installer. Your records are kept in a separate folder and are safe. ${NOTHING_CHANGED}`,
          }
        : {
            title: 'Doorway needs one more step',
            message:
              `Doorway's database component is not in this folder yet.\n\n` +
              'On a computer connected to the internet, open a terminal in the Doorway folder and run:\n\n    npm start\n\n' +
              `It prepares the component once (in the .electron-native folder) and then opens Doorway. ${NOTHING_CHANGED}`,
          },
    };
  }

  try {
    new Database(':memory:', { nativeBinding: path }).close();
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: app.isPackaged
        ? {
            title: 'Doorway needs to be reinstalled',
            message: `Doorway's database component could not be loaded (${reason}).\n\nPlease install Doorway again from its installer. ${NOTHING_CHANGED}`,
          }
        : {
            title: 'The database component needs rebuilding',
            message:
              `The database component in\n${path}\ndoes not load in Electron ${electronVersion} (${reason}).\n\n` +
              `Delete that folder, then run \`npm start\` again. ${NOTHING_CHANGED}`,
          },
    };
  }
  return { ok: true, value: path };
}
