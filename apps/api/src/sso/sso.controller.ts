import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Inject, Param, ParseUUIDPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Request, Response } from 'express';
import type { Actor, AccessTokenClaims } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { OrgRoles, PlatformRoles, Public, SignedIn } from '../common/auth/policy.js';
import { SessionTokens } from '../identity/session-tokens.service.js';
import { clearSessionCookies, refreshCookieOf, setSessionCookies } from '../identity/auth-cookies.js';
import {
  AdminLinkDto,
  IdentityProviderDto,
  IdentityProviderView,
  PasswordSignInDto,
  PasswordSignInView,
  SsoLinkDto,
  SsoLinkedView,
  SsoLogoutView,
  SsoProviderChoice,
  SsoRouteQuery,
} from './dto/sso.dto.js';
import { ExternalSignInService } from './external-sign-in.service.js';
import { IdentityProvidersService } from './identity-providers.service.js';
import { SignInFailure } from './sign-in-failure.js';
import { continuePage, failurePage, failureText, linkPage } from './sign-in-page.js';

type CookieRequest = Request & { cookies?: Record<string, string>; user?: AccessTokenClaims };
const STATE_COOKIE = 'kindling_sso_state';
const STATE_COOKIE_PATH = '/api/sso';
const NOT_VISIBLE = 'no such organisation or provider, or you are not its manager';
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 503: 'Service Unavailable' };

