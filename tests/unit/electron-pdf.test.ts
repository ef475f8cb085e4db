import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pdfTemplates } from '../../shared/print';
import { removeDir, tempDir } from '../support/vault';

/*
 * Electron's ipcMain, dialog and printToPDF are stand-ins (no Electron binary in CI); the PDF saver
 * itself is the real one: it answers only the Doorway window, parses the request, and writes only
 * where the save dialog says.
 */
const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>();
const dir = tempDir('doorway-pdf-');
let saveAnswer: { canceled: boolean; filePath?: string } = { canceled: false };
const dialogAsked: { defaultPath: string }[] = [];
vi.mock('electron', () => ({
  app: { getPath: () => '/home/someone/Documents' },
  dialog: {
    showSaveDialog: (_win: unknown, options: { defaultPath: string }) => {
      dialogAsked.push(options);
      return Promise.resolve(saveAnswer);
    },
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
  },
  ipcMain: {
    handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
  },
}));
const { registerPdfSaver } = await import('../../electron/main/pdf');

const printed: unknown[] = [];
const mainFrame = { url: 'app://doorway/' };
const webContents = {
  mainFrame,
  printToPDF: (options: unknown) => {
    printed.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.4 test'));
  },
};
const win = { isDestroyed: () => false, webContents } as unknown as BrowserWindow;
const fromWindow = { sender: webContents, senderFrame: mainFrame } as unknown as IpcMainInvokeEvent;
const request = { fileName: 'summary-AB-1234.pdf', headerLeft: 'Harbour Street Clinic', headerRight: 'November 21, 2026', footerLeft: 'A summary for Ally', pageWords: 'Page {page} of {pages}' };

afterAll(() => removeDir(dir));
beforeEach(() => {
  printed.length = 0;
  dialogAsked.length = 0;
});

describe('doorway:save-pdf', () => {
  it('prints the window to PDF with the header and footer, and writes it where the person chose', async () => {
    const stop = registerPdfSaver(() => win, () => undefined);
    const target = join(dir, 'chosen.pdf');
    saveAnswer = { canceled: false, filePath: target };
    await expect(handlers.get('doorway:save-pdf')!(fromWindow, request)).resolves.toEqual({ saved: true, fileName: 'chosen.pdf' });
    expect(dialogAsked[0]!.defaultPath).toBe(join('/home/someone/Documents', 'summary-AB-1234.pdf'));
    expect(printed[0]).toMatchObject({ displayHeaderFooter: true, ...pdfTemplates(request) });
    expect(readFileSync(target, 'utf8')).toBe('%PDF-1.4 test');
    stop();
    expect(handlers.has('doorway:save-pdf')).toBe(false);
  });

  it('does nothing for another frame, a bad request or a cancelled dialog', async () => {
    const stop = registerPdfSaver(() => win, () => undefined);
    const save = handlers.get('doorway:save-pdf')!;
    const elsewhere = { sender: webContents, senderFrame: { url: 'https://example.org/' } } as unknown as IpcMainInvokeEvent;
    await expect(save(elsewhere, request)).resolves.toEqual({ saved: false, reason: 'failed' });
    await expect(save(fromWindow, { ...request, fileName: '../../etc/passwd.pdf' })).resolves.toEqual({ saved: false, reason: 'failed' });
    await expect(save(fromWindow, { ...request, extra: 1 })).resolves.toEqual({ saved: false, reason: 'failed' });
    expect(dialogAsked).toHaveLength(0);
    saveAnswer = { canceled: true };
    await expect(save(fromWindow, request)).resolves.toEqual({ saved: false, reason: 'cancelled' });
    expect(printed).toHaveLength(0);
    expect(existsSync(join(dir, 'chosen-2.pdf'))).toBe(false);
    stop();
  });
});

describe('the header and footer templates', () => {
  it('escape every word and place the page number and count', () => {
    const t = pdfTemplates({ headerLeft: 'Clinic <b>&</b>', headerRight: '"today"', footerLeft: "Al's", pageWords: 'Página {page} de {pages}' });
    expect(t.headerTemplate).toContain('Clinic &#60;b&#62;&#38;&#60;/b&#62;');
    expect(t.headerTemplate).not.toContain('<b>');
    expect(t.footerTemplate).toContain('Al&#39;s');
    expect(t.footerTemplate).toContain('Página <span class="pageNumber"></span> de <span class="totalPages"></span>');
  });
});
