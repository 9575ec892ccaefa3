import { describe, expect, it } from '@jest/globals';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { checkPassword, PASSWORD_MESSAGES } from './password-policy.js';

describe('checkPassword', () => {
  it('accepts a long, uncommon password or passphrase', () => {
    expect(checkPassword('gentle rain on the old roof')).toBeNull();
    expect(checkPassword('Tq7#vLm2pXw9')).toBeNull();
    expect(checkPassword('Kindness needs practice, daily')).toBeNull();
  });

  it('requires at least 12 characters, counting characters not bytes', () => {
    expect(checkPassword('Tq7#vLm2pXw')).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkPassword('')).toBe(PASSWORD_MESSAGES.tooShort);
    expect(checkPassword('😀😀😀😀😀😀😀😀😀😀😀')).toBe(PASSWORD_MESSAGES.tooShort); // 11 emoji, 22 UTF-16 units
    expect(checkPassword('gütegütegüte')).toBeNull();
  });

  it('rejects overly long passwords', () => {
    expect(checkPassword('x'.repeat(128) + 'y'.repeat(129))).toBe(PASSWORD_MESSAGES.tooLong);
  });

  it('rejects common passwords of 12 characters or more, in any case', () => {
    for (const password of ['password1234', 'qwertyuiop123', '123456789012', 'iloveyou1234', 'PASSWORD1234', 'Welcome2025!']) {
      expect(checkPassword(password)).toBe(PASSWORD_MESSAGES.common);
    }
  });

  it('rejects common passwords with letters swapped for look-alike symbols', () => {
    expect(checkPassword('P@ssw0rd1234')).toBe(PASSWORD_MESSAGES.common);
    expect(checkPassword('1L0veY0u1234')).toBe(PASSWORD_MESSAGES.common);
  });

  it('rejects a common word followed only by digits and symbols', () => {
    expect(checkPassword('sunshine98765!')).toBe(PASSWORD_MESSAGES.common);
    expect(checkPassword('Gentilezza2027')).toBe(PASSWORD_MESSAGES.common);
    expect(checkPassword('sunshine over the hills')).toBeNull();
  });

  it('rejects the e-mail address, its local part and the name', () => {
    expect(checkPassword('ada.lovelace@example.org', { email: 'Ada.Lovelace@example.org' })).toBe(PASSWORD_MESSAGES.email);
    expect(checkPassword('ada lovelace!', { email: 'ada.lovelace!@example.org' })).toBe(PASSWORD_MESSAGES.email);
    expect(checkPassword('Margherita Rossi', { name: 'margherita rossi' })).toBe(PASSWORD_MESSAGES.name);
    expect(checkPassword('Margherita Rossi', { email: 'mr@example.org', name: 'Margherita Rossi' })).toBe(PASSWORD_MESSAGES.name);
    expect(checkPassword('Margherita Rossi loves tea', { name: 'Margherita Rossi' })).toBeNull();
  });

  it('rejects one character repeated', () => {
    expect(checkPassword('zzzzzzzzzzzzzz')).toBe(PASSWORD_MESSAGES.repeated);
  });
});

describe('COMMON_PASSWORDS', () => {
  it('holds at least 500 entries, many of them 12 characters or longer, all lower case', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(500);
    const long = [...COMMON_PASSWORDS].filter((password) => password.length >= 12);
    expect(long.length).toBeGreaterThanOrEqual(200);
    expect([...COMMON_PASSWORDS].every((password) => password === password.toLowerCase())).toBe(true);
    for (const password of ['password1234', 'qwertyuiop123', '123456789012', 'iloveyou1234']) {
      expect(COMMON_PASSWORDS.has(password)).toBe(true);
    }
  });
});
