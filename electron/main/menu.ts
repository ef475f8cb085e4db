import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** Locks the app at once: main closes the database and the window shows only the lock screen. */
  lockNow: () => void;
  isMac: boolean;
  /** Development builds get reload and DevTools; packaged builds never do. */
  isPackaged: boolean;
}

export function buildAppMenu({ lockNow, isMac, isPackaged }: MenuOptions): Menu {
  const lockItem: MenuItemConstructorOptions = {
    label: 'Lock now',
    accelerator: 'CmdOrCtrl+L',
    click: () => lockNow(),
  };

  const appMenu: MenuItemConstructorOptions = isMac
    ? {
        label: 'Doorway',
        submenu: [
          { role: 'about', label: 'About Doorway' },
          { type: 'separator' },
          lockItem,
          { type: 'separator' },
          { role: 'hide', label: 'Hide Doorway' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit', label: 'Quit Doorway' },
        ],
      }
    : {
        label: 'Doorway',
        submenu: [lockItem, { type: 'separator' }, { role: 'quit', label: 'Quit Doorway' }],
      };

  const viewMenu: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      // Larger text helps on a busy front desk; reload is left out of packaged builds because it
      // would only drop what someone was typing.
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isPackaged
        ? []
        : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] satisfies MenuItemConstructorOptions[])),
    ],
  };

  return Menu.buildFromTemplate([appMenu, { role: 'editMenu' }, viewMenu, { role: 'windowMenu' }]);
}
