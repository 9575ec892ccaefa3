import { createHash, randomBytes } from 'node:crypto';

/** An unguessable token for links and refresh: 256 bits, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Only hashes are stored; a stolen database row does not sign anyone in. Shared by the API
 * (which looks tokens up) and the worker (which mints link tokens while building e-mails).
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** How long each kind of e-mailed link works (the API sets the expiry, the worker's e-mail says it). */
export const INVITATION_TTL_DAYS = 7;
export const PASSWORD_RESET_TTL_MINUTES = 60;
export const EMAIL_VERIFICATION_TTL_HOURS = 48;
