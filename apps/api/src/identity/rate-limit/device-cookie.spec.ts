import { describe, expect, it } from '@jest/globals';
import type { KindlingConfig } from '@kindling/config';
import type { CookieOptions, Response } from 'express';
import { setDeviceCookie } from '../auth-cookies.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, issueDeviceCookie, readDeviceCookie } from './device-cookie.js';

const SECRET = 'a test secret that is at least thirty-two characters long';
const USER = '6f1c2a4e-0d7b-4c55-9a43-3b8f0c6d1e27';
const OTHER = '0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b';

describe('device cookies', () => {
  it('a cookie issued for an account is read back as a trusted device for that account only', () => {
    const value = issueDeviceCookie(SECRET, USER);
    expect(readDeviceCookie(SECRET, value, USER)).toEqual({ deviceId: expect.any(String) });
    expect(readDeviceCookie(SECRET, value, OTHER)).toBeNull();
    expect(readDeviceCookie('another secret, also thirty-two characters long', value, USER)).toBeNull();
  });

  it('each sign-in gets a new device id', () => {
    expect(readDeviceCookie(SECRET, issueDeviceCookie(SECRET, USER), USER)!.deviceId).not.toBe(
      readDeviceCookie(SECRET, issueDeviceCookie(SECRET, USER), USER)!.deviceId,
    );
  });

  it('an altered device id, time or MAC, junk and an expired cookie are untrusted', () => {
    const value = issueDeviceCookie(SECRET, USER);
    const [v, id, at, mac] = value.split('.') as [string, string, string, string];
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [
      [v, flip(id), at, mac].join('.'),
      [v, id, String(Number(at) + 1), mac].join('.'),
      [v, id, at, flip(mac)].join('.'),
      ['d2', id, at, mac].join('.'),
      '',
      'garbage',
      `${value}.extra`,
      undefined,
      42,
    ]) {
      expect(readDeviceCookie(SECRET, bad, USER)).toBeNull();
    }
    const old = issueDeviceCookie(SECRET, USER, Date.now() - (DEVICE_COOKIE_MAX_AGE_SECONDS + 60) * 1000);
    expect(readDeviceCookie(SECRET, old, USER)).toBeNull();
  });

  it('the cookie is HttpOnly, SameSite=Strict, only sent to /api/auth, and Secure in production', () => {
    const set = (nodeEnv: string) => {
      const calls: [string, string, CookieOptions][] = [];
      const res = { cookie: (name: string, value: string, options: CookieOptions) => calls.push([name, value, options]) } as unknown as Response;
      setDeviceCookie(res, { nodeEnv } as KindlingConfig, 'v');
      return calls;
    };
    expect(set('production')).toEqual([
      [DEVICE_COOKIE, 'v', expect.objectContaining({ httpOnly: true, sameSite: 'strict', secure: true, path: '/api/auth' })],
    ]);
    expect(set('development')[0]![2]).toMatchObject({ httpOnly: true, sameSite: 'strict', secure: false });
  });
});
