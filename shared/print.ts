import { z } from 'zod';

/**
 * Printouts' page furniture: the clinic's name and the date at the top of every page, the printout's
 * title and "Page 2 of 5" at the bottom. One description for the three ways a printout leaves Doorway:
 * the browser's print (CSS @page margin boxes, renderer), Electron's printToPDF (header and footer
 * templates, main) and the tests that render printouts to PDF (the same templates).
 */

/** The words around the page numbers, in the staff member's language: "Page {page} of {pages}". */
const pageWordsSchema = z
  .string()
  .max(100)
  .refine((w) => w.includes('{page}') && w.includes('{pages}'), 'The page words name {page} and {pages}.');

export const pdfRequestSchema = z.strictObject({
  /** A file name to suggest in the save dialog; main adds nothing to it and takes no folder from it. */
  fileName: z
    .string()
    .max(120)
    .regex(/^[^/\\:*?"<>|]+\.pdf$/, 'A file name without folders, ending in .pdf.')
    .refine((n) => ![...n].some((c) => c.charCodeAt(0) < 32), 'A file name without control characters.'),
  headerLeft: z.string().max(200),
  headerRight: z.string().max(200),
  footerLeft: z.string().max(200),
  pageWords: pageWordsSchema,
});
export type PdfRequest = z.infer<typeof pdfRequestSchema>;

export type PdfResult = { saved: true; fileName: string } | { saved: false; reason: 'cancelled' | 'failed' };

/** "Page {page} of {pages}" as pieces: text, and where the page number and the page count go. */
export function pageWordParts(words: string): ({ text: string } | { counter: 'page' | 'pages' })[] {
  return words
    .split(/(\{pages\}|\{page\})/)
    .filter((p) => p !== '')
    .map((p) => (p === '{page}' ? { counter: 'page' as const } : p === '{pages}' ? { counter: 'pages' as const } : { text: p }));
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Printed small and grey in the margin; the templates get no page styles, so the font is set here. */
const BAND =
  'width:100%;box-sizing:border-box;padding:0 16mm;display:flex;justify-content:space-between;gap:12mm;' +
  "font-family:system-ui,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:8.5pt;color:#444;";

/** Chromium's header and footer templates (printToPDF, page.pdf): plain text only, every piece escaped. */
export function pdfTemplates(r: Omit<PdfRequest, 'fileName'>): { headerTemplate: string; footerTemplate: string } {
  const pages = pageWordParts(r.pageWords)
    .map((p) => ('text' in p ? escapeHtml(p.text) : `<span class="${p.counter === 'page' ? 'pageNumber' : 'totalPages'}"></span>`))
    .join('');
  return {
    headerTemplate: `<div style="${BAND}"><span>${escapeHtml(r.headerLeft)}</span><span>${escapeHtml(r.headerRight)}</span></div>`,
    footerTemplate: `<div style="${BAND}"><span>${escapeHtml(r.footerLeft)}</span><span>${pages}</span></div>`,
  };
}

/** Page margins for printToPDF and page.pdf, in inches: room for the header and footer bands. */
export const PDF_MARGINS_IN = { top: 0.8, bottom: 0.8, left: 0.7, right: 0.7 } as const;
