/**
 * Saves CSV as a download: a Blob and a temporary link, which the CSP allows (no data: URL, no
 * script). The byte-order mark lets spreadsheet programs read names with accents correctly.
 */
export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
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
