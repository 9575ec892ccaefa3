import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { DomainError, msg, notFound, openSecret, sealSecret } from '@kindling/common';
import { personNameFromClaim, resolveLocale } from '@kindling/domain';
import {
  type AssertedProfile,
  ExternalSignInRepository,
  IdentityProvidersRepository,
  type IdentityProviderRow,
  recordAudit,
  SessionVersions,
} from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeView } from '../identity/dto/auth.dto.js';
import { newSecretToken } from '../identity/one-time-token.js';
import { SessionTokens } from '../identity/session-tokens.service.js';
import { UserDirectory } from '../identity/user-directory.service.js';
import type { SsoProviderChoice } from './dto/sso.dto.js';
import { OidcProtocol } from './oidc.protocol.js';
import { type AssertedIdentity, SignInFailure } from './sign-in-failure.js';

const ATTEMPT_TTL_SECONDS = 10 * 60;
const LINK_TTL_SECONDS = 30 * 60;
const LOGOUT_HINT_PURPOSE = 'sso-logout-hint';
export const PROVIDER_REFRESH_PURPOSE = 'oidc-refresh-token';
const sha256 = (value: string) => createHash('sha256').update(value).digest('base64url');

export type CallbackOutcome =
  | { kind: 'signed-in'; accessToken: string; refreshToken: string; user: MeView; returnTo: string | null }
  | { kind: 'link'; token: string; email: string; provider: string };

/**
 * Single sign-on, protocol-neutral: routing people to their organisation's provider, the
 * single-use redirect attempt, and what a completed assertion does — the account (created,
 * taken over from an unverified squatter, or linked after a password sign-in), the membership,
 * the name, and a Kindling session bounded by the provider's. The protocol (OidcProtocol)
 * only turns a callback into an AssertedIdentity.
 */
