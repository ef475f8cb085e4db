import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL } from './policy';

export interface WindowOptions {
  preloadPath: string;
  isPackaged: boolean;
  /** Linux takes the window icon from here; macOS and Windows use the packaged app's icon. */
  iconPath?: string;
}

const TITLE = 'Doorway';

export function createMainWindow({ preloadPath, isPackaged, iconPath }: WindowOptions): BrowserWindow {
  const area = screen.getPrimaryDisplay().workAreaSize;
  const win = new BrowserWindow({
    title: TITLE,
    width: Math.min(1280, area.width),
    height: Math.min(860, area.height),
    minWidth: 760,
    minHeight: 560,
    show: false,
    // The first paint matches the app's calm background instead of flashing white.
    backgroundColor: '#f6f3ee',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !isPackaged,
    },
  });

  win.once('ready-to-show', () => win.show());
  // The window title stays "Doorway": a page title could carry a person's name into the taskbar
  // and window switcher, where anyone walking past the screen can read it.
  win.on('page-title-updated', (event) => event.preventDefault());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
