import { describe, expect, it } from '@jest/globals';
import { LOCALES } from '@kindling/domain';
import { CATALOGUES, translate } from './translate.js';

const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('server message catalogues', () => {
  const reference = CATALOGUES.en;
  for (const locale of LOCALES) {
    it(`${locale} has every key, with the same parameters, and no empty text`, () => {
      const catalogue = CATALOGUES[locale];
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(reference).sort());
      for (const [key, text] of Object.entries(catalogue)) {
        expect(text.trim().length).toBeGreaterThan(0);
        expect(params(text)).toEqual(params(reference[key as keyof typeof reference]));
      }
    });
  }

  // Words that are spelt the same in that language (export column headings): checked by hand.
  const SAME_WORD = new Set(['it office.export.email', 'it office.export.no', 'de office.export.name', 'de office.export.status', 'fr office.export.email']);

  it('translations are translations: no it/de/fr text equals the English one, except words listed as the same', () => {
    for (const locale of ['it', 'de', 'fr'] as const) {
      for (const [key, text] of Object.entries(CATALOGUES[locale])) {
        if (SAME_WORD.has(`${locale} ${key}`)) continue;
        expect({ key, text }).not.toEqual({ key, text: CATALOGUES.en[key as keyof typeof CATALOGUES.en] });
      }
    }
  });

  it('fills parameters and refuses a missing one', () => {
    expect(translate('de', 'email.greeting', { name: 'Zoë' })).toBe('Guten Tag Zoë,');
    expect(() => translate('fr', 'email.greeting')).toThrow('{name}');
  });
});
