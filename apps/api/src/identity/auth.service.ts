import { Inject, Injectable, Logger } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { checkPassword } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { DomainError, notFound } from '../common/errors/domain-error.js';
import type { LocaleCode, MeView } from './dto/auth.dto.js';
import { InvitationService } from './invitation.service.js';
import { hashToken } from './one-time-token.js';
import { PasswordHasher } from './password-hasher.service.js';
import { PupilCredentials } from './pupil-credentials.js';
import { RateLimiter, SIGN_IN_ACCOUNT_RULE, SIGN_IN_IP_RULE, type RateRule } from './rate-limit/rate-limiter.service.js';
import { mutateReturning } from './sql.js';
import { SessionTokens } from './session-tokens.service.js';
import { UserDirectory } from './user-directory.service.js';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: MeView;
}

/** One message for an unknown e-mail and a wrong password: the answer reveals nothing. */
export const WRONG_CREDENTIALS = 'the e-mail address or the password is wrong';
const WRONG_PUPIL_CREDENTIALS = 'the user name or the code is wrong';
const THROTTLED = 'too many sign-in attempts; wait before trying again';

/** Wrong or stale invitation/reset links per address: tokens are unguessable, guessing is still capped. */
const TOKEN_IP_RULE: RateRule = { limit: 30, windowSeconds: 15 * 60 };
const RESET_IP_RULE: RateRule = { limit: 20, windowSeconds: 15 * 60 };
const RESET_ACCOUNT_RULE: RateRule = { limit: 3, windowSeconds: 60 * 60 };
/** Password-reset requests answer after at least this long, whether the e-mail is known or not. */
const RESET_MIN_MS = 400;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sign-in, registration, sessions, invitations and password reset. Throttling counts
 * failures per account and per address in Redis (shared by every API replica).
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
    private readonly limiter: RateLimiter,
    private readonly users: UserDirectory,
    private readonly invitations: InvitationService,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  async register(input: { email: string; password: string; name: string; locale?: LocaleCode }): Promise<MeView> {
    if (!this.config.selfRegistration) throw new DomainError('forbidden', 'self-registration is closed on this Kindling; ask your organisation for an invitation');
    const problem = checkPassword(input.password, { email: input.email, name: input.name });
    if (problem) throw new DomainError('invalid', problem);
    const hash = await this.hasher.hash(input.password);
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO users (email, name, locale, password_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (lower(email)) WHERE email IS NOT NULL DO NOTHING RETURNING id`,
      [input.email, input.name, input.locale ?? 'en', hash],
    );
    if (!rows[0]) throw new DomainError('conflict', 'an account with this e-mail address already exists; sign in or reset the password');
    return this.users.me(rows[0].id);
  }

  async login(email: string, password: string, ip: string): Promise<SignedIn> {
    const account = `email:${email.toLowerCase()}`;
    await this.assertSignInAllowed(account, ip);
    const rows: { id: string; password_hash: string | null }[] = await this.dataSource.query(
      `SELECT id, password_hash FROM users WHERE lower(email) = lower($1) AND NOT is_pupil`,
      [email],
    );
    const user = rows[0];
    const ok = await this.hasher.verifyOrWaste(user?.password_hash ?? null, password);
    if (!ok || !user) {
      await this.countFailure(account, ip);
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    await this.limiter.reset('signin-account', account);
    return this.startSession(user.id);
  }

  async pupilLogin(username: string, code: string, ip: string): Promise<SignedIn> {
    const account = `pupil:${username.toLowerCase()}`;
    await this.assertSignInAllowed(account, ip);
    const rows: { id: string; sign_in_code_hash: string | null }[] = await this.dataSource.query(
      `SELECT id, sign_in_code_hash FROM users WHERE lower(username) = lower($1) AND is_pupil`,
      [username],
    );
    const user = rows[0];
    const stored = user?.sign_in_code_hash ?? null;
    if (!user || !PupilCredentials.verify(code, stored)) {
      await this.countFailure(account, ip);
      throw new DomainError('unauthenticated', WRONG_PUPIL_CREDENTIALS);
    }
    // The code is single-use: only the request that clears it signs in.
    const signedIn = await this.dataSource.transaction(async (em) => {
      const cleared = await mutateReturning<{ id: string }>(
        em,
        `UPDATE users SET sign_in_code_hash = NULL, updated_at = now() WHERE id = $1 AND sign_in_code_hash = $2 RETURNING id`,
        [user.id, stored],
      );
      if (cleared.length === 0) return null;
      const session = await this.tokens.startSession(em, user.id);
      return { accessToken: session.accessToken, refreshToken: session.refreshToken };
    });
    if (!signedIn) {
      await this.countFailure(account, ip);
      throw new DomainError('unauthenticated', WRONG_PUPIL_CREDENTIALS);
    }
    await this.limiter.reset('signin-account', account);
    return { ...signedIn, user: await this.users.me(user.id) };
  }

  async refresh(presented: string | undefined): Promise<SignedIn> {
    if (!presented) throw new DomainError('unauthenticated', 'no refresh token: send the kindling_rt cookie or {refreshToken}');
    const result = await this.dataSource.transaction((em) => this.tokens.rotate(em, presented));
    if (result.outcome === 'reused') {
      this.logger.warn('a used refresh token was presented again; its family is revoked');
      throw new DomainError('unauthenticated', 'this refresh token was already used; the session has been ended for safety — sign in again');
    }
    if (result.outcome !== 'rotated') throw new DomainError('unauthenticated', 'the refresh token is unknown, expired or revoked — sign in again');
    return { accessToken: result.accessToken, refreshToken: result.refreshToken, user: await this.users.me(result.userId) };
  }

  async logout(familyIds: string[]): Promise<void> {
    if (familyIds.length === 0) return;
    await this.dataSource.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = ANY($1::uuid[]) AND revoked_at IS NULL`, [familyIds]);
  }

  /** Family of a refresh token, so logout can revoke the cookie's family too. */
  async familyOf(refreshToken: string): Promise<string | null> {
    const rows: { family_id: string }[] = await this.dataSource.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [hashToken(refreshToken)]);
    return rows[0]?.family_id ?? null;
  }

  async acceptInvitation(token: string, input: { name: string; password: string }, ip: string): Promise<SignedIn> {
    const pending = await this.findOneTimeToken(token, 'invitation', ip);
    const problem = checkPassword(input.password, { email: pending.email, name: input.name });
    if (problem) throw new DomainError('invalid', problem);
    const hash = await this.hasher.hash(input.password);
    const session = await this.dataSource.transaction(async (em) => {
      const used = await mutateReturning<{ id: string }>(
        em,
        `UPDATE one_time_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
        [pending.id],
      );
      if (used.length === 0) throw new DomainError('gone', 'this invitation link was already used or has expired');
      // Other open invitations of the same person would otherwise let their links set the password again.
      await em.query(
        `UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND kind = 'invitation' AND used_at IS NULL`,
        [pending.userId],
      );
      await em.query(`UPDATE users SET name = $2, password_hash = $3, updated_at = now() WHERE id = $1`, [pending.userId, input.name, hash]);
      return this.tokens.startSession(em, pending.userId);
    });
    return { accessToken: session.accessToken, refreshToken: session.refreshToken, user: await this.users.me(pending.userId) };
  }

  /** Always the same answer and about the same time, whether the e-mail is known or not. */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    const started = Date.now();
    await this.limiter.consume('reset-ip', ip, RESET_IP_RULE, 'too many password-reset requests from this address');
    try {
      const state = await this.limiter.hit('reset-account', email, RESET_ACCOUNT_RULE);
      if (state.count <= RESET_ACCOUNT_RULE.limit) {
        await this.dataSource.transaction(async (em) => {
          const rows: { id: string; email: string; name: string }[] = await em.query(
            `SELECT id, email, name FROM users WHERE lower(email) = lower($1) AND NOT is_pupil`,
            [email],
          );
          if (rows[0]) await this.invitations.createPasswordReset(em, rows[0]);
        });
      }
    } finally {
      const left = RESET_MIN_MS - (Date.now() - started);
      if (left > 0) await sleep(left);
    }
  }

  async resetPassword(token: string, password: string, ip: string): Promise<void> {
    const pending = await this.findOneTimeToken(token, 'password_reset', ip);
    const problem = checkPassword(password, { email: pending.email, name: pending.name });
    if (problem) throw new DomainError('invalid', problem);
    const hash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (em) => {
      const used = await mutateReturning<{ id: string }>(
        em,
        `UPDATE one_time_tokens SET used_at = now() WHERE id = $1 AND used_at IS NULL AND expires_at > now() RETURNING id`,
        [pending.id],
      );
      if (used.length === 0) throw new DomainError('gone', 'this password-reset link was already used or has expired');
      await em.query(
        `UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND kind = 'password_reset' AND used_at IS NULL`,
        [pending.userId],
      );
      await em.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [pending.userId, hash]);
      await this.tokens.revokeAllOfUser(em, pending.userId);
    });
    if (pending.email) await this.limiter.reset('signin-account', `email:${pending.email.toLowerCase()}`);
  }

  /** Looks a link token up; wrong and stale tokens count against the caller's address. */
  private async findOneTimeToken(
    token: string,
    kind: 'invitation' | 'password_reset',
    ip: string,
  ): Promise<{ id: string; userId: string; email: string | null; name: string }> {
    const what = kind === 'invitation' ? 'invitation' : 'password-reset link';
    await this.limiter.assertNotExceeded('token-ip', ip, TOKEN_IP_RULE, 'too many wrong or expired links from this address');
    const rows: { id: string; user_id: string; used_at: Date | null; expired: boolean; email: string | null; name: string }[] =
      await this.dataSource.query(
        `SELECT t.id, t.user_id, t.used_at, t.expires_at <= now() AS expired, u.email, u.name
           FROM one_time_tokens t JOIN users u ON u.id = t.user_id
          WHERE t.token_hash = $1 AND t.kind = $2`,
        [hashToken(token), kind],
      );
    const row = rows[0];
    if (!row || row.used_at || row.expired) await this.limiter.hit('token-ip', ip, TOKEN_IP_RULE);
    if (!row) throw notFound(what);
    if (row.used_at) throw new DomainError('gone', `this ${what} was already used`);
    if (row.expired) throw new DomainError('gone', `this ${what} has expired; ask for a new one`);
    return { id: row.id, userId: row.user_id, email: row.email, name: row.name };
  }

  private async startSession(userId: string): Promise<SignedIn> {
    const session = await this.dataSource.transaction((em) => this.tokens.startSession(em, userId));
    return { accessToken: session.accessToken, refreshToken: session.refreshToken, user: await this.users.me(userId) };
  }

  private async assertSignInAllowed(account: string, ip: string): Promise<void> {
    await this.limiter.assertNotExceeded('signin-ip', ip, SIGN_IN_IP_RULE, THROTTLED);
    await this.limiter.assertNotExceeded('signin-account', account, SIGN_IN_ACCOUNT_RULE, THROTTLED);
  }

  private async countFailure(account: string, ip: string): Promise<void> {
    await Promise.all([
      this.limiter.hit('signin-ip', ip, SIGN_IN_IP_RULE),
      this.limiter.hit('signin-account', account, SIGN_IN_ACCOUNT_RULE),
    ]);
  }
}
