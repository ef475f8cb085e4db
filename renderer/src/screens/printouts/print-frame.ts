import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { pageWordParts, type PdfRequest, type PdfResult } from '../../../../shared/print';
import { getBridge } from '../../api/bridge';
import { useSessionInfo } from '../../api/queries';
import { formatLongDay, todayIso } from '../../components/dates';

/** What goes in a printout's margins: the clinic, the day, its title, and the page numbers. */
export interface PrintFrame {
  headerLeft: string;
  headerRight: string;
  footerLeft: string;
  pageWords: string;
}

/** The frame for a printout titled `title`, in the staff member's language, dated today. */
export function usePrintFrameWords(title: string): PrintFrame {
  const { t } = useTranslation();
  const clinicName = useSessionInfo().data?.settings.clinicName ?? '';
  return useMemo(
    () => ({ headerLeft: clinicName, headerRight: formatLongDay(todayIso()), footerLeft: title, pageWords: t('printout.pageWords') }),
    [clinicName, title, t],
  );
}

const cssString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\r\n]+/g, ' ')}"`;

/**
 * The same frame as CSS @page margin boxes (Chromium 131 and later print them), for the browser's own
 * print: the clinic's name and the day at the top of every page, the title and "Page 2 of 5" at the bottom.
 */
export function marginBoxCss(f: PrintFrame): string {
  const pages = pageWordParts(f.pageWords)
    .map((p) => ('text' in p ? cssString(p.text) : `counter(${p.counter})`))
    .join(' ');
  const box = 'font-family: system-ui, sans-serif; font-size: 8.5pt; color: #444;';
  return `@page {
  @top-left { content: ${cssString(f.headerLeft)}; ${box} }
  @top-right { content: ${cssString(f.headerRight)}; ${box} }
  @bottom-left { content: ${cssString(f.footerLeft)}; ${box} }
  @bottom-right { content: ${pages}; ${box} }
}`;
}

/**
 * Set on <html> while a PDF is made with header and footer templates (Save as PDF in the app; the
 * tests do the same around page.pdf()). Chromium fires beforeprint for those too, and margin boxes
 * and templates together would print the frame twice.
 */
export const PDF_FRAME_ATTRIBUTE = 'data-pdf-frame';

/**
 * While a printable screen is open, the browser's print (the Print button, Ctrl+P, the menu) gets the
 * frame in the page margins. It is added just before printing and taken away after, and left out
 * while a PDF is made with templates (above). The sheet is built in script (CSSOM), which the
 * style-src 'self' policy allows.
 */
export function usePrintFrame(frame: PrintFrame): void {
  useEffect(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(marginBoxCss(frame));
    const before = () => {
      if (document.documentElement.hasAttribute(PDF_FRAME_ATTRIBUTE)) return;
      if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    };
    const after = () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      after();
    };
  }, [frame]);
}

/** Save as PDF exists in the desktop app only; the preview prints through the browser (which can save a PDF too). */
export function pdfSaver(): ((request: PdfRequest) => Promise<PdfResult>) | null {
  const bridge = getBridge();
  if (!bridge.savePdf) return null;
  return async (request) => {
    document.documentElement.setAttribute(PDF_FRAME_ATTRIBUTE, '');
    try {
      return await bridge.savePdf!(request);
    } finally {
      document.documentElement.removeAttribute(PDF_FRAME_ATTRIBUTE);
    }
  };
}
