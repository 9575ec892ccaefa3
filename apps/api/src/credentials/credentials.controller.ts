import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError, isUuid, msg, notFound } from '@kindling/common';
import { CredentialService } from '@kindling/credentials';
import { BrandingRepository, CredentialsRepository } from '@kindling/db';
import { Public, Scoped } from '../common/auth/policy.js';
import { RateLimiter } from '../identity/rate-limit/rate-limiter.service.js';
import { VERIFY_IP_RULE } from '../certificates/verification.controller.js';
import { CredentialVerificationDto } from './credentials.dto.js';

const JSON_OBJECT = { type: 'object', additionalProperties: true } as const;

/**
 * Signed Open Badges 3.0 credentials: the public issuer profiles (keys) and status lists a
 * wallet resolves, the holder's download, and verification of a credential JSON.
 */
@ApiTags('credentials')
@Controller()
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialService,
    private readonly repository: CredentialsRepository,
    private readonly limiter: RateLimiter,
    private readonly branding: BrandingRepository,
  ) {}

  @Get('issuers/:issuer')
  @Public()
  @Header('Cache-Control', 'public, max-age=300')
  @ApiOperation({
    summary: 'The public Open Badges 3.0 issuer Profile (anyone): name, URL and every public key (Multikey), retired ones included',
    description: 'Stable URL: credentials name it as issuer; their proofs name `<this URL>#key-<n>`. `issuer` is an organisation id, or `kindling` for certificates issued without one.',
  })
  @ApiParam({ name: 'issuer', description: 'organisation id (uuid) or `kindling`' })
  @ApiProduces('application/ld+json')
  @ApiResponse({ status: 200, description: 'the profile (JSON-LD)', schema: JSON_OBJECT })
  @ApiResponse({ status: 404, description: 'no such issuer' })
  async profile(@Param('issuer') issuer: string, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const profile = await this.credentials.profile(issuer);
    if (!profile) throw new DomainError('not_found', msg('credentials.issuerNotFound'));
    res.type('application/ld+json'); // only on success: errors keep the JSON error shape
    return profile;
  }

  @Get('issuers/:issuer/logo')
  @Public()
  @ApiOperation({
    summary: 'The issuer\'s current logo (anyone): the `image` of its issuer Profile',
    description: 'The logo of the organisation\'s current branding, as stored (sanitised PNG or JPEG). Stable URL; the image changes when the branding does.',
  })
  @ApiParam({ name: 'issuer', description: 'organisation id (uuid)' })
  @ApiProduces('image/png', 'image/jpeg')
  @ApiResponse({ status: 200, description: 'the logo image', content: { 'image/png': { schema: { type: 'string', format: 'binary' } }, 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 404, description: 'no such issuer, or it has no logo' })
  async logo(@Param('issuer') issuer: string, @Res() res: Response): Promise<void> {
    const branding = isUuid(issuer) ? await this.branding.current(issuer) : null;
    if (!branding?.logo) throw new DomainError('not_found', msg('branding.logoNotFound'));
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Content-Type', branding.logo.mime);
    res.setHeader('Content-Length', String(branding.logo.data.length));
    res.end(branding.logo.data);
  }

  @Get('issuers/:issuer/status/revocation')
  @Public()
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({ summary: 'The issuer\'s signed Bitstring Status List credential (revocation; anyone)', description: 'A set bit at a credential\'s statusListIndex: revoked.' })
  @ApiParam({ name: 'issuer', description: 'organisation id (uuid) or `kindling`' })
  @ApiProduces('application/vc+ld+json')
  @ApiResponse({ status: 200, description: 'BitstringStatusListCredential', schema: JSON_OBJECT })
  @ApiResponse({ status: 404, description: 'no such issuer, or it has not issued a credential yet' })
  async statusList(@Param('issuer') issuer: string, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const list = await this.credentials.statusList(issuer, 'revocation');
    if (!list) throw new DomainError('not_found', msg('credentials.statusListNotFound'));
    res.type('application/vc+ld+json');
    return list;
  }

  @Get('issuers/:issuer/status/superseded')
  @Public()
  @Header('Cache-Control', 'public, max-age=60')
  @ApiOperation({
    summary: 'The issuer\'s signed Bitstring Status List credential of statusPurpose "message" (superseded; anyone)',
    description: 'A set bit at a credential\'s statusListIndex: status 0x1, "superseded" — replaced by a re-issue (statusMessage in the credential\'s entry).',
  })
  @ApiParam({ name: 'issuer', description: 'organisation id (uuid) or `kindling`' })
  @ApiProduces('application/vc+ld+json')
  @ApiResponse({ status: 200, description: 'BitstringStatusListCredential', schema: JSON_OBJECT })
  @ApiResponse({ status: 404, description: 'no such issuer, or it has not issued a credential yet' })
  async supersededList(@Param('issuer') issuer: string, @Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    const list = await this.credentials.statusList(issuer, 'superseded');
    if (!list) throw new DomainError('not_found', msg('credentials.statusListNotFound'));
    res.type('application/vc+ld+json');
    return list;
  }

  @Get('certificates/:id/credential')
  @Scoped('certificate', 'learner-or-manager', 'id')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'The signed Open Badges 3.0 credential of the certificate\'s current document (holder, managers of its organisation, admin)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/ld+json', 'application/json')
  @ApiResponse({ status: 200, description: 'OpenBadgeCredential with a DataIntegrityProof (eddsa-rdfc-2022)', schema: JSON_OBJECT })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'no such certificate, or not the caller’s to see' })
  @ApiResponse({ status: 409, description: 'the certificate has no signed credential (issued before credentials were signed)' })
  async credential(@Param('id') id: string, @Req() req: Request): Promise<Record<string, unknown>> {
    if (!isUuid(id)) throw notFound('certificate');
    const row = await this.repository.holderCredential(id);
    if (!row) throw notFound('certificate');
    if (!row.credential_json) throw new DomainError('conflict', msg('credentials.notFound'));
    const res = req.res;
    if (res && /ld\+json/.test(req.headers.accept ?? '')) res.type('application/ld+json');
    if (res) res.setHeader('Content-Disposition', `attachment; filename="${row.number}.credential.json"`);
    return JSON.parse(row.credential_json) as Record<string, unknown>;
  }

  @Post('verify/credential')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Verify a credential JSON (anyone): signature, issuer, status (valid / revoked / superseded / expired / invalid) and its claims',
    description: 'The proof is checked offline against the issuer\'s published key (bundled JSON-LD contexts only, nothing fetched); status comes from the certificate record and the issuer\'s status list.',
  })
  @ApiBody({ description: 'the credential (an OpenBadgeCredential as downloaded, or extracted from the PDF)', schema: JSON_OBJECT })
  @ApiResponse({ status: 200, type: CredentialVerificationDto })
  @ApiResponse({ status: 400, description: 'the body is not a JSON object' })
  @ApiResponse({ status: 429, description: 'too many verifications from this address; Retry-After says when to retry' })
  async verify(@Body() body: unknown, @Req() req: Request): Promise<CredentialVerificationDto> {
    await this.limiter.consume('verify', req.ip ?? 'unknown', VERIFY_IP_RULE, msg('errors.rateLimit.verifications'));
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new DomainError('invalid', msg('credentials.bodyNotObject'));
    return this.credentials.verify(body);
  }
}
