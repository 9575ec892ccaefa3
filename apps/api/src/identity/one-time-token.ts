import { createHash, randomBytes } from 'node:crypto';

/** An unguessable token for links and refresh: 256 bits, URL-safe. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Only hashes are stored; a stolen database row does not sign anyone in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
