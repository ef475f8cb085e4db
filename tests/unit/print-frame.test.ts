import { describe, expect, it } from 'vitest';
import { pageWordParts } from '../../shared/print';
import { marginBoxCss } from '../../renderer/src/screens/printouts/print-frame';
import { parsePrintRoute } from '../../renderer/src/screens/printouts/print-route';

describe('the print frame as CSS margin boxes', () => {
  it('puts the clinic and the day at the top, the title and the page numbers at the bottom, quotes escaped', () => {
    const css = marginBoxCss({ headerLeft: 'The "Harbour" Clinic', headerRight: 'December 5, 2026', footerLeft: 'A summary for Ally', pageWords: 'Page {page} of {pages}' });
    expect(css).toContain('@top-left { content: "The \\"Harbour\\" Clinic";');
    expect(css).toContain('@top-right { content: "December 5, 2026";');
    expect(css).toContain('@bottom-left { content: "A summary for Ally";');
    expect(css).toContain('@bottom-right { content: "Page " counter(page) " of " counter(pages);');
  });

  it('follows the words of another language, whatever the order', () => {
    expect(pageWordParts('{page} / {pages}')).toEqual([{ counter: 'page' }, { text: ' / ' }, { counter: 'pages' }]);
    expect(marginBoxCss({ headerLeft: '', headerRight: '', footerLeft: '', pageWords: 'Página {page} de {pages}' })).toContain('content: "Página " counter(page) " de " counter(pages);');
  });
});

describe('print routes', () => {
  it('are the summary of one person and the outreach list, nothing else', () => {
    expect(parsePrintRoute('/print/person/12')).toEqual({ screen: 'person', id: 12 });
    expect(parsePrintRoute('/print/doors')).toEqual({ screen: 'doors' });
    for (const r of ['/print/person/0', '/print/person/x', '/print', '/print/doors/1', '/people/12']) expect(parsePrintRoute(r), r).toBeNull();
  });
});
