import { Module } from '@nestjs/common';
import { ExternalSignInRepository, IdentityProvidersRepository } from '@kindling/db';
import { IdentityModule } from '../identity/identity.module.js';
import { ExternalSignInService } from './external-sign-in.service.js';
import { IdentityProvidersService } from './identity-providers.service.js';
import { OidcProtocol } from './oidc.protocol.js';
import { ProviderSessionCheck } from './provider-session-check.js';
import { OrganizationSsoController, SsoController } from './sso.controller.js';

/**
 * Single sign-on through organisations' identity providers. Protocol-specific code is only
 * OidcProtocol; accounts, memberships and sessions go through ExternalSignInService, which a
 * second protocol (SAML) would reuse with its own callback.
 */
@Module({
  imports: [IdentityModule],
  controllers: [SsoController, OrganizationSsoController],
  providers: [ExternalSignInService, IdentityProvidersService, OidcProtocol, ProviderSessionCheck, IdentityProvidersRepository, ExternalSignInRepository],
})
export class SsoModule {}
