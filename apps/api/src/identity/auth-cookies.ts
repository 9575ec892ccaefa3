import type { KindlingConfig } from '@kindling/config';
import type { CookieOptions, Response } from 'express';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../common/auth/jwt.strategy.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS } from './rate-limit/device-cookie.js';

/** Access cookie for every path; the refresh cookie only travels to /api/auth. */
const REFRESH_PATH = '/api/auth';
/**
 * A readable, secret-free hint that a session exists, so the web app does not ask
 * /api/me (and meet a 401) for every anonymous visitor. It grants nothing.
 */
export const SESSION_HINT_COOKIE = 'kindling_session';

function base(config: KindlingConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: config.nodeEnv === 'production' };
}

export function setSessionCookies(res: Response, config: KindlingConfig, tokens: { accessToken: string; refreshToken: string }): void {
  res.cookie(ACCESS_COOKIE, tokens.accessToken, { ...base(config), path: '/', maxAge: config.accessTokenTtlSeconds * 1000 });
  res.cookie(REFRESH_COOKIE, tokens.refreshToken, { ...base(config), path: REFRESH_PATH, maxAge: config.refreshTokenTtlSeconds * 1000 });
  res.cookie(SESSION_HINT_COOKIE, '1', { ...base(config), httpOnly: false, path: '/', maxAge: config.refreshTokenTtlSeconds * 1000 });
}

export function clearSessionCookies(res: Response, config: KindlingConfig): void {
  res.clearCookie(ACCESS_COOKIE, { ...base(config), path: '/' });
  res.clearCookie(REFRESH_COOKIE, { ...base(config), path: REFRESH_PATH });
  res.clearCookie(SESSION_HINT_COOKIE, { ...base(config), httpOnly: false, path: '/' });
}

export function refreshCookieOf(req: { cookies?: Record<string, string> }): string | undefined {
  const value = req.cookies?.[REFRESH_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * The device cookie (see rate-limit/device-cookie.ts): only sign-in reads it, so it travels
 * only to /api/auth; it outlives sessions and is not cleared at sign-out (the browser stays
 * the owner's usual browser).
 */
export function setDeviceCookie(res: Response, config: KindlingConfig, value: string): void {
  res.cookie(DEVICE_COOKIE, value, { ...base(config), path: REFRESH_PATH, maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS * 1000 });
}

export function deviceCookieOf(req: { cookies?: Record<string, string> }): string | undefined {
  const value = req.cookies?.[DEVICE_COOKIE];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
