import { describe, expect, it } from '@jest/globals';
import { certificateLocale, certifiedHours } from './issue-rules.js';

describe('certificateLocale', () => {
  it('prefers the learner’s language, then the course’s, then English', () => {
    expect(certificateLocale('fr', 'en')).toBe('fr');
    expect(certificateLocale('de', 'it')).toBe('de');
    expect(certificateLocale(null, 'it')).toBe('it');
    expect(certificateLocale('es', 'de')).toBe('de');
    expect(certificateLocale(undefined, 'xx')).toBe('en');
  });
});

describe('certifiedHours', () => {
  it('states the hours only when the minimum learning time was met', () => {
    expect(certifiedHours('8', 30 * 60, 240)).toBeNull();
    expect(certifiedHours('8', 240 * 60 - 1, 240)).toBeNull();
    expect(certifiedHours('8', 240 * 60, 240)).toBe(8);
    expect(certifiedHours(4.5, 0, null)).toBe(4.5); // no minimum set: nothing to meet
    expect(certifiedHours(4.5, 0, 0)).toBe(4.5);
    expect(certifiedHours(null, 10_000, 10)).toBeNull();
  });
});
