import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DoorwayBridge } from '../../shared/contract';

/*
 * The preload runs in Electron's sandbox; here Electron's contextBridge and ipcRenderer are the
 * stand-ins (there is no Electron binary in CI) and the preload module itself is the real one.
 */
const exposed = new Map<string, unknown>();
const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

await import('../../electron/preload/index');
const bridge = exposed.get('doorway') as DoorwayBridge;
const fakeIpcEvent = { sender: ipcRenderer, senderId: 0, ports: [] };

beforeEach(() => {
  ipcRenderer.invoke.mockReset();
  ipcRenderer.removeAllListeners();
});

describe('what the preload exposes', () => {
  it('is window.doorway with invoke, subscribe, the folder picker and Save as PDF, and nothing else', () => {
    expect([...exposed.keys()]).toEqual(['doorway']);
    expect(Object.keys(bridge).sort()).toEqual(['chooseFolder', 'invoke', 'savePdf', 'subscribe']);
  });
});

describe('chooseFolder', () => {
  it('asks main over doorway:choose-folder and returns only a path or null', async () => {
    ipcRenderer.invoke.mockResolvedValue('/media/usb/backups');
    await expect(bridge.chooseFolder!()).resolves.toBe('/media/usb/backups');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('doorway:choose-folder');
    ipcRenderer.invoke.mockResolvedValue({ not: 'a path' });
    await expect(bridge.chooseFolder!()).resolves.toBeNull();
    ipcRenderer.invoke.mockRejectedValue(new Error('gone'));
    await expect(bridge.chooseFolder!()).resolves.toBeNull();
  });
});

describe('invoke', () => {
  it('sends a contract channel to main over doorway:invoke and returns its Result', async () => {
    ipcRenderer.invoke.mockResolvedValue({ ok: true, value: { vaultExists: true } });
    await expect(bridge.invoke('setup.status', {})).resolves.toEqual({ ok: true, value: { vaultExists: true } });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('doorway:invoke', 'setup.status', {});
  });

  it.each(['people.delete-everything', 'toString', '__proto__'])('refuses %s before anything is sent', async (name) => {
    const result = await bridge.invoke(name as never, {} as never);
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('turns a failed transport into a typed error instead of a thrown one', async () => {
    ipcRenderer.invoke.mockRejectedValue(new Error('No handler registered'));
    await expect(bridge.invoke('session.state', {})).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('subscribe', () => {
  it('hands the listener only the payload of its own event', () => {
    const seen: unknown[][] = [];
    bridge.subscribe('session.locked', (...args: unknown[]) => seen.push(args));
    ipcRenderer.emit('doorway:event', fakeIpcEvent, 'session.locked', { reason: 'idle' });
    ipcRenderer.emit('doorway:event', fakeIpcEvent, 'something.else', { reason: 'manual' });
    expect(seen).toEqual([[{ reason: 'idle' }]]);
  });

  it('stops listening when unsubscribed', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.subscribe('session.locked', listener);
    expect(ipcRenderer.listenerCount('doorway:event')).toBe(1);
    unsubscribe();
    expect(ipcRenderer.listenerCount('doorway:event')).toBe(0);
    ipcRenderer.emit('doorway:event', fakeIpcEvent, 'session.locked', { reason: 'idle' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('registers nothing for an event that is not in the contract', () => {
    const unsubscribe = bridge.subscribe('people.changed' as never, vi.fn());
    expect(ipcRenderer.listenerCount('doorway:event')).toBe(0);
    expect(() => unsubscribe()).not.toThrow();
  });
});

describe('savePdf', () => {
  it('asks main over doorway:save-pdf and turns a failed transport into a plain "not saved"', async () => {
    const request = { fileName: 'a.pdf', headerLeft: 'Clinic', headerRight: 'Today', footerLeft: 'Title', pageWords: 'Page {page} of {pages}' };
    ipcRenderer.invoke.mockResolvedValue({ saved: true, fileName: 'a.pdf' });
    await expect(bridge.savePdf!(request)).resolves.toEqual({ saved: true, fileName: 'a.pdf' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('doorway:save-pdf', request);
    ipcRenderer.invoke.mockRejectedValue(new Error('gone'));
    await expect(bridge.savePdf!(request)).resolves.toEqual({ saved: false, reason: 'failed' });
  });
});
