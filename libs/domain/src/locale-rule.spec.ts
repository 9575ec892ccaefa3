import { describe, expect, it } from '@jest/globals';
import { localeFromAcceptLanguage, resolveLocale } from './locale-rule.js';

describe('the language rule', () => {
  it('takes the explicit choice before everything else', () => {
    expect(resolveLocale({ chosen: 'de', organisationDefault: 'it', acceptLanguage: 'fr-CH,fr;q=0.9' })).toBe('de');
  });

  it('else the organisation default, else the browser, else the fallback', () => {
    expect(resolveLocale({ chosen: null, organisationDefault: 'it', acceptLanguage: 'fr' })).toBe('it');
    expect(resolveLocale({ organisationDefault: null, acceptLanguage: 'de-CH,de;q=0.9,en;q=0.8' })).toBe('de');
    expect(resolveLocale({ acceptLanguage: 'es-ES,es;q=0.9' })).toBe('en');
    expect(resolveLocale({ acceptLanguage: 'es', fallback: 'fr' })).toBe('fr');
    expect(resolveLocale({})).toBe('en');
  });

  it('skips values that are not a supported language', () => {
    expect(resolveLocale({ chosen: 'xx', organisationDefault: 'EN ', acceptLanguage: 'it' })).toBe('it');
    expect(resolveLocale({ chosen: '', organisationDefault: 'fr' })).toBe('fr');
  });

  it('reads Accept-Language by quality, then order, a region counting for its language', () => {
    expect(localeFromAcceptLanguage('en;q=0.5, it-IT;q=0.8, de;q=0.8')).toBe('it');
    expect(localeFromAcceptLanguage('es, pt;q=0.9, fr-CA;q=0.1')).toBe('fr');
    expect(localeFromAcceptLanguage('*')).toBeNull();
    expect(localeFromAcceptLanguage('de;q=0, it;q=abc')).toBeNull();
    expect(localeFromAcceptLanguage(['es', 'DE-at'])).toBe('de');
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
    expect(localeFromAcceptLanguage('')).toBeNull();
  });
});
