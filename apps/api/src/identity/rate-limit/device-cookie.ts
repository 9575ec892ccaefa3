import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device cookies (OWASP, "Slow brute force / account lock-out" — device cookies): after a
 * successful sign-in the browser receives `d1.<device id>.<issued at>.<mac>`, where the MAC
 * is an HMAC-SHA-256, under a key derived from JWT_SECRET, of the device id, the time and the
 * account's user id. A sign-in request that presents a valid device cookie for the account it
 * names is counted against that device's own allowance instead of the account's shared
 * lock-out; everything else (no cookie, a forged or foreign one, one for another account, an
 * expired one) is an untrusted client. The cookie grants nothing else: it is not a session.
 */
export const DEVICE_COOKIE = 'kindling_device';
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;
const VERSION = 'd1';
const SHAPE = /^d1\.([A-Za-z0-9_-]{22})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/** Who is asking to sign in: the client's address (req.ip) and the device cookie it sent, if any. */
export interface SignInClient {
  ip: string;
  deviceCookie?: string;
}

export interface TrustedDevice {
  deviceId: string;
}

/** The MAC key: never the JWT secret itself, so a device cookie can never be a token key. */
function keyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update('kindling:device-cookie-key:v1').digest();
}

function macOf(secret: string, deviceId: string, issuedAt: number, userId: string): string {
  return createHmac('sha256', keyOf(secret)).update(`${VERSION}|${deviceId}|${issuedAt}|${userId}`).digest('base64url');
}

/** A new device cookie value for the account that just signed in on this browser. */
export function issueDeviceCookie(secret: string, userId: string, now = Date.now()): string {
  const deviceId = randomBytes(16).toString('base64url');
  const issuedAt = Math.floor(now / 1000);
  return `${VERSION}.${deviceId}.${issuedAt}.${macOf(secret, deviceId, issuedAt, userId)}`;
}

/** The device, when `value` is a valid, unexpired device cookie issued for `userId`; otherwise null. */
export function readDeviceCookie(secret: string, value: unknown, userId: string, now = Date.now()): TrustedDevice | null {
  if (typeof value !== 'string' || value.length > 120) return null;
  const m = SHAPE.exec(value);
  if (!m) return null;
  const [, deviceId, issued, mac] = m as unknown as [string, string, string, string];
  const issuedAt = Number(issued);
  const age = Math.floor(now / 1000) - issuedAt;
  if (age < -300 || age > DEVICE_COOKIE_MAX_AGE_SECONDS) return null;
  const expected = Buffer.from(macOf(secret, deviceId, issuedAt, userId));
  const given = Buffer.from(mac);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { deviceId };
}
