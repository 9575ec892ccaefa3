import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { checkPassword, localeFromAcceptLanguage, resolveLocale } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, msg, notFound } from '@kindling/common';
import type { LocaleCode, MeView } from './dto/auth.dto.js';
import { InvitationService } from '@kindling/enrolment';
import { hashToken } from './one-time-token.js';
import { PasswordHasher } from './password-hasher.service.js';
import { PupilCredentials } from './pupil-credentials.js';
import { IdentityProvidersRepository, OneTimeTokensRepository, recordAudit, UsersRepository } from '@kindling/db';
import { issueDeviceCookie, readDeviceCookie, type SignInClient, type TrustedDevice } from './rate-limit/device-cookie.js';
import {
  RateLimiter,
  REGISTER_EMAIL_RULE,
  REGISTER_IP_RULE,
  RESET_EMAIL_RULE,
  RESET_IP_RULE,
  SIGN_IN_ACCOUNT_RULE,
  SIGN_IN_DEVICE_RULE,
  SIGN_IN_IP_RULE,
  type RateRule,
  type RateSlot,
} from './rate-limit/rate-limiter.service.js';
import { RefreshChecks } from './refresh-checks.js';
import { SessionTokens } from './session-tokens.service.js';
import { UserDirectory } from './user-directory.service.js';

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: MeView;
}

/** The language a sign-in brings: the one picked on the sign-in page, and the browser's Accept-Language. */
export interface SignInLanguage {
  chosen?: LocaleCode;
  acceptLanguage?: string | null;
}

/** One message for an unknown e-mail and a wrong password: the answer reveals nothing. */
export const WRONG_CREDENTIALS = msg('errors.auth.wrongCredentials');
const WRONG_PUPIL_CREDENTIALS = msg('errors.auth.wrongPupilCredentials');
const THROTTLED = msg('errors.rateLimit.signIn');

/** Wrong or stale invitation/reset links per address: tokens are unguessable, guessing is still capped. */
const TOKEN_IP_RULE: RateRule = { limit: 30, windowSeconds: 15 * 60 };
/** Verification e-mails a signed-in account may ask for. */
const VERIFY_RESEND_RULE: RateRule = { limit: 3, windowSeconds: 60 * 60 };
/** Password-reset requests answer after at least this long, whether the e-mail is known or not. */
const RESET_MIN_MS = 400;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Sign-in, registration, sessions, invitations and password reset. Throttling counts
 * failures per account and per address in Redis (shared by every API replica).
 */
@Injectable()
export class AuthService implements OnApplicationShutdown {
  private readonly logger = new Logger(AuthService.name);
  /** Password-reset requests whose writes are still running (see requestPasswordReset). */
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: UsersRepository,
    private readonly linkTokens: OneTimeTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: SessionTokens,
    private readonly limiter: RateLimiter,
    private readonly users: UserDirectory,
    private readonly invitations: InvitationService,
    private readonly identityProviders: IdentityProvidersRepository,
    private readonly refreshChecks: RefreshChecks,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  /** The language: the one picked on the form (an explicit choice), else the browser's Accept-Language. */
  async register(input: { email: string; password: string; name: string; locale?: LocaleCode }, ip: string, acceptLanguage?: string | null): Promise<MeView> {
    await this.throttleAccountRequest('register', input.email, ip);
    if (!this.config.selfRegistration) throw new DomainError('forbidden', msg('errors.auth.registrationClosed'));
    const problem = checkPassword(input.password, { email: input.email, name: input.name });
    if (problem) throw new DomainError('invalid', problem);
    const hash = await this.hasher.hash(input.password);
    // Unverified (email_verified_at NULL) until the link in the verification e-mail is opened;
    // the account can sign in, but no organisation binds to it before that.
    const created = await this.dataSource.transaction(async (em) => {
      const locale = resolveLocale({ chosen: input.locale, acceptLanguage });
      const account = await this.accounts.createRegistered(
        { email: input.email, name: input.name, locale, localeChosen: input.locale !== undefined, passwordHash: hash },
        em,
      );
      if (account) await this.invitations.createEmailVerification(em, account);
      return account;
    });
    if (!created) throw new DomainError('conflict', msg('errors.auth.accountExists'));
    return this.users.me(created.id);
  }

