import { COMMON_PASSWORDS } from './common-passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
/** An upper bound keeps hashing cost bounded; long passphrases are still welcome. */
export const PASSWORD_MAX_LENGTH = 256;

/** The password rules, in words, for the OpenAPI description and the sign-up form. */
export const PASSWORD_RULES =
  `At least ${PASSWORD_MIN_LENGTH} characters (at most ${PASSWORD_MAX_LENGTH}); not a common or easily guessed ` +
  'password (such as "password1234" or a common word followed by digits); not your e-mail address or name; ' +
  'not one character repeated. A short sentence you can remember works well.';

export const PASSWORD_MESSAGES = {
  tooShort: `Password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  tooLong: `Password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  common: 'This password is too common and easy to guess. Choose a less predictable one — a short sentence works well.',
  repeated: 'Password must not be a single character repeated.',
  email: 'Password must not be your e-mail address.',
  name: 'Password must not be your name.',
} as const;

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '$': 's', '5': 's', '0': 'o', '3': 'e', '1': 'i', '!': 'i', '7': 't' };

/** Lower case, without surrounding space, with common letter-for-symbol swaps undone. */
function normalize(value: string): string {
  return [...value.trim().toLowerCase()].map((char) => LEET[char] ?? char).join('');
}

const NORMALIZED_COMMON = new Set([...COMMON_PASSWORDS].map(normalize));

/** Lower case without spaces, dots, dashes and underscores (to compare with names). */
function compact(value: string): string {
  return value.toLowerCase().replace(/[\s._-]+/g, '');
}

function isCommon(password: string): boolean {
  const lower = password.trim().toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || NORMALIZED_COMMON.has(normalize(lower))) return true;
  // a common password or word with digits and symbols stuck on the end: "sunshine98765!"
  const stem = lower.replace(/[\d\W_]+$/u, '');
  return stem.length >= 4 && stem !== lower && (COMMON_PASSWORDS.has(stem) || NORMALIZED_COMMON.has(normalize(stem)));
}

/**
 * Checks a new password. Returns `null` when it is acceptable, otherwise one message saying
 * what is wrong (the first rule broken, in the order: length, e-mail, name, repetition,
 * common password).
 */
export function checkPassword(password: string, context: { email?: string | null; name?: string | null } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.tooShort;
  if (length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.tooLong;

  const lower = password.trim().toLowerCase();
  const email = context.email?.trim().toLowerCase();
  if (email) {
    const localPart = email.split('@')[0] ?? '';
    if (lower === email || (localPart.length > 0 && compact(lower) === compact(localPart))) return PASSWORD_MESSAGES.email;
  }
  const name = context.name?.trim();
  if (name && compact(lower) === compact(name)) return PASSWORD_MESSAGES.name;

  if (new Set(password).size === 1) return PASSWORD_MESSAGES.repeated;
  if (isCommon(password)) return PASSWORD_MESSAGES.common;
  return null;
}
