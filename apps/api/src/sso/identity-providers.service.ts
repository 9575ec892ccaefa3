import { Inject, Injectable } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { DomainError, msg, notFound, sealSecret } from '@kindling/common';
import { IdentityProvidersRepository, type IdentityProviderInput, type IdentityProviderRow, recordAudit } from '@kindling/db';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import type { IdentityProviderDto, IdentityProviderView, PasswordSignInView } from './dto/sso.dto.js';
import { CLIENT_SECRET_PURPOSE, OidcProtocol } from './oidc.protocol.js';

const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** An organisation's identity providers (managers of the organisation, platform admins). */
@Injectable()
export class IdentityProvidersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providers: IdentityProvidersRepository,
    private readonly oidc: OidcProtocol,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  async list(orgId: string): Promise<IdentityProviderView[]> {
    return (await this.providers.listOfOrganization(orgId)).map((p) => this.view(p));
  }

  async get(orgId: string, id: string): Promise<IdentityProviderView> {
    const row = await this.providers.findInOrganization(orgId, id);
    if (!row) throw notFound('identity provider');
    return this.view(row);
  }

  async create(actor: Actor, orgId: string, dto: IdentityProviderDto): Promise<IdentityProviderView> {
    if (!dto.clientSecret) throw new DomainError('invalid', msg('sso.provider.secretRequired'));
    const input = this.input(dto);
    await this.oidc.validateIssuer(input.issuer, input.clientId);
    const id = await this.dataSource.transaction(async (em) => {
      const created = await this.providers.create(orgId, input, em);
      if (!created) throw new DomainError('conflict', msg('sso.provider.duplicate'));
      await recordAudit(em, { organizationId: orgId, actorId: actor.userId, action: 'sso.provider_created', subjectType: 'identity_provider', subjectId: created, data: { issuer: input.issuer } });
      return created;
    });
    return this.get(orgId, id);
  }

  async update(actor: Actor, orgId: string, id: string, dto: IdentityProviderDto): Promise<IdentityProviderView> {
    if (!(await this.providers.findInOrganization(orgId, id))) throw notFound('identity provider');
    const input = this.input(dto);
    await this.oidc.validateIssuer(input.issuer, input.clientId);
    await this.dataSource.transaction(async (em) => {
      try {
        if (!(await this.providers.update(orgId, id, input, em))) throw notFound('identity provider');
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new DomainError('conflict', msg('sso.provider.duplicate'));
        throw error;
      }
      await recordAudit(em, { organizationId: orgId, actorId: actor.userId, action: 'sso.provider_updated', subjectType: 'identity_provider', subjectId: id, data: { issuer: input.issuer, secretChanged: !!dto.clientSecret } });
    });
    return this.get(orgId, id);
  }

  async remove(actor: Actor, orgId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      if (!(await this.providers.remove(orgId, id, em))) throw notFound('identity provider');
      await recordAudit(em, { organizationId: orgId, actorId: actor.userId, action: 'sso.provider_removed', subjectType: 'identity_provider', subjectId: id, data: {} });
    });
  }

  async passwordSignIn(orgId: string): Promise<PasswordSignInView> {
    const allowed = await this.providers.passwordSignIn(orgId);
    if (allowed === null) throw notFound('organisation');
    return { organizationId: orgId, allowed };
  }

  /** Switching password sign-in off needs an enabled provider, or nobody could sign in. */
  async setPasswordSignIn(actor: Actor, orgId: string, allowed: boolean): Promise<PasswordSignInView> {
    if (!allowed && (await this.providers.enabledOfOrganization(orgId)).length === 0) throw new DomainError('conflict', msg('sso.password.needsProvider'));
    await this.dataSource.transaction(async (em) => {
      await this.providers.setPasswordSignIn(orgId, allowed, em);
      await recordAudit(em, { organizationId: orgId, actorId: actor.userId, action: 'sso.password_sign_in_changed', subjectType: 'organization', subjectId: orgId, data: { allowed } });
    });
    return { organizationId: orgId, allowed };
  }

  private input(dto: IdentityProviderDto): IdentityProviderInput {
    const domains = [...new Set(dto.domains)];
    for (const domain of domains) if (!DOMAIN.test(domain)) throw new DomainError('invalid', msg('sso.provider.domainInvalid', { domain }));
    return {
      displayName: dto.displayName,
      issuer: dto.issuer,
      clientId: dto.clientId,
      clientSecretSealed: dto.clientSecret ? sealSecret(dto.clientSecret, this.config.secretsKey, CLIENT_SECRET_PURPOSE) : null,
      scopes: [...new Set(['openid', ...(dto.scopes ?? ['email', 'profile'])])],
      emailClaim: dto.emailClaim ?? 'email',
      nameClaim: dto.nameClaim ?? 'name',
      employeeNumberClaim: dto.employeeNumberClaim ?? null,
      groupClaim: dto.groupClaim ?? null,
      managerGroups: dto.managerGroups ?? [],
      domains,
      enabled: dto.enabled ?? true,
    };
  }

  private view(p: IdentityProviderRow): IdentityProviderView {
    return {
      id: p.id,
      organizationId: p.organizationId,
      protocol: p.protocol,
      displayName: p.displayName,
      issuer: p.issuer,
      clientId: p.clientId,
      hasClientSecret: p.clientSecretSealed !== null,
      scopes: p.scopes,
      emailClaim: p.emailClaim,
      nameClaim: p.nameClaim,
      employeeNumberClaim: p.employeeNumberClaim,
      groupClaim: p.groupClaim,
      managerGroups: p.managerGroups,
      domains: p.domains,
      enabled: p.enabled,
      signInUrl: `${this.config.publicUrl}/api/sso/${p.id}/start`,
      redirectUri: this.oidc.redirectUri,
      updatedAt: new Date(p.updatedAt).toISOString(),
    };
  }
}
