import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** No 0/O, 1/l/i: pupils read these from a printed sheet. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const CODE_GROUPS = 2;
/** Letters NFKD does not take apart. */
const FOLD: Record<string, string> = { 'ł': 'l', 'ø': 'o', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'đ': 'd' };
const GROUP_LENGTH = 5;

/**
 * One-time sign-in codes and user names for pupils (no e-mail, no birth date). A code is
 * ten characters from a 31-letter alphabet (about 50 bits), shown as `abcde-fghjk`, stored
 * as a salted SHA-256 and cleared on first use; sign-in attempts are rate-limited.
 * Synchronous and cheap on purpose: a sheet for a whole school is generated in one job.
 */
@Injectable()
export class PupilCredentials {
  generate(): { code: string; codeHash: string } {
    const groups: string[] = [];
    for (let g = 0; g < CODE_GROUPS; g++) {
      let group = '';
      for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
      groups.push(group);
    }
    const code = groups.join('-');
    return { code, codeHash: PupilCredentials.hashCode(code) };
  }

  /** `anna.b-7k3q` from "Anna Bianchi"; uniqueness comes from the users username index (retry on conflict). */
  generateUsername(name: string): string {
    const parts = name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[łøßæœđ]/g, (c) => FOLD[c] ?? c)
      .replace(/[^a-z0-9\s-]/g, ' ')
      .split(/[\s-]+/)
      .filter(Boolean);
    const first = (parts[0] ?? 'pupil').slice(0, 12);
    const initial = parts.length > 1 ? `.${parts[parts.length - 1]!.charAt(0)}` : '';
    let suffix = '';
    for (let i = 0; i < 4; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
    return `${first}${initial}-${suffix}`;
  }

  /** Codes are compared without case, spaces or dashes, as pupils type them. */
  static normalize(code: string): string {
    return code.toLowerCase().replace(/[\s-]+/g, '');
  }

  static hashCode(code: string, salt = randomBytes(12).toString('base64url')): string {
    const digest = createHash('sha256').update(`${salt}:${PupilCredentials.normalize(code)}`).digest('hex');
    return `sha256$${salt}$${digest}`;
  }

  static verify(code: string, stored: string | null): boolean {
    const parts = (stored ?? 'sha256$x$00').split('$');
    if (parts.length !== 3 || parts[0] !== 'sha256') return false;
    const expected = Buffer.from(parts[2]!, 'hex');
    const actual = Buffer.from(PupilCredentials.hashCode(code, parts[1]).split('$')[2]!, 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual) && stored !== null;
  }
}
