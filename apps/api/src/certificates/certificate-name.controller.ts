import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { OrgRoles, SignedIn } from '../common/auth/policy.js';
import { CertificateNameService } from './certificate-name.service.js';
import {
  CertificateNameRequestDto,
  CertificateNameRequestQueryDto,
  CertificateNameView,
  RejectCertificateNameDto,
  SetCertificateNameDto,
} from './dto/certificate-name.dto.js';
import { msg, DomainError } from '@kindling/common';

const REQUEST_ID = new ParseUUIDPipe({ exceptionFactory: () => new DomainError('invalid', msg('validation.uuid', { field: 'requestId' })) });

@ApiTags('certificates')
@Controller()
export class CertificateNameController {
  constructor(private readonly names: CertificateNameService) {}

  @Get('me/certificate-name')
  @SignedIn()
  @ApiOperation({ summary: 'Your legal name for certificates, whether a change needs approval, and any pending request' })
  @ApiResponse({ status: 200, type: CertificateNameView })
  @ApiResponse({ status: 401, description: 'not signed in' })
  mine(@CurrentActor() actor: Actor): Promise<CertificateNameView> {
    return this.names.view(actor.userId);
  }

  @Put('me/certificate-name')
  @SignedIn()
  @ApiOperation({
    summary: 'Set your legal name for certificates',
    description:
      'Applied at once while you are not enrolled in an accredited course. Afterwards it becomes a request (pendingRequest) that a manager ' +
      'of an organisation you are enrolled through approves or rejects; a new request replaces a pending one. Audited.',
  })
  @ApiResponse({ status: 200, type: CertificateNameView })
  @ApiResponse({ status: 400, description: 'certificateName missing, empty, too long or with control characters' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'the e-mail address of the account is not confirmed yet' })
  @ApiResponse({ status: 409, description: 'that is already your certificate name' })
  set(@CurrentActor() actor: Actor, @Body() body: SetCertificateNameDto): Promise<CertificateNameView> {
    return this.names.set(actor, body.certificateName);
  }

  @Delete('me/certificate-name/request')
  @SignedIn()
  @ApiOperation({ summary: 'Withdraw your pending certificate-name request' })
  @ApiResponse({ status: 200, type: CertificateNameView })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'no pending request' })
  withdraw(@CurrentActor() actor: Actor): Promise<CertificateNameView> {
    return this.names.withdraw(actor);
  }

  @Get('organizations/:orgId/certificate-name-requests')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Certificate-name requests of learners enrolled through the organisation in an accredited course (manager, admin)' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiResponse({ status: 200, type: [CertificateNameRequestDto] })
  @ApiResponse({ status: 400, description: 'unknown status' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: 'organisation not found (or not managed by the caller)' })
  list(@Param('orgId') orgId: string, @Query() query: CertificateNameRequestQueryDto): Promise<CertificateNameRequestDto[]> {
    return this.names.list(orgId, query.status ?? 'pending');
  }

  @Post('organizations/:orgId/certificate-name-requests/:requestId/approval')
  @HttpCode(200)
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'Approve a certificate-name request (manager, admin); audited. Existing certificates are then re-issued with POST /api/certificates/:id/reissue',
  })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'requestId', format: 'uuid' })
  @ApiResponse({ status: 200, type: CertificateNameRequestDto })
  @ApiResponse({ status: 400, description: 'requestId is not a UUID' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'a manager cannot decide on their own request' })
  @ApiResponse({ status: 404, description: 'no such request for a learner of this organisation' })
  @ApiResponse({ status: 409, description: 'the request was already decided or withdrawn' })
  approve(
    @CurrentActor() actor: Actor,
    @Param('orgId') orgId: string,
    @Param('requestId', REQUEST_ID) requestId: string,
  ): Promise<CertificateNameRequestDto> {
    return this.names.decide(actor, orgId, requestId, 'approved');
  }

  @Post('organizations/:orgId/certificate-name-requests/:requestId/rejection')
  @HttpCode(200)
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Reject a certificate-name request with an optional note (manager, admin); audited' })
  @ApiParam({ name: 'orgId', format: 'uuid' })
  @ApiParam({ name: 'requestId', format: 'uuid' })
  @ApiResponse({ status: 200, type: CertificateNameRequestDto })
  @ApiResponse({ status: 400, description: 'requestId is not a UUID, or the note is invalid' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'a manager cannot decide on their own request' })
  @ApiResponse({ status: 404, description: 'no such request for a learner of this organisation' })
  @ApiResponse({ status: 409, description: 'the request was already decided or withdrawn' })
  reject(
    @CurrentActor() actor: Actor,
    @Param('orgId') orgId: string,
    @Param('requestId', REQUEST_ID) requestId: string,
    @Body() body: RejectCertificateNameDto,
  ): Promise<CertificateNameRequestDto> {
    return this.names.decide(actor, orgId, requestId, 'rejected', body.note);
  }
}
