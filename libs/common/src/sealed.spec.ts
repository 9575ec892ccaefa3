import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from './sealed.js';

describe('sealed secrets', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and never holds the plain text', () => {
    const sealed = sealSecret('client-secret-Äö', key, 'oidc-client-secret');
    expect(sealed).not.toContain('client-secret');
    expect(openSecret(sealed, key, 'oidc-client-secret').toString('utf8')).toBe('client-secret-Äö');
  });

  it('refuses another key, another purpose and a changed value', () => {
    const sealed = sealSecret('s3cret', key, 'a');
    expect(() => openSecret(sealed, randomBytes(32), 'a')).toThrow();
    expect(() => openSecret(sealed, key, 'b')).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('other').toString('base64url');
    expect(() => openSecret(parts.join('.'), key, 'a')).toThrow();
  });
});
