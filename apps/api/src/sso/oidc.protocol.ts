import { Inject, Injectable, Logger } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { DomainError, msg, openSecret } from '@kindling/common';
import type { IdentityProviderRow } from '@kindling/db';
import * as oidc from 'openid-client';
import { type AssertedIdentity, SignInFailure } from './sign-in-failure.js';

export const CLIENT_SECRET_PURPOSE = 'oidc-client-secret';
const DISCOVERY_TIMEOUT_SECONDS = 5;
const CACHE_MS = 10 * 60 * 1000;
/** Without an `auth_time`/`exp` hint from the provider, a Kindling session it started lasts at most this long. */
const DEFAULT_PROVIDER_SESSION_SECONDS = 8 * 60 * 60;
/** Accepted clock difference between Kindling and the provider when checking ID token times. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** What the authorization redirect needs to remember until the callback (stored server-side). */
export interface PendingAuthorization {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The provider fields the protocol needs. */
type OidcProvider = Pick<IdentityProviderRow, 'id' | 'displayName' | 'issuer' | 'clientId' | 'clientSecretSealed' | 'scopes' | 'emailClaim' | 'nameClaim' | 'employeeNumberClaim' | 'groupClaim' | 'updatedAt'>;

/** A refused connection, a timeout, a DNS failure: somewhere in the error's cause chain (openid-client wraps them). */
function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, message, code } = e as { name?: string; message?: string; code?: string };
    if (name === 'AbortError' || name === 'TimeoutError') return true;
    if (name === 'TypeError' && message === 'fetch failed') return true;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|UND_ERR_)/.test(code)) return true;
  }
  return false;
}

const claimString = (claims: Record<string, unknown>, name: string | null): string | null => {
  if (!name) return null;
  const value = claims[name];
  if (typeof value === 'string' && value.trim().length > 0) return value.trim();
  if (typeof value === 'number') return String(value);
  return null;
};

/**
 * OpenID Connect through openid-client (a certified relying party): discovery, authorization
 * code flow with PKCE (S256), state and nonce, the ID token checks, RP-initiated logout. The
 * rest of single sign-on only sees AssertedIdentity and SignInFailure.
 */
@Injectable()
export class OidcProtocol {
  private readonly logger = new Logger(OidcProtocol.name);
  private readonly cache = new Map<string, { at: number; version: number; config: Promise<oidc.Configuration> }>();

  constructor(@Inject(KINDLING_CONFIG) private readonly config: KindlingConfig) {}

  get redirectUri(): string {
    return `${this.config.publicUrl}/api/sso/oidc/callback`;
  }

  /** Plain http issuers only outside production (tests, a provider on the same machine). */
  private insecureAllowed(issuer: URL): boolean {
    return issuer.protocol === 'http:' && this.config.nodeEnv !== 'production';
  }

