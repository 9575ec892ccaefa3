import { describe, expect, it } from '@jest/globals';
import { PupilCredentials } from './pupil-credentials.js';

describe('PupilCredentials', () => {
  const creds = new PupilCredentials();

  it('generates readable one-time codes whose salted hash verifies however the pupil types them', () => {
    const { code, codeHash } = creds.generate();
    expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(code).not.toMatch(/[01ilo]/);
    expect(codeHash).toMatch(/^sha256\$[\w-]+\$[0-9a-f]{64}$/);
    expect(codeHash).not.toContain(code.replace('-', ''));
    expect(PupilCredentials.verify(code, codeHash)).toBe(true);
    expect(PupilCredentials.verify(` ${code.toUpperCase().replace('-', ' ')} `, codeHash)).toBe(true);
    expect(PupilCredentials.verify('aaaaa-aaaaa', codeHash)).toBe(false);
    expect(PupilCredentials.verify(code, null)).toBe(false);
    expect(PupilCredentials.verify(code, 'garbage')).toBe(false);
  });

  it('salts: the same code hashes differently each time', () => {
    expect(PupilCredentials.hashCode('abcde-fghjk')).not.toBe(PupilCredentials.hashCode('abcde-fghjk'));
  });

  it('makes user names from names, without accents or personal data beyond an initial', () => {
    expect(creds.generateUsername('Anna Bianchi')).toMatch(/^anna\.b-[a-z2-9]{4}$/);
    expect(creds.generateUsername('Zoë Müller-Ćosić')).toMatch(/^zoe\.c-[a-z2-9]{4}$/);
    expect(creds.generateUsername('Łukasz Żółć')).toMatch(/^lukasz\.z-[a-z2-9]{4}$/);
    expect(creds.generateUsername('  ')).toMatch(/^pupil-[a-z2-9]{4}$/);
  });
});
