import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * OWASP's argon2id baseline: 19 MiB, two passes, one lane. argon2id is the library's default
 * algorithm (its `Algorithm` is a const enum, which per-file transpilers cannot inline).
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** argon2id hash of a password (the one way Kindling hashes passwords; seeders use it too). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/**
 * argon2id hashing (@node-rs/argon2: the `argon2` package's prebuilt binary crashes on some
 * glibc hosts; napi-rs ships per-platform builds that load everywhere we run). `verifyOrWaste`
 * always runs one verification, against a dummy hash when there is no account or no
 * password, so an unknown e-mail costs as long as a wrong password.
 */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | null = null;

  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  async verifyOrWaste(stored: string | null, password: string): Promise<boolean> {
    const target = stored ?? (await (this.dummy ??= hashPassword('kindling dummy password that matches nothing')));
    try {
      const ok = await verify(target, password);
      return ok && stored !== null;
    } catch {
      return false; // a malformed stored hash never signs anyone in
    }
  }
}
