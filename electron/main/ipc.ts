import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { eventNames, isChannelName } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import { msg } from '../../shared/messages';
import type { Doorway, Router } from '../core';
import { CHOOSE_FOLDER_CHANNEL, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-names';
import { isTrustedSender } from './policy';

type Log = (message: string, error?: unknown) => void;
type GetWindow = () => BrowserWindow | null;

/**
 * Transport 1 of the router: a call counts only when it comes from the Doorway window's own main
 * frame while that frame shows app://doorway. A subframe, another window, or a page that somehow
 * navigated elsewhere is refused before the router sees anything.
 */
export function isFromAppWindow(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !win || win.isDestroyed() || event.sender !== win.webContents) return false;
  return isTrustedSender({ url: frame.url, isMainFrame: frame === win.webContents.mainFrame });
}

export function registerIpc(router: Router, getWindow: GetWindow, log: Log): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isFromAppWindow(event, getWindow())) {
      log('refused a call that did not come from the Doorway window');
      return fail('FORBIDDEN', msg('general.notFromWindow'));
    }
    if (!isChannelName(name)) return fail('UNKNOWN_CHANNEL', msg('general.unknownChannel'));
    try {
      return await router(name, input);
    } catch (e) {
      // The router answers every call with a Result; this only guards against a bug in it.
      log(`${name} failed outside the router`, e);
      return fail('INTERNAL', msg('general.internal'));
    }
  });
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

/** Pushes core's events (for now: the session locked) to the window; payloads only, never objects from main. */
export function forwardEvents(core: Doorway, getWindow: GetWindow): () => void {
  const stops = eventNames.map((name) =>
    core.on(name, (payload) => {
      const win = getWindow();
      if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    for (const stop of stops) stop();
  };
}

/**
 * The system's own folder picker, for the backup folder: the person sees their disks and drives as
 * everywhere else on their computer. It answers only the Doorway window and returns a path or null;
 * the path is then checked by core like a typed one (backup/destination rules), never trusted here.
 */
export function registerFolderPicker(getWindow: GetWindow, log: Log): () => void {
  ipcMain.handle(CHOOSE_FOLDER_CHANNEL, async (event): Promise<string | null> => {
    const win = getWindow();
    if (!isFromAppWindow(event, win)) {
      log('refused a folder picker that was not asked for by the Doorway window');
      return null;
    }
    const picked = await dialog.showOpenDialog(win!, {
      title: 'Choose the folder for backups',
      buttonLabel: 'Use this folder',
      properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
    });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  return () => ipcMain.removeHandler(CHOOSE_FOLDER_CHANNEL);
}
