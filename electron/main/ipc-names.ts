/**
 * The two IPC channel names between preload and main. Kept free of imports so the sandboxed
 * preload bundle can share them without pulling in anything from the main process.
 */
export const INVOKE_CHANNEL = 'doorway:invoke';
export const EVENT_CHANNEL = 'doorway:event';
/** The app's native folder picker (a backup folder); the preview has none, and the path is typed there. */
export const CHOOSE_FOLDER_CHANNEL = 'doorway:choose-folder';
/** Save a printout as PDF (printToPDF and the system's save dialog); the preview prints through the browser instead. */
export const SAVE_PDF_CHANNEL = 'doorway:save-pdf';
