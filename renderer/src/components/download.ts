/**
 * Saving a file the app made (a CSV, a report, a person's record, the recovery kit) as a download: a
 * Blob and a temporary link, which the CSP allows (no data: URL, no script). One routine for every
 * screen that offers a file.
 */
function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click is handled; a short delay keeps slow machines safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadText(fileName: string, text: string): void {
  download(fileName, new Blob([text], { type: 'text/plain;charset=utf-8' }));
}

/** The byte-order mark lets spreadsheet programs read names with accents correctly. */
export function downloadCsv(fileName: string, csv: string): void {
  download(fileName, new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
}

/** A binary file core built (a zip, a workbook): it crosses IPC as base64, since IPC carries strings. */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  download(fileName, new Blob([bytes], { type }));
}
