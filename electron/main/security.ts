import { join } from 'node:path';
import { app, shell, type Session } from 'electron';
import { externalLinkDecision, isAppBlobUrl, isNavigationAllowed } from './policy';

type Log = (message: string, error?: unknown) => void;

/**
 * The renderer needs no device, sensor, notification or network access: every permission is
 * refused without asking the person, and device pickers are cancelled before they can appear.
 */
export function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  // Saving is always the person's choice of place (the recovery kit belongs on a USB drive, not
  // necessarily in Downloads), so a save dialog is shown for every file the page offers.
  ses.on('will-download', (event, item) => {
    if (!isAppBlobUrl(item.getURL())) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({ defaultPath: join(app.getPath('downloads'), item.getFilename()) });
  });
  // Defence in depth behind the Content-Security-Policy: records never leave this computer.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/**
 * Applied to every web contents the app ever creates: the window stays on app://doorway, a link
 * that asks for a new window opens in the system browser when it is an http(s) address, and no
 * window, webview or popup is ever created by page content.
 */
export function hardenAllWebContents(log: Log): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (isNavigationAllowed(event.url)) return;
      event.preventDefault();
      log('blocked navigation away from the app');
    });
    contents.on('will-redirect', (event) => {
      if (isNavigationAllowed(event.url)) return;
      event.preventDefault();
      log('blocked a redirect away from the app');
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('select-bluetooth-device', (event, _devices, callback) => {
      event.preventDefault();
      callback('');
    });
    contents.setWindowOpenHandler(({ url }) => {
      const decision = externalLinkDecision(url);
      if (decision.kind === 'open-in-browser') {
        shell.openExternal(decision.url).catch((e: unknown) => log('could not open a link in the system browser', e));
      }
      return { action: 'deny' };
    });
  });
}
