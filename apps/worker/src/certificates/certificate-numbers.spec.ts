import { describe, expect, it } from '@jest/globals';
import { formatCertificateNumber, newVerificationCode } from './certificate-issuer.service.js';
import { assertStorageKey, certificateStorageKey } from '@kindling/storage';

describe('certificate numbers, codes and storage keys', () => {
  it('formats KND-<year>-<6 digits>', () => {
    expect(formatCertificateNumber(2026, 42)).toBe('KND-2026-000042');
    expect(formatCertificateNumber(2027, 123456)).toBe('KND-2027-123456');
  });

  it('makes URL-safe verification codes with at least 128 bits of randomness', () => {
    const codes = new Set(Array.from({ length: 1000 }, () => newVerificationCode()));
    expect(codes.size).toBe(1000);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(code, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
  });

  it('builds storage keys from ids only and refuses anything that could leave the directory', () => {
    const key = certificateStorageKey('8F3B0C4E-1D2A-4B5C-9D8E-7F6A5B4C3D2E', 2);
    expect(key).toBe('certificates/8f3b0c4e-1d2a-4b5c-9d8e-7f6a5b4c3d2e/v2.pdf');
    expect(() => assertStorageKey(key)).not.toThrow();
    for (const bad of ['../x.pdf', '/etc/passwd.pdf', 'certificates/../../x.pdf', 'a/b.txt', 'a\\b.pdf', 'Zoë.pdf', '']) {
      expect(() => assertStorageKey(bad)).toThrow(/invalid storage key/);
    }
  });
});
