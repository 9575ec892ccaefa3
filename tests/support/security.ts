import { expect } from '@jest/globals';
import type { Response } from 'supertest';

/**
 * Shared by the security-*.test.ts files (abuse cases, issue 11 point 4; split by theme in
 * issue 19 point 7).
 */

/** Each request gets its own source address, so the shared sign-in limits of 127.0.0.1 stay untouched. */
export const ip = () => `2001:db8:5ec::${Math.floor(Math.random() * 0xffff).toString(16)}`;

/** The API's error answer: JSON, the status, an error name and a message (string or list of strings). */
export function expectErrorShape(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(res.body).toMatchObject({ statusCode: status, error: expect.any(String) });
  const m: unknown = res.body.message;
  expect(typeof m === 'string' || (Array.isArray(m) && m.every((x) => typeof x === 'string'))).toBe(true);
}

export const messageOf = (res: Response): string => {
  const m: unknown = res.body?.message;
  return Array.isArray(m) ? m.join('; ') : String(m);
};
