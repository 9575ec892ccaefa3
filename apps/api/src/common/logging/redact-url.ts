/**
 * Access logs never show a live secret. A URL is logged only after `redactUrl`:
 *
 * - the path segment after a token-bearing segment is replaced by `[REDACTED]`, in the web
 *   app's pages (/invitations/<token>, /reset-password/<token>, /verify-email/<token>) and in
 *   the API (/api/auth/invitations/<token>/accept, /api/auth/password-reset/<token>,
 *   /api/auth/email-verification/<token>), in any letter case, also when the slash is
 *   percent-encoded and when such a path is carried in a query value (`?next=/reset-password/…`);
 * - the value of every query parameter whose name says it is a secret (anything with `token`,
 *   `secret`, `password`, `signature`, `ticket`, `otp`, and `code`, `sig`, `key`, `api_key`) is
 *   replaced by `[REDACTED]`.
 *
 * Certificate verification codes (/verify/<code>, /api/verify/<code>, /api/verify/sha256/<hash>)
 * stay: they are printed on the certificate for anyone to check, grant nothing, and seeing them
 * in the log is how abuse of the public lookup is traced.
 */
export const REDACTED = '[REDACTED]';

const SECRET_SEGMENTS = [
  'invitations', 'invitation', 'reset-password', 'password-reset', 'verify-email', 'email-verification', 'confirm-email', 'magic-link',
].join('|');
const SLASH = '(?:/|%2F)';
/** `/<secret segment>/` then the token: up to the next slash (plain or encoded), query, fragment or separator. */
const SECRET_PATH = new RegExp(`(${SLASH}(?:${SECRET_SEGMENTS})${SLASH}+)((?:(?!%2F)[^/?#&\\s])+)`, 'gi');
const SECRET_PARAM = /([?&;](?:[^=&#;]*(?:token|secret|password|passwd|signature|ticket|otp)[^=&#;]*|code|sig|key|api[-_]?key)=)([^&#;]*)/gi;

export function redactUrl(url: string | undefined | null): string {
  if (typeof url !== 'string' || url.length === 0) return url ?? '';
  return url.replace(SECRET_PATH, `$1${REDACTED}`).replace(SECRET_PARAM, `$1${REDACTED}`);
}
