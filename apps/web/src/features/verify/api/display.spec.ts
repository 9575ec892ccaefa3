import { describe, expect, it } from '@jest/globals';
import { aroundValue, claimsToShow, printed, VALUE_MARK } from './display';

describe('verification page: texts as the certificate prints them', () => {
  it('drops bidi overrides, embeddings and isolates, so a name reads on the page as on the PDF', () => {
    // A browser shows "\u202EnosnhoJ nhoJ" as "John Johnson"; the PDF prints "nosnhoJ nhoJ".
    expect(printed('\u202EnosnhoJ nhoJ')).toBe('nosnhoJ nhoJ');
    expect(printed('Eve \u202Erellim\u202C Smith')).toBe('Eve rellim Smith');
    expect(printed('Kindness \u2067care\u2069 \u202Bward\u202C')).toBe('Kindness care ward');
    expect(printed('Line\nbreak\u2028and\u0007bell')).toBe('Line break and bell');
    expect(printed('Zoe\u0308 Müller-Ćosić')).toBe('Zoë Müller-Ćosić');
    expect(printed('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(printed(null)).toBeNull();
  });

  it('cuts a translated sentence around the name, which the page isolates in <bdi>', () => {
    expect(aroundValue(`This certificate is genuine and valid. It was issued to ${VALUE_MARK}.`)).toEqual(['This certificate is genuine and valid. It was issued to ', '.']);
    expect(aroundValue(`${VALUE_MARK} ist Inhaberin.`)).toEqual(['', ' ist Inhaberin.']);
    expect(aroundValue('No name here.')).toEqual(['No name here.', '']);
  });

  it('shows no claim of an invalid credential as a fact', () => {
    const claims = { holderName: 'Mallory', hours: 80 };
    expect(claimsToShow({ status: 'invalid', claims })).toBeNull();
    for (const status of ['valid', 'revoked', 'superseded', 'expired']) expect(claimsToShow({ status, claims })).toBe(claims);
  });
});
