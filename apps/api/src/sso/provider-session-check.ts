import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { type Message, msg, openSecret, sealSecret } from '@kindling/common';
import { ExternalSignInRepository, IdentityProvidersRepository } from '@kindling/db';
import type { Redis } from 'ioredis';
import { REDIS } from '../common/redis/redis.module.js';
import { RefreshChecks } from '../identity/refresh-checks.js';
import { PROVIDER_REFRESH_PURPOSE } from './external-sign-in.service.js';
import { OidcProtocol } from './oidc.protocol.js';

/** At most one check per session family at a time (a second refresh meanwhile is let through). */
const LOCK_SECONDS = 30;

/**
 * At Kindling's refresh, a session started by an identity provider asks the provider whether
 * the person may still sign in (a refresh-token grant with the provider's refresh token), at
 * most once per SSO_PROVIDER_CHECK_SECONDS per session (a Redis key remembers a good answer).
 * - the provider refuses (`invalid_grant`: account removed or disabled, grant revoked) → refused;
 * - the provider cannot be asked (down, an error) → let through and logged: the session still ends
 *   at the provider's session end (`external_sessions.expires_at`, enforced by rotation);
 * - no provider refresh token (the provider offers no offline_access) → only that cap applies.
 */
@Injectable()
export class ProviderSessionCheck implements OnModuleInit {
  private readonly logger = new Logger(ProviderSessionCheck.name);

  constructor(
    private readonly checks: RefreshChecks,
    private readonly signIns: ExternalSignInRepository,
    private readonly providers: IdentityProvidersRepository,
    private readonly oidc: OidcProtocol,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  onModuleInit(): void {
    this.checks.register(this);
  }

  private key(kind: 'checked' | 'checking', familyId: string): string {
    return `${this.config.queuePrefix}:sso:${kind}:${familyId}`;
  }

  /** Redis is a cache here: when it does not answer, the provider is asked (checked) or the check proceeds unlocked. */
  private async redisOr<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (error) {
      this.logger.warn(`redis unavailable for the provider check: ${(error as Error).message}`);
      return fallback;
    }
  }

  async refusal(familyId: string): Promise<Message | null> {
    const session = await this.signIns.sessionOfFamily(familyId);
    // Not an SSO session, past the provider's session (rotation refuses it), or nothing to ask with.
    if (!session || new Date(session.expiresAt).getTime() <= Date.now() || !session.providerRefreshSealed) return null;
    if (await this.redisOr(() => this.redis.exists(this.key('checked', familyId)), 0)) return null;
    const locked = await this.redisOr(() => this.redis.set(this.key('checking', familyId), '1', 'EX', LOCK_SECONDS, 'NX'), 'OK');
    if (locked !== 'OK') return null;
    try {
      const provider = await this.providers.find(session.providerId);
      if (!provider) return null;
      let refreshToken: string;
      try {
        refreshToken = openSecret(session.providerRefreshSealed, this.config.secretsKey, PROVIDER_REFRESH_PURPOSE).toString('utf8');
      } catch (error) {
        this.logger.warn(`a provider refresh token could not be opened: ${(error as Error).message}`);
        return null;
      }
      const answer = await this.oidc.checkSession(provider, refreshToken);
      if (answer.outcome === 'refused') {
        this.logger.log(`${provider.issuer} no longer accepts the person of session ${familyId}: ${answer.detail}`);
        return msg('sso.session.refusedByProvider', { provider: provider.displayName });
      }
      if (answer.outcome === 'unavailable') {
        // Fail open: an outage at the provider must not sign everyone out; the provider-session cap still holds.
        this.logger.warn(`could not check session ${familyId} at ${provider.issuer} (let through): ${answer.detail}`);
        return null;
      }
      if (answer.refreshToken) {
        await this.signIns.replaceProviderRefresh(familyId, sealSecret(answer.refreshToken, this.config.secretsKey, PROVIDER_REFRESH_PURPOSE));
      }
      await this.redisOr(() => this.redis.set(this.key('checked', familyId), '1', 'EX', this.config.ssoProviderCheckSeconds), null);
      return null;
    } finally {
      await this.redisOr(() => this.redis.del(this.key('checking', familyId)), 0);
    }
  }
}
