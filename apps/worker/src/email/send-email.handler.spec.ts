import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kindling/config';
import type { OneTimeTokensRepository } from '@kindling/db';
import { emailText, linkPath } from './email-texts.js';
import { SendEmailHandler } from './send-email.handler.js';

describe('SendEmailHandler', () => {
  it('without SMTP_URL sends nothing and mints no link (the database is not touched)', async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error('the database must not be used'); } }) as OneTimeTokensRepository;
    const handler = new SendEmailHandler(loadConfig({ NODE_ENV: 'test' }), untouchable);
    const result = await handler.handle(
      { kind: 'invitation', tokenId: '00000000-0000-4000-8000-000000000001', locale: 'en' },
      { jobId: 'email-send-1', attemptsMade: 0, progress: async () => undefined },
    );
    expect(result).toEqual({ delivered: 'not-sent-no-smtp' });
  });

  it('builds each kind of e-mail with its link page', () => {
    expect(linkPath('invitation', 'x')).toBe('/invitations/x');
    expect(linkPath('password_reset', 'x')).toBe('/reset-password/x');
    expect(linkPath('email_verification', 'x')).toBe('/verify-email/x');
    const mail = emailText({ kind: 'invitation', name: 'Ines', organizationName: 'Ospedale', link: 'http://h/invitations/x' });
    expect(mail.subject).toBe('You are invited to Ospedale on Kindling');
    expect(mail.text).toContain('http://h/invitations/x');
  });
});

describe('e-mails in the recipient language', () => {
  const link = 'http://h/invitations/x';
  it.each([
    ['it', 'Gentile Ines,', 'ti invita su Kindling', 'giorni'],
    ['de', 'Guten Tag Ines,', 'lädt Sie zu Kindling ein', 'Tage'],
    ['fr', 'Bonjour Ines,', 'vous invite sur Kindling', 'jours'],
  ] as const)('the invitation in %s has no English sentence', (locale, greeting, subject, days) => {
    const mail = emailText({ kind: 'invitation', name: 'Ines', organizationName: 'Ospedale', link, locale });
    expect(mail.text.startsWith(greeting)).toBe(true);
    expect(mail.subject).toContain(subject);
    expect(mail.text).toContain(days);
    expect(mail.text).toContain(link);
    for (const english of ['Hello', 'invites you', 'Choose your password', 'the link works once']) expect(mail.text).not.toContain(english);
  });
  it.each(['it', 'de', 'fr'] as const)('reset and verification e-mails in %s differ from English', (locale) => {
    for (const kind of ['password_reset', 'email_verification'] as const) {
      const local = emailText({ kind, name: 'Ines', organizationName: null, link, locale });
      const english = emailText({ kind, name: 'Ines', organizationName: null, link });
      expect(local.subject).not.toBe(english.subject);
      expect(local.text).not.toContain('Hello');
    }
  });
});
