import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kindling/config';
import { SendEmailHandler } from './send-email.handler.js';

describe('SendEmailHandler', () => {
  it('writes the message to the log when no SMTP_URL is configured', async () => {
    const handler = new SendEmailHandler(loadConfig({ NODE_ENV: 'test' }));
    const result = await handler.handle(
      { to: 'someone@example.test', subject: 'Hello', text: 'A link: http://localhost/invitations/x' },
      { jobId: 'email-send-1', attemptsMade: 0, progress: async () => undefined },
    );
    expect(result).toEqual({ delivered: 'log' });
  });
});
