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

  it('translations are translations: no it/de/fr text equals the English one', () => {
    for (const locale of ['it', 'de', 'fr'] as const) {
      for (const [key, text] of Object.entries(CATALOGUES[locale])) {
        expect({ key, text }).not.toEqual({ key, text: CATALOGUES.en[key as keyof typeof CATALOGUES.en] });
      }
    }
  });

  it('fills parameters and refuses a missing one', () => {
    expect(translate('de', 'email.greeting', { name: 'Zoë' })).toBe('Guten Tag Zoë,');
    expect(() => translate('fr', 'email.greeting')).toThrow('{name}');
  });
});
