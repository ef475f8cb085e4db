import { afterEach, describe, expect, it } from 'vitest';
import { formatDay } from '../../renderer/src/components/dates';
import { appLocale } from '../../renderer/src/components/locale';
import { formatCount, formatDecimal } from '../../renderer/src/components/numbers';
import i18n from '../../renderer/src/i18n/i18n';
import { applyLanguage, languageSignedIn } from '../../renderer/src/i18n/language';
import { pseudoString } from '../../renderer/src/i18n/pseudo';

afterEach(() => applyLanguage('en'));

describe('the pseudo-locale', () => {
  it('accents letters, makes the text about a third longer and marks both ends', () => {
    const p = pseudoString('Save settings');
    expect(p.startsWith('⟦') && p.endsWith('⟧')).toBe(true);
    expect(p).toContain('Šávé šéţţíñĝš');
    // 12 letters: 4 more characters of padding, so a label that fits only in English shows clipped.
    expect(p).toBe('⟦Šávé šéţţíñĝš····⟧');
  });

  it('leaves placeholders, nesting and tags exactly as they are, so interpolation still works', () => {
    expect(pseudoString('{{count}} days since <1>{{name}}</1>, $t(dates.ago)')).toBe('⟦{{count}} ďáýš šíñçé <1>{{name}}</1>, $t(dates.ago)···⟧');
    applyLanguage('pseudo');
    expect(i18n.t('dates.length.days', { count: 3 })).toMatch(/^⟦3 /);
  });
});

describe('the language the screens speak', () => {
  it("is the person's own, else the clinic's", () => {
    expect(languageSignedIn('es', 'en')).toBe('es');
    expect(languageSignedIn(null, 'es')).toBe('es');
    expect(languageSignedIn(null, 'en')).toBe('en');
  });

  it('switches every string at once, and English stays where a Spanish string is missing', () => {
    applyLanguage('es');
    expect(i18n.t('languages.label')).toBe('Idioma');
    expect(i18n.t('languages.names.en')).toBe('English');
    applyLanguage('en');
    expect(i18n.t('languages.label')).toBe('Language');
  });

  it('dates and numbers follow it (hand-checked: 28 mar 2026, 283.067 / 283,067 by locale)', () => {
    applyLanguage('es');
    expect(appLocale()).toMatch(/^es/);
    expect(formatDay('2026-03-28', { locale: 'es-419' })).toBe('28 mar 2026');
    expect(formatDay('2026-03-28', { locale: 'en-US' })).toBe('Mar 28, 2026');
    expect(formatDecimal(0.755, 2, 'en-US')).toBe('0.76');
    expect(formatDecimal(0.5, 2, 'es-ES')).toBe('0,50');
    expect(formatCount(283067, 'en-US')).toBe('283,067');
    applyLanguage('en');
    expect(appLocale()).toMatch(/^en/);
  });
});
