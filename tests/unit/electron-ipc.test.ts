import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDoorway, type Router } from '../../electron/core';
import { ADMIN, removeDir, setUpVault, tempDir, TEST_KDF } from '../support/vault';

/*
 * Electron's ipcMain is the only stand-in here (there is no Electron binary in CI): the transport
 * code, the router and the core behind it are the real ones, on a real vault in a temp folder.
 */
const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
const pickerAsked: unknown[] = [];
vi.mock('electron', () => ({
  dialog: {
    showOpenDialog: (win: unknown, options: unknown) => {
      pickerAsked.push(options);
      return Promise.resolve({ canceled: false, filePaths: ['/media/usb/backups'] });
    },
  },
  ipcMain: {
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));

const { forwardEvents, registerFolderPicker, registerIpc } = await import('../../electron/main/ipc');

interface FakeFrame {
  url: string;
}
function fakeWindow(mainFrameUrl = 'app://doorway/') {
  const sent: unknown[][] = [];
  const mainFrame: FakeFrame = { url: mainFrameUrl };
  const webContents = { mainFrame, send: (...args: unknown[]) => sent.push(args) };
  let destroyed = false;
  const win = { isDestroyed: () => destroyed, webContents };
  return { win: win as unknown as BrowserWindow, mainFrame, webContents, sent, destroy: () => (destroyed = true) };
}
const eventFrom = (sender: unknown, senderFrame: FakeFrame | null) => ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

let dir: string;
let calls: unknown[];
let stop: (() => void) | null = null;

beforeAll(() => {
  dir = tempDir();
});
afterAll(() => removeDir(dir));
afterEach(() => {
  stop?.();
  stop = null;
});

function register(win: BrowserWindow | null) {
  const real = createDoorway({ dataDir: dir, kdfCost: TEST_KDF }).router;
  calls = [];
  const router: Router = (name, input) => {
    calls.push(name);
    return real(name, input);
  };
  stop = registerIpc(router, () => win, () => undefined);
  const invoke = handlers.get('doorway:invoke');
  if (!invoke) throw new Error('doorway:invoke was not registered');
  return invoke;
}

describe('doorway:invoke', () => {
  it('passes a call from the window main frame on app://doorway to the router', async () => {
    const w = fakeWindow();
    const invoke = register(w.win);
    await expect(invoke(eventFrom(w.webContents, w.mainFrame), 'setup.status', {})).resolves.toEqual({
      ok: true,
      value: { vaultExists: false },
    });
    expect(calls).toEqual(['setup.status']);
  });

  it('lets the router refuse bad input, so handlers never see it', async () => {
    const w = fakeWindow();
    const invoke = register(w.win);
    const result = (await invoke(eventFrom(w.webContents, w.mainFrame), 'setup.status', { extra: true })) as { ok: boolean; error?: { code: string } };
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBe('INVALID_INPUT');
  });

  const refusals: [string, (w: ReturnType<typeof fakeWindow>) => IpcMainInvokeEvent][] = [
    ['no sender frame (it went away)', (w) => eventFrom(w.webContents, null)],
    ['a subframe on the app origin', (w) => eventFrom(w.webContents, { url: 'app://doorway/' })],
    ['another web contents', (w) => eventFrom({ other: true }, w.mainFrame)],
  ];
  it.each(refusals)('refuses %s without calling the router', async (_label, makeEvent) => {
    const w = fakeWindow();
    const invoke = register(w.win);
    await expect(invoke(makeEvent(w), 'setup.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it.each(['https://example.org/', 'app://doorway.example/', 'file:///tmp/x.html', 'about:blank'])(
    'refuses the main frame when it shows %s',
    async (url) => {
      const w = fakeWindow(url);
      const invoke = register(w.win);
      await expect(invoke(eventFrom(w.webContents, w.mainFrame), 'setup.status', {})).resolves.toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(calls).toEqual([]);
    },
  );

  it('refuses calls once the window is gone', async () => {
    const w = fakeWindow();
    const invoke = register(w.win);
    w.destroy();
    await expect(invoke(eventFrom(w.webContents, w.mainFrame), 'setup.status', {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const none = register(null);
    await expect(none(eventFrom(w.webContents, w.mainFrame), 'setup.status', {})).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toEqual([]);
  });

  it.each(['people.delete-everything', '__proto__', 'constructor', 42, null])('refuses the unknown channel %s', async (name) => {
    const w = fakeWindow();
    const invoke = register(w.win);
    await expect(invoke(eventFrom(w.webContents, w.mainFrame), name, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(calls).toEqual([]);
  });

  it('removes its handler when stopped', () => {
    register(fakeWindow().win);
    stop?.();
    stop = null;
    expect(handlers.has('doorway:invoke')).toBe(false);
  });
});

describe('events to the window', () => {
  it('sends session.locked with only its payload, and stops when asked', async () => {
    const vaultDir = tempDir();
    try {
      const { core, router } = await setUpVault(vaultDir);
      const w = fakeWindow();
      const stopEvents = forwardEvents(core, () => w.win);
      core.lock('manual');
      expect(w.sent).toEqual([['doorway:event', 'session.locked', { reason: 'manual' }]]);

      stopEvents();
      const signedIn = await router('session.signIn', { username: ADMIN.username, password: ADMIN.password });
      expect(signedIn.ok).toBe(true);
      core.lock('idle');
      expect(w.sent).toHaveLength(1);
    } finally {
      removeDir(vaultDir);
    }
  });

  it('sends nothing to a window that is gone', async () => {
    const vaultDir = tempDir();
    try {
      const { core } = await setUpVault(vaultDir);
      const w = fakeWindow();
      w.destroy();
      const stopEvents = forwardEvents(core, () => w.win);
      core.lock('manual');
      expect(w.sent).toEqual([]);
      stopEvents();
    } finally {
      removeDir(vaultDir);
    }
  });
});

describe('the folder picker', () => {
  it('opens the system picker for the Doorway window only, and answers anything else with null', async () => {
    const { win, mainFrame, webContents } = fakeWindow();
    const stopPicker = registerFolderPicker(() => win, () => undefined);
    const pick = handlers.get('doorway:choose-folder')!;
    await expect(pick(eventFrom(webContents, mainFrame))).resolves.toBe('/media/usb/backups');
    expect(pickerAsked).toHaveLength(1);
    const elsewhere = fakeWindow('https://example.org/');
    await expect(pick(eventFrom(elsewhere.webContents, elsewhere.mainFrame))).resolves.toBeNull();
    await expect(pick(eventFrom(webContents, { url: 'app://doorway/' }))).resolves.toBeNull();
    expect(pickerAsked).toHaveLength(1);
    stopPicker();
    expect(handlers.has('doorway:choose-folder')).toBe(false);
  });
});
