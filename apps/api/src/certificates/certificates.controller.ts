import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { OrgRoles, Scoped, SignedIn } from '../common/auth/policy.js';
import { CertificatesService } from './certificates.service.js';
import { CertificateSearchQueryDto, ReissueCertificateDto, RevokeCertificateDto } from './dto/certificate-requests.dto.js';
import { CertificatePageDto, CertificateSummaryDto, ReissueAcceptedDto } from './dto/certificate-responses.dto.js';

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Get('me/certificates')
  @SignedIn()
  @ApiOperation({ summary: "The caller's certificates, newest first (valid and revoked)" })
  @ApiResponse({ status: 200, type: [CertificateSummaryDto] })
  @ApiResponse({ status: 401, description: 'not signed in' })
  mine(@CurrentActor() actor: Actor): Promise<CertificateSummaryDto[]> {
    return this.certificates.mine(actor);
  }

  @Get('certificates/:id/pdf')
  @Scoped('certificate', 'learner-or-manager', 'id')
  @ApiOperation({
    summary: 'Download the current PDF (holder, managers of its organisation, admin); a download by staff is an audit event',
    description:
      'After revocation the holder gets 410 Gone naming the date and reason; managers and admins still get the file as the record, ' +
      'with the header X-Certificate-Status: revoked. Every answer carries X-Certificate-SHA256.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'application/pdf', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'no such certificate, or not the caller’s to see' })
  @ApiResponse({ status: 410, description: 'the certificate was revoked (holder only)' })
  async pdf(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const file = await this.certificates.pdf(actor, id);
    res
      .status(200)
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Content-Length': String(file.bytes.length),
        'Cache-Control': 'private, no-store',
        'X-Certificate-Status': file.status,
        'X-Certificate-SHA256': file.sha256,
      })
      .end(file.bytes);
  }

  @Post('certificates/:id/revocation')
  @HttpCode(200)
  @Scoped('certificate', 'manager', 'id')
  @ApiOperation({ summary: 'Revoke with a reason (manager of the organisation, admin); the certificate stays as a record' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: CertificateSummaryDto })
  @ApiResponse({ status: 400, description: 'reason missing or too short/long' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'no such certificate, or not the caller’s to manage' })
  @ApiResponse({ status: 409, description: 'already revoked' })
  revoke(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: RevokeCertificateDto): Promise<CertificateSummaryDto> {
    return this.certificates.revoke(actor, id, body.reason);
  }

  @Post('certificates/:id/reissue')
  @HttpCode(202)
  @Scoped('certificate', 'manager', 'id')
  @ApiOperation({
    summary: "Re-issue after a name correction (manager, admin): the holder's approved certificate name, same number, new PDF version and code",
    description:
      "The name printed is read from the database (the holder's certificate name, approved by a manager when it changed after enrolment " +
      'in an accredited course); the body gives only the reason. The old document verifies as superseded. Audited. ' +
      'The new version keeps the branding captured at first issue unless `useCurrentBranding` is true (then a re-issue is allowed even without a name change).',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 202, type: ReissueAcceptedDto, description: 'accepted; the worker renders the new version' })
  @ApiResponse({ status: 400, description: 'reason missing or invalid, or an unknown field (such as a holderName) sent' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'no such certificate, or not the caller’s to manage' })
  @ApiResponse({
    status: 409,
    description:
      'revoked; a re-issue already pending; a name change still waiting for approval; or the certificate already carries the approved name (and useCurrentBranding is not set)',
  })
  reissue(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ReissueCertificateDto): Promise<ReissueAcceptedDto> {
    return this.certificates.requestReissue(actor, id, body.reason, body.useCurrentBranding ?? false);
  }

  @Get('organizations/:orgId/certificates')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: "Find the organisation's certificates by number or holder name (manager, admin), paged" })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiResponse({ status: 200, type: CertificatePageDto })
  @ApiResponse({ status: 400, description: 'bad paging or query parameters' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'organisation not found (or not managed by the caller)' })
  search(@Param('orgId') orgId: string, @Query() query: CertificateSearchQueryDto): Promise<CertificatePageDto> {
    return this.certificates.search(orgId, query.q, query.page ?? 1, query.pageSize ?? 50);
  }
}