@Injectable()
export class ExternalSignInService {
  private readonly logger = new Logger(ExternalSignInService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: IdentityProvidersRepository,
    private readonly signIns: ExternalSignInRepository,
    private readonly oidc: OidcProtocol,
    private readonly tokens: SessionTokens,
    private readonly versions: SessionVersions,
    private readonly users: UserDirectory,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  /** "Type your e-mail, we route you", or an organisation's own sign-in link. */
  async route(query: { email?: string; organizationId?: string }): Promise<SsoProviderChoice[]> {
    let rows: IdentityProviderRow[];
    if (query.email) {
      const domain = query.email.toLowerCase().split('@')[1];
      if (!domain) throw new DomainError('invalid', msg('sso.route.badEmail'));
      rows = await this.providers.enabledForDomain(domain);
      if (rows.length === 0) throw new DomainError('not_found', msg('sso.route.none', { domain }));
    } else if (query.organizationId) {
      rows = await this.providers.enabledOfOrganization(query.organizationId);
    } else {
      throw new DomainError('invalid', msg('sso.route.badEmail'));
    }
    return rows.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      organizationId: p.organizationId,
      organizationName: p.organizationName,
      signInUrl: `${this.config.publicUrl}/api/sso/${p.id}/start`,
    }));
  }

  /** The redirect to the provider; the state goes to the browser (cookie) and, hashed, to the database. */
  async start(providerId: string, returnTo: string | null): Promise<{ url: string; state: string }> {
    const provider = await this.providers.find(providerId);
    if (!provider || !provider.enabled) throw notFound('identity provider');
    const pending = await this.oidc.authorization(provider);
    await this.signIns.startAttempt({
      providerId,
      stateHash: sha256(pending.state),
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
      returnTo: returnTo && /^\/(?!\/)[\w\-./?=&%]*$/.test(returnTo) ? returnTo : null,
      ttlSeconds: ATTEMPT_TTL_SECONDS,
    });
    return { url: pending.url.href, state: pending.state };
  }

  /**
   * The provider's answer. The state must be the one this browser was given (cookie) and a live
   * attempt; everything else fails as a SignInFailure, which the controller shows as a page.
   */
  async callback(query: URLSearchParams, browserState: string | undefined, acceptLanguage: string | undefined, ip: string): Promise<CallbackOutcome> {
    const state = query.get('state');
    if (!state || !browserState || state !== browserState) throw new SignInFailure('state');
    const attempt = await this.signIns.useAttempt(sha256(state));
    if (!attempt) throw new SignInFailure('state');
    if (attempt.outcome !== 'ok') throw new SignInFailure('expired');
    const provider = await this.providers.find(attempt.providerId);
    if (!provider || !provider.enabled) throw new SignInFailure('failed');
    const asserted = await this.oidc.complete(provider, query, { state, nonce: attempt.nonce, codeVerifier: attempt.codeVerifier });
    return this.signInAs(provider, asserted, { acceptLanguage, ip, returnTo: attempt.returnTo });
  }

  private async signInAs(
    provider: IdentityProviderRow,
    asserted: AssertedIdentity,
    context: { acceptLanguage?: string; ip: string; returnTo: string | null },
  ): Promise<CallbackOutcome> {
    const who = { provider: provider.displayName };
    const email = asserted.email?.toLowerCase() ?? null;
    const role = provider.groupClaim && asserted.groups.some((g) => provider.managerGroups.includes(g)) ? 'manager' : 'learner';
    const profile: AssertedProfile | null = email
      ? { email, name: personNameFromClaim(asserted.name) ?? email.split('@')[0]!, employeeNumber: asserted.employeeNumber, role }
      : null;

    const result = await this.dataSource.transaction(async (em) => {
      let userId = await this.signIns.userOfIdentity(provider.id, asserted.subject, em);
      let how: 'returning' | 'created' | 'taken_over' = 'returning';
      if (!userId) {
        // A first sign-in: only a verified address in a domain the provider vouches for.
        if (!email || !profile) throw new SignInFailure('noEmail', who);
        const domain = email.split('@')[1] ?? '';
        if (!provider.domains.includes(domain)) throw new SignInFailure('domain', { ...who, email });
        if (!asserted.emailVerified) throw new SignInFailure('unverified', { ...who, email });
        const existing = await this.signIns.lockAccountByEmail(email, em);
        if (existing?.isPupil) throw new SignInFailure('pupil', { ...who, email });
        if (existing && existing.verified && existing.hasPassword) {
          // Someone proved this address before: its owner links by signing in with the password.
          const token = newSecretToken();
          await this.signIns.createLinkRequest({ tokenHash: sha256(token), providerId: provider.id, userId: existing.id, subject: asserted.subject, profile, ttlSeconds: LINK_TTL_SECONDS }, em);
          return { link: { token, email } } as const;
        }
        if (existing) {
          // Unverified (a possible squatter), or verified without a password (invited, never
          // accepted): the provider's proof wins; the password and every session go.
          if (!existing.verified) how = 'taken_over';
          await this.signIns.takeOver(existing.id, em);
          await this.tokens.revokeAllOfUser(em, existing.id);
          userId = existing.id;
        } else {
          const locale = resolveLocale({ acceptLanguage: context.acceptLanguage });
          userId = await this.signIns.createAccount({ email, name: profile.name, locale }, em);
          if (!userId) throw new SignInFailure('failed', who, 'the address was taken meanwhile');
          how = 'created';
        }
      }
      await this.applyProfile(em, provider, userId, asserted.subject, email, profile, role);
      const session = await this.tokens.startSession(em, userId);
      await this.signIns.recordSession(
        {
          familyId: session.familyId,
          providerId: provider.id,
          userId,
          expiresAt: asserted.sessionExpiresAt,
          logoutHintSealed: asserted.logoutHint ? sealSecret(asserted.logoutHint, this.config.secretsKey, LOGOUT_HINT_PURPOSE) : null,
          providerRefreshSealed: asserted.providerRefreshToken ? sealSecret(asserted.providerRefreshToken, this.config.secretsKey, PROVIDER_REFRESH_PURPOSE) : null,
        },
        em,
      );
      await recordAudit(em, {
        organizationId: provider.organizationId,
        actorId: userId,
        action: 'auth.signed_in',
        subjectType: 'user',
        subjectId: userId,
        data: { method: 'sso', protocol: provider.protocol, providerId: provider.id, account: how, ip: context.ip },
      });
      return { userId, session } as const;
    });

    if ('link' in result && result.link) return { kind: 'link', token: result.link.token, email: result.link.email, provider: provider.displayName };
    if (!('userId' in result)) throw new SignInFailure('failed', who);
    await this.versions.actorsChanged([result.userId]);
    // The access token was signed inside the transaction; sign it again now that the membership is committed.
    const accessToken = await this.tokens.signAccess(result.userId, result.session.familyId);
    return { kind: 'signed-in', accessToken, refreshToken: result.session.refreshToken, user: await this.users.me(result.userId), returnTo: context.returnTo };
  }

  /** Name, certificate name, employee number and membership follow the provider at each sign-in. */
  private async applyProfile(
    em: EntityManager,
    provider: IdentityProviderRow,
    userId: string,
    subject: string,
    email: string | null,
    profile: AssertedProfile | null,
    role: 'manager' | 'learner',
  ): Promise<void> {
    await this.signIns.linkIdentity({ providerId: provider.id, subject, userId, email: email ?? '', employeeNumber: profile?.employeeNumber ?? null }, em);
    if (profile?.name) await this.signIns.refreshName(userId, profile.name, em);
    await this.signIns.applyMembership(provider.organizationId, userId, role, provider.groupClaim !== null, em);
  }

  /** The signed-in owner of a verified account completes a link the SSO sign-in left waiting. */
  async completeLink(userId: string, token: string): Promise<{ providerId: string; linked: boolean }> {
    const linked = await this.dataSource.transaction(async (em) => {
      const request = await this.signIns.useLinkRequest(sha256(token), userId, em);
      if (!request) throw new DomainError('gone', msg('sso.link.invalid'));
      const provider = await this.providers.find(request.providerId, em);
      if (!provider) throw new DomainError('gone', msg('sso.link.invalid'));
      const role = request.profile.role ?? 'learner';
      await this.applyProfile(em, provider, userId, request.subject, request.profile.email, request.profile, role);
      await recordAudit(em, { organizationId: provider.organizationId, actorId: userId, action: 'sso.identity_linked', subjectType: 'user', subjectId: userId, data: { providerId: provider.id } });
      return provider.id;
    });
    await this.versions.actorsChanged([userId]);
    return { providerId: linked, linked: true };
  }

  /**
   * A platform admin links an existing account to a subject at a provider (for a verified account
   * whose owner cannot sign in with a password). The account becomes a member of the provider's
   * organisation; a subject already linked to another account is a conflict.
   */
  async adminLink(actorId: string, providerId: string, userId: string, subject: string): Promise<{ providerId: string; linked: boolean }> {
    await this.dataSource.transaction(async (em) => {
      const provider = await this.providers.find(providerId, em);
      if (!provider) throw notFound('identity provider');
      const existing = await this.signIns.userOfIdentity(providerId, subject, em);
      if (existing && existing !== userId) throw new DomainError('conflict', msg('sso.link.subjectTaken'));
      const email = await this.signIns.emailOf(userId, em);
      if (email === undefined) throw notFound('user');
      await this.signIns.linkIdentity({ providerId, subject, userId, email: email ?? '', employeeNumber: null }, em);
      await this.signIns.applyMembership(provider.organizationId, userId, 'learner', false, em);
      await recordAudit(em, { organizationId: provider.organizationId, actorId, action: 'sso.identity_linked_by_admin', subjectType: 'user', subjectId: userId, data: { providerId, subject } });
    });
    await this.versions.actorsChanged([userId]);
    return { providerId, linked: true };
  }

  /** RP-initiated logout: where to send the browser after Kindling's session ended (null: no provider logout). */
  async providerLogoutUrl(familyId: string | null): Promise<string | null> {
    if (!familyId) return null;
    const session = await this.signIns.sessionOfFamily(familyId);
    if (!session) return null;
    const provider = await this.providers.find(session.providerId);
    if (!provider) return null;
    let hint: string | null = null;
    try {
      hint = session.logoutHintSealed ? openSecret(session.logoutHintSealed, this.config.secretsKey, LOGOUT_HINT_PURPOSE).toString('utf8') : null;
    } catch (error) {
      this.logger.warn(`a logout hint could not be opened: ${(error as Error).message}`);
    }
    const url = await this.oidc.logoutUrl(provider, hint, `${this.config.publicUrl}/sign-in`);
    return url?.href ?? null;
  }
}
