import type { ExportFile } from '../../../../shared/contract/reports';
import { downloadBase64, downloadCsv } from '../../components/download';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Saves a report file built in core: CSV as text (with its byte-order mark), XLSX from its base64 bytes. */
export function saveExport(file: ExportFile): void {
  if (file.format === 'csv') downloadCsv(file.filename, file.content);
  else downloadBase64(file.filename, file.content, XLSX_TYPE);
}
