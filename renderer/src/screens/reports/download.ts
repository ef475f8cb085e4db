import type { ExportFile } from '../../../../shared/contract/reports';
import { downloadCsv } from '../continuity/download';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Saves a report file built in core: CSV as text (continuity's download, with its byte-order mark),
 * XLSX from its base64 bytes. A Blob and a temporary link, as the CSP allows.
 */
export function saveExport(file: ExportFile): void {
  if (file.format === 'csv') {
    downloadCsv(file.filename, file.content);
    return;
  }
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: XLSX_TYPE }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
