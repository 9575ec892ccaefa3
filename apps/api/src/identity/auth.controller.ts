import { Body, Controller, HttpCode, HttpStatus, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import type { Request, Response } from 'express';
import type { AccessTokenClaims } from '../common/auth/actor.js';
import { Public, SignedIn } from '../common/auth/policy.js';
import { clearSessionCookies, deviceCookieOf, refreshCookieOf, setDeviceCookie, setSessionCookies } from './auth-cookies.js';
import { AuthService, type SignedIn as Session } from './auth.service.js';
import {
  AcceptInvitationDto,
  LoginDto,
  PasswordResetDto,
  PasswordResetRequestDto,
  PupilLoginDto,
  RefreshDto,
  RegisterDto,
  RegisteredView,
  SessionView,
} from './dto/auth.dto.js';

type CookieRequest = Request & { cookies?: Record<string, string>; user?: AccessTokenClaims };

/** The client's address: the socket's, or X-Forwarded-For's only when TRUST_PROXY trusts the proxy (app.factory.ts). */
const ip = (req: Request): string => req.ip ?? 'unknown';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an account (when KINDLING_SELF_REGISTRATION is on)' })
  @ApiResponse({ status: 201, type: RegisteredView })
  @ApiResponse({ status: 400, description: 'invalid body or weak password (under 12 characters, common, or your e-mail/name)' })
  @ApiResponse({ status: 403, description: 'self-registration is closed' })
  @ApiResponse({ status: 409, description: 'the e-mail address is taken' })
  @ApiResponse({ status: 429, description: 'too many registrations for this e-mail address or from this client address; see Retry-After' })
  async register(@Body() dto: RegisterDto, @Req() req: Request): Promise<RegisteredView> {
    return { user: await this.auth.register(dto, ip(req), req.headers['accept-language']) };
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sign in with e-mail and password; sets the kindling_at and kindling_rt cookies' })
  @ApiResponse({ status: 200, type: SessionView })
  @ApiResponse({ status: 401, description: 'one message for an unknown e-mail and a wrong password' })
  @ApiResponse({ status: 403, description: 'password sign-in is switched off for an organisation of the account (single sign-on only)' })
  @ApiResponse({ status: 429, description: 'too many failed attempts for this account or address; see Retry-After' })
  async login(@Body() dto: LoginDto, @Req() req: CookieRequest, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const session = await this.auth.login(
      dto.email,
      dto.password,
      { ip: ip(req), deviceCookie: deviceCookieOf(req) },
      { chosen: dto.locale, acceptLanguage: req.headers['accept-language'] },
    );
    setDeviceCookie(res, this.config, session.deviceCookie);
    return this.answer(res, session, dto.refreshTokenInBody);
  }

  @Post('pupil-login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Pupils sign in with their user name and one-time code (the code works once)' })
  @ApiResponse({ status: 200, type: SessionView })
  @ApiResponse({ status: 401, description: 'wrong user name or code, or the code was already used' })
  @ApiResponse({ status: 429, description: 'throttled; see Retry-After' })
  async pupilLogin(@Body() dto: PupilLoginDto, @Req() req: CookieRequest, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const session = await this.auth.pupilLogin(
      dto.username,
      dto.code,
      { ip: ip(req), deviceCookie: deviceCookieOf(req) },
      { chosen: dto.locale, acceptLanguage: req.headers['accept-language'] },
    );
    setDeviceCookie(res, this.config, session.deviceCookie);
    return this.answer(res, session, dto.refreshTokenInBody);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Rotate the refresh token (cookie kindling_rt, or {refreshToken} in the body) and get a new access token',
    description: 'A refresh token works once. Presenting an already used one ends the whole session family (401).',
  })
  @ApiResponse({ status: 200, type: SessionView })
  @ApiResponse({ status: 401, description: 'missing, unknown, expired, revoked or reused refresh token' })
  async refresh(@Body() dto: RefreshDto, @Req() req: CookieRequest, @Res({ passthrough: true }) res: Response): Promise<SessionView> {
    const fromBody = dto.refreshToken;
    try {
      const session = await this.auth.refresh(fromBody ?? refreshCookieOf(req));
      return this.answer(res, session, fromBody !== undefined);
    } catch (error) {
      if (!fromBody) clearSessionCookies(res, this.config);
      throw error;
    }
  }

  @Post('logout')
  @SignedIn()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the session: revokes the refresh-token family and clears the cookies' })
  @ApiResponse({ status: 204, description: 'signed out' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  async logout(@Req() req: CookieRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const families = new Set<string>();
    if (req.user?.fam) families.add(req.user.fam);
    const cookie = refreshCookieOf(req);
    if (cookie) {
      const family = await this.auth.familyOf(cookie);
      if (family) families.add(family);
    }
    await this.auth.logout([...families]);
    clearSessionCookies(res, this.config);
  }

  @Post('invitations/:token/accept')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Accept an invitation: choose name and password, and be signed in' })
  @ApiResponse({ status: 200, type: SessionView })
  @ApiResponse({ status: 400, description: 'weak password or invalid body' })
  @ApiResponse({ status: 404, description: 'unknown invitation' })
  @ApiResponse({ status: 410, description: 'the invitation was already used or has expired' })
  @ApiResponse({ status: 429, description: 'too many wrong or expired links from this address; see Retry-After' })
  async acceptInvitation(
    @Param('token') token: string,
    @Body() dto: AcceptInvitationDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionView> {
    return this.answer(res, await this.auth.acceptInvitation(token, dto, ip(req)), dto.refreshTokenInBody);
  }

  @Post('email-verification/:token')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Confirm the e-mail address with the link from the verification e-mail (works once, for 48 hours)' })
  @ApiResponse({ status: 204, description: 'the address is verified' })
  @ApiResponse({ status: 404, description: 'unknown verification link' })
  @ApiResponse({ status: 410, description: 'the link was already used, has expired, or was replaced by a newer one' })
  @ApiResponse({ status: 429, description: 'too many wrong or expired links from this address; see Retry-After' })
  async confirmEmail(@Param('token') token: string, @Req() req: Request): Promise<void> {
    await this.auth.confirmEmail(token, ip(req));
  }

  @Post('email-verification')
  @SignedIn()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Send a new verification e-mail to the signed-in account (earlier links stop working)' })
  @ApiResponse({ status: 202, description: 'an e-mail is on its way' })
  @ApiResponse({ status: 400, description: 'the account has no e-mail address (pupils)' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 409, description: 'the address is already verified' })
  @ApiResponse({ status: 429, description: 'too many verification e-mails; see Retry-After' })
  async resendVerification(@Req() req: CookieRequest): Promise<void> {
    await this.auth.resendVerification(req.user!.sub);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Ask for a password-reset e-mail; always 202, in the same time, whether the address is known or not' })
  @ApiResponse({ status: 202, description: 'if the address belongs to an account, an e-mail is on its way' })
  @ApiResponse({ status: 429, description: 'too many requests for this e-mail address or from this client address; see Retry-After' })
  async requestPasswordReset(@Body() dto: PasswordResetRequestDto, @Req() req: Request): Promise<void> {
    await this.auth.requestPasswordReset(dto.email, ip(req));
  }

  @Post('password-reset/:token')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password with the link from the e-mail; ends every session of the account' })
  @ApiResponse({ status: 204, description: 'password changed' })
  @ApiResponse({ status: 400, description: 'weak password' })
  @ApiResponse({ status: 404, description: 'unknown link' })
  @ApiResponse({ status: 410, description: 'the link was already used or has expired' })
  @ApiResponse({ status: 429, description: 'too many wrong or expired links from this address; see Retry-After' })
  async resetPassword(@Param('token') token: string, @Body() dto: PasswordResetDto, @Req() req: Request): Promise<void> {
    await this.auth.resetPassword(token, dto.password, ip(req));
  }

  private answer(res: Response, session: Session, refreshTokenInBody = false): SessionView {
    setSessionCookies(res, this.config, session);
    return { accessToken: session.accessToken, user: session.user, ...(refreshTokenInBody ? { refreshToken: session.refreshToken } : {}) };
  }
}