  /** Fetches and checks the discovery document; a 400 naming the problem when it is unreachable or wrong. */
  async validateIssuer(issuer: string, clientId: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new DomainError('invalid', msg('sso.provider.discoveryInvalid', { issuer, reason: 'not a URL' }));
    }
    if (url.protocol !== 'https:' && !this.insecureAllowed(url)) throw new DomainError('invalid', msg('sso.provider.insecureIssuer'));
    try {
      await this.discover(url, clientId, undefined);
    } catch (error) {
      throw this.discoveryError(issuer, error);
    }
  }

  private discoveryError(issuer: string, error: unknown): DomainError {
    if (isNetworkError(error)) return new DomainError('invalid', msg('sso.provider.discoveryUnreachable', { issuer, reason: this.causeOf(error) }));
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
    return new DomainError('invalid', msg('sso.provider.discoveryInvalid', { issuer, reason }));
  }

  /** The innermost cause's code or message (ECONNREFUSED, …): what an administrator can act on. */
  private causeOf(error: unknown): string {
    let text = error instanceof Error ? error.message : 'unknown error';
    for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
      const { message, code } = e as { message?: string; code?: string };
      if (code || message) text = code ?? message ?? text;
    }
    return String(text).slice(0, 200);
  }

  private async discover(issuer: URL, clientId: string, clientSecret: string | undefined): Promise<oidc.Configuration> {
    const metadata: Partial<oidc.ClientMetadata> = { [oidc.clockTolerance]: CLOCK_TOLERANCE_SECONDS, ...(clientSecret ? { client_secret: clientSecret } : {}) };
    return oidc.discovery(issuer, clientId, metadata, undefined, {
      timeout: DISCOVERY_TIMEOUT_SECONDS,
      ...(this.insecureAllowed(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
  }

  /** The provider's configuration, cached a few minutes per provider version; failures are not cached. */
  private configurationOf(provider: OidcProvider): Promise<oidc.Configuration> {
    const version = new Date(provider.updatedAt).getTime();
    const hit = this.cache.get(provider.id);
    if (hit && hit.version === version && Date.now() - hit.at < CACHE_MS) return hit.config;
    const secret = provider.clientSecretSealed ? openSecret(provider.clientSecretSealed, this.config.secretsKey, CLIENT_SECRET_PURPOSE).toString('utf8') : undefined;
    const config = this.discover(new URL(provider.issuer), provider.clientId, secret);
    this.cache.set(provider.id, { at: Date.now(), version, config });
    config.catch(() => this.cache.delete(provider.id));
    return config;
  }

  async authorization(provider: OidcProvider): Promise<PendingAuthorization> {
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configurationOf(provider);
    } catch (error) {
      this.logger.warn(`discovery of ${provider.issuer} failed: ${this.causeOf(error)}`);
      throw new SignInFailure('unreachable', { provider: provider.displayName });
    }
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const scopes = new Set(['openid', ...provider.scopes]);
    // A refresh token lets Kindling ask the provider later whether the person may still sign in.
    if (configuration.serverMetadata().scopes_supported?.includes('offline_access')) scopes.add('offline_access');
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: [...scopes].join(' '),
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** The callback: code for tokens, every ID token check, then the claims (userinfo merged in when the ID token is thin). */
  async complete(provider: OidcProvider, query: URLSearchParams, pending: { state: string; nonce: string; codeVerifier: string }): Promise<AssertedIdentity> {
    const name = { provider: provider.displayName };
    let configuration: oidc.Configuration;
    try {
      configuration = await this.configurationOf(provider);
    } catch (error) {
      this.logger.warn(`discovery of ${provider.issuer} failed: ${this.causeOf(error)}`);
      throw new SignInFailure('unreachable', name);
    }
    const current = new URL(this.redirectUri);
    current.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      throw this.callbackFailure(provider, error);
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new SignInFailure('failed', name, 'no ID token');
    let claims: Record<string, unknown> = { ...idClaims };
    const wanted = [provider.emailClaim, provider.nameClaim, provider.employeeNumberClaim, provider.groupClaim].filter((c): c is string => !!c);
    if (wanted.some((c) => !(c in claims)) && configuration.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...info, ...claims };
      } catch (error) {
        throw this.callbackFailure(provider, error);
      }
    }
    const groupsValue = provider.groupClaim ? claims[provider.groupClaim] : undefined;
    const groups = Array.isArray(groupsValue) ? groupsValue.filter((g): g is string => typeof g === 'string') : typeof groupsValue === 'string' ? [groupsValue] : [];
    const now = Math.floor(Date.now() / 1000);
    // The provider's session: its own `sid` lifetime is not published, so the refresh token's
    // lifetime if one came, else a default from the moment of authentication.
    const authTime = typeof idClaims.auth_time === 'number' ? idClaims.auth_time : now;
    const refreshExpires = typeof tokens.refresh_expires_in === 'number' ? now + tokens.refresh_expires_in : null;
    const sessionEnd = refreshExpires ?? authTime + DEFAULT_PROVIDER_SESSION_SECONDS;
    const verified = claims.email_verified;
    return {
      subject: idClaims.sub,
      email: claimString(claims, provider.emailClaim),
      emailVerified: verified === true || verified === 'true',
      name: claimString(claims, provider.nameClaim),
      employeeNumber: claimString(claims, provider.employeeNumberClaim),
      groups,
      sessionExpiresAt: new Date(Math.max(sessionEnd, now + 60) * 1000),
      logoutHint: tokens.id_token ?? null,
      providerRefreshToken: tokens.refresh_token ?? null,
    };
  }

  /**
   * Asks the provider whether the person behind a session may still sign in: a refresh-token
   * grant. `refused` only when the provider says so (`invalid_grant`: account removed or
   * disabled, grant or session revoked); anything else (unreachable, a server error, a wrong
   * answer) is `unavailable`, which the caller treats as "no answer".
   */
  async checkSession(
    provider: OidcProvider,
    refreshToken: string,
  ): Promise<{ outcome: 'active'; refreshToken: string | null } | { outcome: 'refused'; detail: string } | { outcome: 'unavailable'; detail: string }> {
    try {
      const configuration = await this.configurationOf(provider);
      const tokens = await oidc.refreshTokenGrant(configuration, refreshToken);
      return { outcome: 'active', refreshToken: tokens.refresh_token && tokens.refresh_token !== refreshToken ? tokens.refresh_token : null };
    } catch (error) {
      const detail = `${(error as { code?: string }).code ?? ''} ${error instanceof Error ? error.message : String(error)}`.trim().slice(0, 300);
      if (error instanceof oidc.ResponseBodyError && error.error === 'invalid_grant') return { outcome: 'refused', detail };
      return { outcome: 'unavailable', detail: isNetworkError(error) ? `unreachable: ${this.causeOf(error)}` : detail };
    }
  }

  /** Where RP-initiated logout sends the browser, or null when the provider offers none. */
  async logoutUrl(provider: OidcProvider, idTokenHint: string | null, postLogoutRedirectUri: string): Promise<URL | null> {
    try {
      const configuration = await this.configurationOf(provider);
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(configuration, {
        post_logout_redirect_uri: postLogoutRedirectUri,
        client_id: provider.clientId,
        ...(idTokenHint ? { id_token_hint: idTokenHint } : {}),
      });
    } catch {
      return null;
    }
  }

  private callbackFailure(provider: OidcProvider, error: unknown): SignInFailure {
    const name = { provider: provider.displayName };
    if (error instanceof oidc.AuthorizationResponseError) return new SignInFailure('denied', name, error.error);
    const code = (error as { code?: string }).code;
    const detail = error instanceof Error ? error.message : String(error);
    this.logger.warn(`sign-in through ${provider.issuer} failed: ${code ?? ''} ${detail}`);
    if (isNetworkError(error)) return new SignInFailure('unreachable', name, detail);
    if (code === 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED') return new SignInFailure('clock', name, detail);
    if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' || code === 'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED' || code === 'OAUTH_KEY_SELECTION_FAILED') {
      // `nonce` and `aud` mismatches land here too: all say the answer is not from this provider for this sign-in.
      return new SignInFailure('issuer', name, detail);
    }
    if (error instanceof oidc.ResponseBodyError) {
      return new SignInFailure(error.error === 'invalid_grant' ? 'expired' : 'failed', name, detail);
    }
    if (!(error instanceof oidc.ClientError)) return new SignInFailure('unreachable', name, detail);
    return new SignInFailure('failed', name, detail);
  }
}
