import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kindling/config';
import type { DataSource } from 'typeorm';
import { emailText, linkPath } from './email-texts.js';
import { SendEmailHandler } from './send-email.handler.js';

describe('SendEmailHandler', () => {
  it('without SMTP_URL sends nothing and mints no link (the database is not touched)', async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error('the database must not be used'); } }) as DataSource;
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
