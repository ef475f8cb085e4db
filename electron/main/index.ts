import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { app, dialog, Menu, powerMonitor, session, type BrowserWindow } from 'electron';
import { createDoorway, type Doorway } from '../core';
import { resolveDataDir } from '../core/paths';
import { forwardEvents, registerFolderPicker, registerIpc } from './ipc';
import { buildAppMenu } from './menu';
import { registerPdfSaver } from './pdf';
import { locateNativeDriver, type StartupProblem } from './native-driver';
import { launchArguments } from './policy';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { keychainBox } from './secret-box';
import { createMainWindow } from './window';

/** Goes to the terminal that started Doorway; core never passes record contents or secrets here. */
function log(message: string, error?: unknown): void {
  if (error === undefined) console.error(`[doorway] ${message}`);
  else console.error(`[doorway] ${message}`, error);
}

// This file is bundled to dist/electron/main.cjs (inside app.asar when packaged); the renderer is
// built beside it into dist/renderer.
const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

let mainWindow: BrowserWindow | null = null;
let core: Doorway | null = null;

// A packaged Doorway ignores the development switches (a debugging port, another data or profile
// folder): they are taken out of Chromium's command line before it acts on them (policy.ts).
const launch = launchArguments(process.argv, app.isPackaged);
for (const name of launch.ignored) app.commandLine.removeSwitch(name);
// Electron reads --user-data-dir before this code runs: a packaged build puts the profile back where it belongs.
if (launch.given.includes('user-data-dir')) app.setPath('userData', join(app.getPath('appData'), app.getName()));

// An explicit Chromium profile folder (used by the Electron end-to-end test) keeps a test run away
// from the real profile and from the single-instance lock of a Doorway that is already open.
const profileDir = app.commandLine.getSwitchValue('user-data-dir');
if (profileDir) app.setPath('userData', resolve(profileDir));

registerAppScheme();
app.enableSandbox();
hardenAllWebContents(log);

function focusWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function explainAndQuit(problem: StartupProblem): void {
  dialog.showErrorBox(problem.title, problem.message);
  app.exit(1);
}

function start(): void {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    explainAndQuit({
      title: "Doorway's screens are not built yet",
      message: `There is no ${join(rendererDir, 'index.html')}.\n\nRun \`npm start\` in the Doorway folder: it builds the screens and then opens Doorway. No records were opened or changed.`,
    });
    return;
  }
  const driver = locateNativeDriver();
  if (!driver.ok) {
    explainAndQuit(driver.error);
    return;
  }

  hardenSession(session.defaultSession);
  serveRenderer(rendererDir, log);

  const dataDir = resolveDataDir(launch.argv, process.env, app.getPath('userData'));
  const doorway = createDoorway({ dataDir, nativeBinding: driver.value, log, secretBox: keychainBox() });
  const theCore = doorway.core;
  core = theCore;
  // On the clinic hub's computer: its server, which the other computers reach, runs while Doorway does.
  theCore.hub.startServerIfHere().catch((e: unknown) => log("the clinic hub's server could not start", e));
  theCore.startIdleTimer();
  // The daily backup while someone is signed in (core/backup/service.ts).
  theCore.backups.startSchedule();

  registerIpc(doorway.router, () => mainWindow, log);
  registerFolderPicker(() => mainWindow, log);
  registerPdfSaver(() => mainWindow, log);
  forwardEvents(theCore, () => mainWindow);

  Menu.setApplicationMenu(
    buildAppMenu({ lockNow: () => theCore.lock('manual'), isMac: process.platform === 'darwin', isPackaged: app.isPackaged }),
  );
  // Someone steps away and locks the computer or closes the lid: the records lock with it.
  powerMonitor.on('lock-screen', () => theCore.lock('system'));
  powerMonitor.on('suspend', () => theCore.lock('system'));

  const devIcon = join(__dirname, '..', '..', 'build', 'icon.png');
  const win = createMainWindow({
    preloadPath,
    isPackaged: app.isPackaged,
    iconPath: !app.isPackaged && existsSync(devIcon) ? devIcon : undefined,
  });
  mainWindow = win;
  win.on('closed', () => {
    mainWindow = null;
  });
  // A renderer that crashed may have been showing records: lock first, then bring up a fresh page,
  // which starts at the sign-in screen.
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`the window's page stopped (${details.reason}); locking`);
    theCore.lock('system');
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.reload();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Doorway is already open: the first instance brings its window forward (below) and this one leaves.
  app.quit();
} else {
  app.setAppUserModelId('org.doorway.app');
  app.on('second-instance', focusWindow);
  // Closing the window quits on every platform, macOS included: a session that stays open with no
  // window on screen is one nobody can see to lock.
  app.on('window-all-closed', () => app.quit());
  // The backup on quit, while the session (and so the key) is still there: only when the last verified
  // backup is older than a day. Quitting waits for it once, then goes on whatever happened.
  // Then, on the hub's computer, its server stops (a fast shutdown: every committed change is kept).
  let quitWorkDone = false;
  app.on('before-quit', (event) => {
    const c = core;
    if (quitWorkDone || !c) return;
    quitWorkDone = true;
    event.preventDefault();
    const backup = c.session ? c.backups.backupOnQuitIfDue().then((outcome) => log(`backup on quit: ${outcome}`)) : Promise.resolve();
    void backup
      .then(() => {
        c.close();
        return c.stopHubServer();
      })
      .catch((e: unknown) => log('could not finish cleanly while quitting', e))
      .finally(() => app.quit());
  });
  app.on('will-quit', () => {
    try {
      core?.close();
    } catch (e) {
      log('could not lock cleanly while quitting', e);
    }
    core = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((e: unknown) => {
      log('Doorway could not start', e);
      explainAndQuit({
        title: 'Doorway could not start',
        message: `${e instanceof Error ? e.message : String(e)}\n\nNo records were opened or changed.`,
      });
    });
}