  /**
   * The attempt is reserved in Redis before the password is checked (so a burst of parallel
   * guesses verifies at most the limit, and a right password inside a burst past it is
   * refused too); a success gives it back. A browser with a valid device cookie for the
   * account spends its own allowance, everyone else the account's and the address's.
   */
  async login(email: string, password: string, client: SignInClient, language: SignInLanguage = {}): Promise<SignedIn & { deviceCookie: string }> {
    const account = `email:${email.toLowerCase()}`;
    const user = await this.accounts.passwordCredentials(email);
    const device = user ? readDeviceCookie(this.config.jwtSecret, client.deviceCookie, user.id) : null;
    const reserved = await this.assertSignInAllowed(account, client.ip, device);
    const ok = await this.hasher.verifyOrWaste(user?.passwordHash ?? null, password);
    if (!ok || !user) {
      await this.countFailure(user?.id ?? null, 'password', client.ip, device);
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    await this.releaseSignIn(reserved);
    // Single sign-on (sso/): an organisation may require its provider; only a right password learns this.
    const [blockedBy] = await this.identityProviders.passwordBlockedBy(user.id);
    if (blockedBy) throw new DomainError('forbidden', msg('sso.password.disabled', { organization: blockedBy }));
    const session = await this.dataSource.transaction(async (em) => {
      const started = await this.tokens.startSession(em, user.id);
      await this.auditSignIn(em, user.id, 'password', client.ip, device);
      await this.applySignInLanguage(em, user.id, language);
      return started;
    });
    return {
      accessToken: session.accessToken,
      refreshToken: session.refreshToken,
      user: await this.users.me(user.id),
      deviceCookie: issueDeviceCookie(this.config.jwtSecret, user.id),
    };
  }

  async pupilLogin(username: string, code: string, client: SignInClient, language: SignInLanguage = {}): Promise<SignedIn & { deviceCookie: string }> {
    const account = `pupil:${username.toLowerCase()}`;
    const user = await this.accounts.pupilCredentials(username);
    const device = user ? readDeviceCookie(this.config.jwtSecret, client.deviceCookie, user.id) : null;
    const reserved = await this.assertSignInAllowed(account, client.ip, device);
    const stored = user?.signInCodeHash ?? null;
    if (!user || !PupilCredentials.verify(code, stored)) {
      await this.countFailure(user?.id ?? null, 'pupil_code', client.ip, device);
      throw new DomainError('unauthenticated', WRONG_PUPIL_CREDENTIALS);
    }
    // The code is single-use: only the request that clears it signs in.
    const signedIn = await this.dataSource.transaction(async (em) => {
      if (!(await this.accounts.clearSignInCode(user.id, stored, em))) return null;
      const session = await this.tokens.startSession(em, user.id);
      await this.auditSignIn(em, user.id, 'pupil_code', client.ip, device);
      await this.applySignInLanguage(em, user.id, language);
      return { accessToken: session.accessToken, refreshToken: session.refreshToken };
    });
    if (!signedIn) {
      await this.countFailure(user.id, 'pupil_code', client.ip, device);
      throw new DomainError('unauthenticated', WRONG_PUPIL_CREDENTIALS);
    }
    await this.releaseSignIn(reserved);
    return { ...signedIn, user: await this.users.me(user.id), deviceCookie: issueDeviceCookie(this.config.jwtSecret, user.id) };
  }

  async refresh(presented: string | undefined): Promise<SignedIn> {
    if (!presented) throw new DomainError('unauthenticated', msg('errors.auth.noRefreshToken'));
    // Checks outside Kindling (an identity provider) run before rotation, outside the transaction.
    const familyId = await this.tokens.familyOf(presented);
    const refusal = familyId ? await this.refreshChecks.refusal(familyId) : null;
    if (familyId && refusal) {
      await this.tokens.revokeFamilies([familyId]);
      throw new DomainError('unauthenticated', refusal);
    }
    const result = await this.dataSource.transaction((em) => this.tokens.rotate(em, presented));
    if (result.outcome === 'reused') {
      this.logger.warn('a used refresh token was presented again; its family is revoked');
      throw new DomainError('unauthenticated', msg('errors.auth.refreshReused'));
    }
    if (result.outcome !== 'rotated') throw new DomainError('unauthenticated', msg('errors.auth.refreshInvalid'));
    return { accessToken: result.accessToken, refreshToken: result.refreshToken, user: await this.users.me(result.userId) };
  }

  async logout(familyIds: string[]): Promise<void> {
    await this.tokens.revokeFamilies(familyIds);
  }

  /** Family of a refresh token, so logout can revoke the cookie's family too. */
  async familyOf(refreshToken: string): Promise<string | null> {
    return this.tokens.familyOf(refreshToken);
  }

  async acceptInvitation(token: string, input: { name: string; password: string; locale?: LocaleCode }, ip: string): Promise<SignedIn> {
    const pending = await this.findOneTimeToken(token, 'invitation', ip);
    const problem = checkPassword(input.password, { email: pending.email, name: input.name });
    if (problem) throw new DomainError('invalid', problem);
    const hash = await this.hasher.hash(input.password);
    const session = await this.dataSource.transaction(async (em) => {
      if (!(await this.linkTokens.use(pending.id, em))) throw new DomainError('gone', msg('errors.auth.invitationUsed'));
      // Other open invitations of the same person would otherwise let their links set the password again.
      await this.linkTokens.retireOpen(pending.userId, 'invitation', em);
      // Accepting proves the address: the account is verified, and every other session
      // (e.g. of someone who registered the address before its owner) ends.
      await this.accounts.completeInvitation(pending.userId, input.name, hash, em);
      if (input.locale) await this.accounts.setLocale(pending.userId, input.locale, true, em);
      await this.linkTokens.retireOpen(pending.userId, 'email_verification', em);
      await this.tokens.revokeAllOfUser(em, pending.userId);
      return this.tokens.startSession(em, pending.userId);
    });
    return { accessToken: session.accessToken, refreshToken: session.refreshToken, user: await this.users.me(pending.userId) };
  }

  /**
   * Always the same answer after the same time, whether the e-mail is known or not: the
   * look-up and the writes (reset link, outbox row, audit) run beside a fixed wait, not
   * before it, so a slow write on a loaded machine cannot tell a known address from an
   * unknown one. The request is accepted once the throttle lets it through; its writes
   * finish in the background (awaited at shutdown) and a failure is logged.
   */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    await this.throttleAccountRequest('reset', email, ip);
    const work = this.dataSource
      .transaction(async (em) => {
        const recipient = await this.accounts.resetRecipient(email, em);
        if (recipient) await this.invitations.createPasswordReset(em, recipient);
        await recordAudit(em, {
          organizationId: null,
          actorId: null,
          action: 'auth.password_reset_requested',
          subjectType: 'user',
          subjectId: recipient?.id ?? null,
          data: { ip, ...(recipient ? {} : { reason: 'unknown_account' }) },
        });
      })
      .catch((e: unknown) => this.logger.error(`password reset request not recorded: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => this.background.delete(work));
    this.background.add(work);
    await sleep(RESET_MIN_MS);
  }

  /** Lets the password-reset writes still running finish before the database pool closes. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.background]);
  }

  async resetPassword(token: string, password: string, ip: string): Promise<void> {
    const pending = await this.findOneTimeToken(token, 'password_reset', ip);
    const problem = checkPassword(password, { email: pending.email, name: pending.name });
    if (problem) throw new DomainError('invalid', problem);
    const hash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (em) => {
      if (!(await this.linkTokens.use(pending.id, em))) throw new DomainError('gone', msg('errors.auth.resetUsed'));
      await this.linkTokens.retireOpen(pending.userId, 'password_reset', em);
      // The link reached the address's mailbox: that proves it.
      await this.accounts.resetPassword(pending.userId, hash, em);
      await this.tokens.revokeAllOfUser(em, pending.userId);
      await recordAudit(em, {
        organizationId: null,
        actorId: pending.userId,
        action: 'auth.password_reset_completed',
        subjectType: 'user',
        subjectId: pending.userId,
        data: { ip },
      });
    });
    if (pending.email) await this.limiter.reset('signin-account', `email:${pending.email.toLowerCase()}`);
  }

  /** Opens the link of the verification e-mail: the account's address is proven. Single use. */
  async confirmEmail(token: string, ip: string): Promise<MeView> {
    const pending = await this.findOneTimeToken(token, 'email_verification', ip);
    await this.dataSource.transaction(async (em) => {
      if (!(await this.linkTokens.use(pending.id, em))) throw new DomainError('gone', msg('errors.auth.verificationUsed'));
      // Only an account that still has the password it was registered with: an account reset
      // to an invited one meanwhile is verified by accepting its invitation instead.
      if (!(await this.accounts.verifyEmail(pending.userId, em))) throw new DomainError('gone', msg('errors.auth.verificationSuperseded'));
    });
    return this.users.me(pending.userId);
  }

  /** Sends a new verification e-mail to the signed-in caller (a few per hour). */
  async resendVerification(userId: string): Promise<void> {
    const user = await this.accounts.emailVerificationState(userId);
    if (!user?.email) throw new DomainError('invalid', msg('errors.auth.noEmailToVerify'));
    if (user.verified) throw new DomainError('conflict', msg('errors.auth.alreadyVerified'));
    await this.limiter.consume('verify-resend', userId, VERIFY_RESEND_RULE, msg('errors.rateLimit.verificationEmails'));
    await this.dataSource.transaction((em) => this.invitations.createEmailVerification(em, { id: userId }));
  }

  /** Looks a link token up; wrong and stale tokens count against the caller's address. */
  private async findOneTimeToken(
    token: string,
    kind: 'invitation' | 'password_reset' | 'email_verification',
    ip: string,
  ): Promise<{ id: string; userId: string; email: string | null; name: string }> {
    const what = kind === 'invitation' ? 'invitation' : kind === 'password_reset' ? 'passwordResetLink' : 'verificationLink';
    await this.limiter.assertNotExceeded('token-ip', ip, TOKEN_IP_RULE, msg('errors.rateLimit.links'));
    const row = await this.linkTokens.findByHash(hashToken(token), kind);
    if (!row || row.usedAt || row.expired) await this.limiter.hit('token-ip', ip, TOKEN_IP_RULE);
    if (!row) throw notFound(what);
    if (row.usedAt) throw new DomainError('gone', msg(`errors.auth.linkUsed.${what}`));
    if (row.expired) throw new DomainError('gone', msg(`errors.auth.linkExpired.${what}`));
    return { id: row.id, userId: row.userId, email: row.email, name: row.name };
  }

  /**
   * The language rule at sign-in: a language picked on the sign-in page is saved as the account's
   * explicit choice; an account that never chose one follows its organisation's default, else
   * this browser's Accept-Language (else it keeps what it has).
   */
  private async applySignInLanguage(em: EntityManager, userId: string, language: SignInLanguage): Promise<void> {
    if (language.chosen) return this.accounts.setLocale(userId, language.chosen, true, em);
    const state = await this.accounts.localeState(userId, em);
    if (!state || state.chosen) return;
    const locale = resolveLocale({ organisationDefault: state.organisationDefault, acceptLanguage: localeFromAcceptLanguage(language.acceptLanguage), fallback: state.locale });
    if (locale !== state.locale) await this.accounts.setLocale(userId, locale, false, em);
  }

  private async startSession(userId: string): Promise<SignedIn> {
    const session = await this.dataSource.transaction((em) => this.tokens.startSession(em, userId));
    return { accessToken: session.accessToken, refreshToken: session.refreshToken, user: await this.users.me(userId) };
  }

  /**
   * Reserves one sign-in attempt (429 + Retry-After when over a limit, counting nothing):
   * in the device's own bucket for a trusted device, otherwise in the address's and the
   * account's shared buckets. Returns what was reserved, for releaseSignIn.
   */
  private async assertSignInAllowed(account: string, ip: string, device: TrustedDevice | null): Promise<RateSlot[]> {
    const slots: RateSlot[] = device
      ? [{ bucket: 'signin-device', id: device.deviceId, rule: SIGN_IN_DEVICE_RULE }]
      : [
          { bucket: 'signin-ip', id: ip, rule: SIGN_IN_IP_RULE },
          { bucket: 'signin-account', id: account, rule: SIGN_IN_ACCOUNT_RULE },
        ];
    await this.limiter.reserve(slots, THROTTLED);
    return slots;
  }

  /** A success: the account's (or device's) failures are forgiven, the address gets its attempt back. */
  private async releaseSignIn(slots: RateSlot[]): Promise<void> {
    await Promise.all(
      slots.map((s) => (s.bucket === 'signin-ip' ? this.limiter.refund(s.bucket, s.id) : this.limiter.reset(s.bucket, s.id))),
    );
  }

  /** The failed attempt was already counted when it was reserved; this records it for the audit log (never the secret). */
  private async countFailure(userId: string | null, method: 'password' | 'pupil_code', ip: string, device: TrustedDevice | null): Promise<void> {
    await recordAudit(this.dataSource.manager, {
      organizationId: null,
      actorId: null,
      action: 'auth.sign_in_failed',
      subjectType: 'user',
      subjectId: userId,
      data: { method, ip, trustedDevice: device !== null, ...(userId ? {} : { reason: 'unknown_account' }) },
    });
  }

  private async auditSignIn(em: EntityManager, userId: string, method: 'password' | 'pupil_code', ip: string, device: TrustedDevice | null): Promise<void> {
    await recordAudit(em, {
      organizationId: null,
      actorId: userId,
      action: 'auth.signed_in',
      subjectType: 'user',
      subjectId: userId,
      data: { method, ip, trustedDevice: device !== null },
    });
  }

  /** Registration and password-reset requests: per e-mail address and per client address, 429 + Retry-After. */
  private async throttleAccountRequest(kind: 'register' | 'reset', email: string, ip: string): Promise<void> {
    const [emailRule, ipRule] = kind === 'register' ? [REGISTER_EMAIL_RULE, REGISTER_IP_RULE] : [RESET_EMAIL_RULE, RESET_IP_RULE];
    await this.limiter.reserve([
      { bucket: `${kind}-ip`, id: ip, rule: ipRule, message: msg(kind === 'register' ? 'errors.rateLimit.registerIp' : 'errors.rateLimit.resetIp') },
      { bucket: `${kind}-email`, id: email, rule: emailRule, message: msg(kind === 'register' ? 'errors.rateLimit.registerEmail' : 'errors.rateLimit.resetEmail') },
    ]);
  }
}
