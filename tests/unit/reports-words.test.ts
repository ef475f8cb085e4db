import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../electron/core/reports/templates';
import { checkLanguage } from '../../shared/language';
import { messageText, msg } from '../../shared/messages';
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
      // Doorway's own words about each template, in English (the Spanish is checked by the language assistant's Spanish rules).
      const words = [...t.notMapped, t.title].map((key) => messageText(msg(key))).join('\n');
      expect(checkLanguage(words)).toEqual([]);
    }
  });
});