/** Browsers get the readable page; a client that prefers JSON gets the API's error shape with the same sentence. */
function sendFailure(req: Request, res: Response, status: number, failure: SignInFailure): void {
  const acceptLanguage = req.headers['accept-language'];
  if (req.accepts(['html', 'json']) === 'json') {
    res.status(status).json({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', message: failureText(failure, acceptLanguage) });
    return;
  }
  res.status(status).type('html').send(failurePage(failure, acceptLanguage));
}

/** Signing in through an organisation's identity provider. */
@ApiTags('sso')
@Controller('sso')
export class SsoController {
  constructor(
    private readonly signIns: ExternalSignInService,
    private readonly tokens: SessionTokens,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  @Get('providers')
  @Public()
  @ApiOperation({ summary: 'Single sign-on providers for an e-mail address (by its domain) or of one organisation (its sign-in link)' })
  @ApiResponse({ status: 200, type: [SsoProviderChoice] })
  @ApiResponse({ status: 400, description: 'neither a whole e-mail address nor an organisation id' })
  @ApiResponse({ status: 404, description: 'no organisation signs in with single sign-on for this domain' })
  providers(@Query() query: SsoRouteQuery): Promise<SsoProviderChoice[]> {
    return this.signIns.route(query);
  }

  @Get(':providerId/start')
  @Public()
  @ApiOperation({ summary: 'Start signing in: redirects the browser to the provider (authorization code flow with PKCE, state and nonce)' })
  @ApiProduces('text/html')
  @ApiResponse({ status: 302, description: 'to the provider’s authorization endpoint' })
  @ApiResponse({ status: 400, description: 'the provider id is not a UUID' })
  @ApiResponse({ status: 404, description: 'no such enabled provider (a readable page)' })
  @ApiResponse({ status: 503, description: 'the provider cannot be reached (a readable page)' })
  async start(
    @Param('providerId', ParseUUIDPipe) providerId: string,
    @Query('returnTo') returnTo: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    try {
      const { url, state } = await this.signIns.start(providerId, typeof returnTo === 'string' ? returnTo : null);
      res.cookie(STATE_COOKIE, state, { httpOnly: true, sameSite: 'lax', secure: this.config.nodeEnv === 'production', path: STATE_COOKIE_PATH, maxAge: 10 * 60 * 1000 });
      res.redirect(302, url);
    } catch (error) {
      const failure = error instanceof SignInFailure ? error : new SignInFailure('failed');
      sendFailure(req, res, failure.reason === 'unreachable' ? 503 : 404, failure);
    }
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({ summary: 'The redirect URI registered at OpenID providers; signs in, then continues to the learner’s home' })
  @ApiProduces('text/html')
  @ApiResponse({
    status: 200,
    description: 'signed in (session cookies set; the page continues to the app), or the page asking to link an existing account',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  @ApiResponse({ status: 400, description: 'a readable page: consent denied, expired or tampered state, wrong issuer, clock skew, domain not vouched for' })
  @ApiResponse({ status: 503, description: 'a readable page: the provider cannot be reached' })
  async callback(@Req() req: CookieRequest, @Res() res: Response): Promise<void> {
    const query = new URLSearchParams(req.url.split('?')[1] ?? '');
    res.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
    res.setHeader('Cache-Control', 'no-store');
    const acceptLanguage = req.headers['accept-language'];
    try {
      const outcome = await this.signIns.callback(query, req.cookies?.[STATE_COOKIE], acceptLanguage, req.ip ?? 'unknown');
      if (outcome.kind === 'link') {
        res.status(200).type('html').send(linkPage(outcome, acceptLanguage));
        return;
      }
      setSessionCookies(res, this.config, outcome);
      res.status(200).type('html').send(continuePage(outcome.returnTo ?? '/'));
    } catch (error) {
      const failure = error instanceof SignInFailure ? error : new SignInFailure('failed', {}, String(error));
      sendFailure(req, res, failure.reason === 'unreachable' ? 503 : 400, failure);
    }
  }

  @Post('links')
  @SignedIn()
  @ApiOperation({ summary: 'Link the signed-in account to the provider identity that met it at SSO sign-in (after signing in with the password)' })
  @ApiResponse({ status: 201, type: SsoLinkedView })
  @ApiResponse({ status: 400, description: 'invalid body' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 410, description: 'the link expired, was used, or belongs to another account' })
  link(@CurrentActor() actor: Actor, @Body() dto: SsoLinkDto): Promise<SsoLinkedView> {
    return this.signIns.completeLink(actor.userId, dto.token);
  }

  @Post(':providerId/identities')
  @PlatformRoles('admin')
  @ApiOperation({ summary: 'Link an existing account to a subject at the provider (platform admin)' })
  @ApiResponse({ status: 201, type: SsoLinkedView })
  @ApiResponse({ status: 400, description: 'invalid body or provider id' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'not a platform admin' })
  @ApiResponse({ status: 404, description: 'no such provider or account' })
  @ApiResponse({ status: 409, description: 'the subject is linked to another account' })
  adminLink(@CurrentActor() actor: Actor, @Param('providerId', ParseUUIDPipe) providerId: string, @Body() dto: AdminLinkDto): Promise<SsoLinkedView> {
    return this.signIns.adminLink(actor.userId, providerId, dto.userId, dto.subject);
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign out; answers where to send the browser for the provider’s logout (RP-initiated logout), when it offers one' })
  @ApiResponse({ status: 200, type: SsoLogoutView })
  @ApiResponse({ status: 401, description: 'not signed in' })
  async logout(@Req() req: CookieRequest, @Res({ passthrough: true }) res: Response): Promise<SsoLogoutView> {
    const families = new Set<string>();
    if (req.user?.fam) families.add(req.user.fam);
    const cookie = refreshCookieOf(req);
    if (cookie) {
      const family = await this.tokens.familyOf(cookie);
      if (family) families.add(family);
    }
    const [first] = families;
    const redirectTo = await this.signIns.providerLogoutUrl(first ?? null);
    await this.tokens.revokeFamilies([...families]);
    clearSessionCookies(res, this.config);
    return { redirectTo };
  }
}

/** An organisation's identity providers and its password switch (its managers, platform admins). */
@ApiTags('sso')
@Controller('organizations/:orgId')
export class OrganizationSsoController {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Get('identity-providers')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'The organisation’s identity providers (client secrets are never returned)' })
  @ApiResponse({ status: 200, type: [IdentityProviderView] })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  list(@Param('orgId') orgId: string): Promise<IdentityProviderView[]> {
    return this.providers.list(orgId);
  }

  @Post('identity-providers')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Add an OpenID Connect provider; its discovery document is fetched and checked first' })
  @ApiResponse({ status: 201, type: IdentityProviderView })
  @ApiResponse({ status: 400, description: 'invalid body, or the discovery document is unreachable or wrong' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  @ApiResponse({ status: 409, description: 'a provider with this issuer and client id exists' })
  create(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Body() dto: IdentityProviderDto): Promise<IdentityProviderView> {
    return this.providers.create(actor, orgId, dto);
  }

  @Get('identity-providers/:id')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'One identity provider' })
  @ApiResponse({ status: 200, type: IdentityProviderView })
  @ApiResponse({ status: 400, description: 'the id is not a UUID' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  get(@Param('orgId') orgId: string, @Param('id', ParseUUIDPipe) id: string): Promise<IdentityProviderView> {
    return this.providers.get(orgId, id);
  }

  @Put('identity-providers/:id')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Replace a provider’s configuration (omit clientSecret to keep the stored one); discovery is checked again' })
  @ApiResponse({ status: 200, type: IdentityProviderView })
  @ApiResponse({ status: 400, description: 'invalid body, or the discovery document is unreachable or wrong' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  @ApiResponse({ status: 409, description: 'a provider with this issuer and client id exists' })
  update(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', ParseUUIDPipe) id: string, @Body() dto: IdentityProviderDto): Promise<IdentityProviderView> {
    return this.providers.update(actor, orgId, id, dto);
  }

  @Delete('identity-providers/:id')
  @OrgRoles(['manager'], 'orgId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a provider (its members keep their accounts)' })
  @ApiResponse({ status: 204, description: 'removed' })
  @ApiResponse({ status: 400, description: 'the id is not a UUID' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  async remove(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.providers.remove(actor, orgId, id);
  }

  @Get('password-sign-in')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Whether the organisation’s members may sign in with a password' })
  @ApiResponse({ status: 200, type: PasswordSignInView })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  passwordSignIn(@Param('orgId') orgId: string): Promise<PasswordSignInView> {
    return this.providers.passwordSignIn(orgId);
  }

  @Put('password-sign-in')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Switch password sign-in on or off for the organisation’s members (platform admins can always use theirs)' })
  @ApiResponse({ status: 200, type: PasswordSignInView })
  @ApiResponse({ status: 400, description: 'invalid body' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  @ApiResponse({ status: 409, description: 'switching off needs an enabled identity provider' })
  setPasswordSignIn(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Body() dto: PasswordSignInDto): Promise<PasswordSignInView> {
    return this.providers.setPasswordSignIn(actor, orgId, dto.allowed);
  }
}
