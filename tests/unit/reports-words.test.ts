import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../electron/core/reports/templates';
import { checkLanguage } from '../../shared/language';
import enReports from '../../renderer/src/i18n/en-reports.json';

/** Every string in a JSON tree, with its path. */
function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe('the reports’ words', () => {
  it('every string staff read on the Reports screen passes the project’s language check', () => {
    const flagged = strings(enReports).filter(([, text]) => checkLanguage(text).length > 0);
    expect(flagged).toEqual([]);
  });

  it('each template names published sources with their addresses, and says what it does not map', () => {
    for (const t of Object.values(TEMPLATES)) {
      expect(t.sources.length).toBeGreaterThan(0);
      for (const s of t.sources) expect(s.url).toMatch(/^https:\/\/[a-z0-9.-]+\.(edu|ca|gov)\//);
      expect(t.notMapped.length).toBeGreaterThan(0);
      const words = [...t.notMapped, t.title].join('\n');
      expect(checkLanguage(words)).toEqual([]);
    }
  });
});
