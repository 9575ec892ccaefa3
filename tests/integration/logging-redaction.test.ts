import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import { pinoHttp } from 'pino-http';
import supertest from 'supertest';
import { kindlingPinoHttpOptions } from '../../apps/api/src/common/logging/logger.module.js';
import { REDACTED, redactUrl } from '../../apps/api/src/common/logging/redact-url.js';

/**
 * The API's access log (pino-http with the options KindlingLoggerModule uses), captured line
 * by line: a request to a token-bearing URL is logged without the token.
 */
function loggedApp(): { http: ReturnType<typeof supertest>; lines: () => Record<string, unknown>[]; raw: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const app = express();
  app.use(pinoHttp(kindlingPinoHttpOptions({ logLevel: 'info' }), stream));
  app.use((_req, res) => {
    res.status(204).end();
  });
  return {
    http: supertest(app),
    raw: () => chunks.join(''),
    lines: () => chunks.join('').split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('access logs never show a live token', () => {
  const token = `tk_${randomBytes(24).toString('base64url')}`;

  it('redacts invitation, password-reset and e-mail-verification tokens in paths and token-like query parameters', async () => {
    const { http, lines, raw } = loggedApp();
    const requests: [method: 'get' | 'post', url: string, logged: string][] = [
      ['get', `/invitations/${token}`, `/invitations/${REDACTED}`],
      ['get', `/reset-password/${token}`, `/reset-password/${REDACTED}`],
      ['get', `/verify-email/${token}`, `/verify-email/${REDACTED}`],
      ['post', `/api/auth/invitations/${token}/accept`, `/api/auth/invitations/${REDACTED}/accept`],
      ['post', `/api/auth/password-reset/${token}`, `/api/auth/password-reset/${REDACTED}`],
      ['post', `/api/auth/email-verification/${token}`, `/api/auth/email-verification/${REDACTED}`],
      ['post', `/API/Auth/Invitations/${token}/accept`, `/API/Auth/Invitations/${REDACTED}/accept`],
      ['get', `/invitations//${token}?lang=it`, `/invitations//${REDACTED}?lang=it`],
      ['get', `/api/auth/invitations%2F${token}%2Faccept`, `/api/auth/invitations%2F${REDACTED}%2Faccept`],
      ['get', `/login?token=${token}&lang=de`, `/login?token=${REDACTED}&lang=de`],
      ['get', `/x?lang=fr&access_token=${token}`, `/x?lang=fr&access_token=${REDACTED}`],
      ['get', `/sso/callback?code=${token}&state=s1`, `/sso/callback?code=${REDACTED}&state=s1`],
      ['get', `/sign-in?next=%2Freset-password%2F${token}`, `/sign-in?next=%2Freset-password%2F${REDACTED}`],
      // public certificate verification codes stay (printed on the certificate; see redact-url.ts)
      ['get', '/api/verify/KND-7H3K-99QX', '/api/verify/KND-7H3K-99QX'],
      ['get', '/api/cohorts/5b0e8c39-61a4-4f0b-9a53-0a3a3c4f1c11/progress?page=2&sort=name', '/api/cohorts/5b0e8c39-61a4-4f0b-9a53-0a3a3c4f1c11/progress?page=2&sort=name'],
    ];
    for (const [method, url] of requests) await http[method](url).expect(204);

    const logged = lines().filter((l) => l.msg === 'request completed');
    expect(logged.map((l) => (l.req as { url: string }).url)).toEqual(requests.map(([, , expected]) => expected));
    expect(raw()).not.toContain(token);
    expect(raw()).not.toContain(token.slice(3, 20)); // not even part of it
  });

  it('redactUrl (also used by the error filter) handles empty and token-free URLs', () => {
    expect(redactUrl(undefined)).toBe('');
    expect(redactUrl('/')).toBe('/');
    expect(redactUrl('/api/organizations/x/invitations')).toBe('/api/organizations/x/invitations');
    expect(redactUrl(`/reset-password/${token}#frag`)).toBe(`/reset-password/${REDACTED}#frag`);
    expect(redactUrl(`/x?a=1;password=${token}`)).toBe(`/x?a=1;password=${REDACTED}`);
  });
});
