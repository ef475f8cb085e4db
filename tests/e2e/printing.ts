import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PDF_MARGINS_IN, pdfTemplates, type PdfRequest } from '../../shared/print';

/** Printouts rendered in tests, kept for people to look at (test-results is not in git). */
const OUT = join(__dirname, '..', '..', 'test-results', 'printouts');

export interface Printed {
  pdf: string;
  pages: number;
  /** pdftotext's reading of the whole PDF, page breaks as form feeds. */
  text: string;
  pngs: string[];
}

/**
 * The page as the desktop app's Save as PDF makes it: print media, the same header and footer
 * templates and margins as printToPDF (shared/print.ts), then each page turned into a PNG with
 * poppler's pdftoppm (CI installs poppler-utils) and read back with pdftotext.
 */
export async function printToPdf(page: Page, name: string, frame: Omit<PdfRequest, 'fileName'> | null): Promise<Printed> {
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (f.startsWith(`${name}-`) || f === `${name}.pdf`) rmSync(join(OUT, f));
  // As the app's Save as PDF does: the frame comes from the templates, not from CSS margin boxes.
  if (frame) await page.evaluate(() => document.documentElement.setAttribute('data-pdf-frame', ''));
  await page.emulateMedia({ media: 'print' });
  const inches = (n: number) => `${n}in`;
  const bytes = await page.pdf({
    format: 'Letter',
    printBackground: false,
    ...(frame ? { displayHeaderFooter: true, ...pdfTemplates(frame), margin: { top: inches(PDF_MARGINS_IN.top), bottom: inches(PDF_MARGINS_IN.bottom), left: inches(PDF_MARGINS_IN.left), right: inches(PDF_MARGINS_IN.right) } } : {}),
  });
  await page.emulateMedia({ media: 'screen' });
  await page.evaluate(() => document.documentElement.removeAttribute('data-pdf-frame'));
  const pdf = join(OUT, `${name}.pdf`);
  writeFileSync(pdf, bytes);
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(OUT, name)]);
  const pngs = readdirSync(OUT)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(OUT, f));
  return { pdf, pages, text, pngs };
}

/** What the app's own controls and menus say: none of it belongs on paper. */
export const APP_CHROME = ['Print', 'Sign out', 'Lock', 'Switch user', 'Skip to content', 'Save as PDF', 'Export everything', 'Back to', 'Include clinical notes', 'Search'];
