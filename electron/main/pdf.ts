import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { PDF_MARGINS_IN, pdfRequestSchema, pdfTemplates, type PdfResult } from '../../shared/print';
import { isFromAppWindow } from './ipc';
import { SAVE_PDF_CHANNEL } from './ipc-names';

type Log = (message: string, error?: unknown) => void;

/**
 * "Save as PDF" for a printout: the page as it prints (print CSS), with the clinic's name, the date
 * and page numbers in the margins (shared/print.ts). Answers only the Doorway window; the request is
 * parsed like any IPC payload, and the file goes only where the person chose in the system's own save
 * dialog. The PDF holds what the screen already shows, so core has already checked and audited it.
 */
export function registerPdfSaver(getWindow: () => BrowserWindow | null, log: Log): () => void {
  ipcMain.handle(SAVE_PDF_CHANNEL, async (event, raw: unknown): Promise<PdfResult> => {
    const win = getWindow();
    if (!isFromAppWindow(event, win)) {
      log('refused a PDF that was not asked for by the Doorway window');
      return { saved: false, reason: 'failed' };
    }
    const request = pdfRequestSchema.safeParse(raw);
    if (!request.success) return { saved: false, reason: 'failed' };
    const { fileName, ...words } = request.data;
    const picked = await dialog.showSaveDialog(win!, {
      defaultPath: join(app.getPath('documents'), fileName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    });
    if (picked.canceled || !picked.filePath) return { saved: false, reason: 'cancelled' };
    try {
      const pdf = await win!.webContents.printToPDF({
        displayHeaderFooter: true,
        ...pdfTemplates(words),
        printBackground: false,
        margins: { ...PDF_MARGINS_IN },
      });
      await writeFile(picked.filePath, pdf);
      return { saved: true, fileName: basename(picked.filePath) };
    } catch (e) {
      log('a PDF could not be written', e);
      return { saved: false, reason: 'failed' };
    }
  });
  return () => ipcMain.removeHandler(SAVE_PDF_CHANNEL);
}
