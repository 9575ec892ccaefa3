import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { localeFromAcceptLanguage } from '@kindling/domain';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { OrgRoles, PlatformRoles, SignedIn } from '../common/auth/policy.js';
import {
  AddMemberDto,
  AuditEventsQuery,
  AuditEventView,
  CertificateExpiryView,
  ChangeMemberRoleDto,
  CreateOrganizationDto,
  MemberAddedView,
  MemberRoleView,
  MemberView,
  OrganizationView,
  UpdateOrganizationDto,
} from './dto/organization.dto.js';
import { OrganizationsService } from './organizations.service.js';

const NOT_VISIBLE = 'no such organisation, or you are not its manager';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post()
  @PlatformRoles('admin')
  @ApiOperation({ summary: 'Create an organisation (admin)' })
  @ApiResponse({ status: 201, type: OrganizationView })
  @ApiResponse({ status: 400, description: 'invalid name, kind, country or default language' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.create(actor, dto);
  }

  @Get()
  @SignedIn()
  @ApiOperation({ summary: 'The organisations the caller belongs to (all of them for an admin)' })
  @ApiResponse({ status: 200, type: [OrganizationView] })
  @ApiResponse({ status: 401, description: 'not signed in' })
  list(@CurrentActor() actor: Actor): Promise<OrganizationView[]> {
    return this.organizations.list(actor);
  }

  @Patch(':orgId')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'Change an organisation’s name, country or default language (its managers, admin)',
    description: 'Members who never chose a language get a new default language; an explicit choice is kept. Recorded in the audit log.',
  })
  @ApiResponse({ status: 200, type: OrganizationView })
  @ApiResponse({ status: 400, description: 'invalid name, country or default language' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  update(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Body() dto: UpdateOrganizationDto): Promise<OrganizationView> {
    return this.organizations.update(actor, orgId, dto);
  }

  @Post(':orgId/members')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'Add a member by e-mail',
    description: 'An existing account joins with the role. With no account for the e-mail, one is created without a password and a single-use invitation (valid 7 days) is e-mailed: {invited:true}.',
  })
  @ApiResponse({ status: 201, type: MemberAddedView })
  @ApiResponse({ status: 400, description: 'invalid e-mail or role' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  @ApiResponse({ status: 409, description: 'already a member' })
  addMember(
    @CurrentActor() actor: Actor,
    @Param('orgId') orgId: string,
    @Body() dto: AddMemberDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<MemberAddedView> {
    return this.organizations.addMember(actor, orgId, dto, { acceptLanguage });
  }

  @Get(':orgId/members')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Members of the organisation (managers of it, admin)' })
  @ApiResponse({ status: 200, type: [MemberView] })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  listMembers(@Param('orgId') orgId: string): Promise<MemberView[]> {
    return this.organizations.listMembers(orgId);
  }

  @Patch(':orgId/members/:userId')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({ summary: 'Change a member’s role; recorded in the audit log' })
  @ApiResponse({ status: 200, type: MemberRoleView })
  @ApiResponse({ status: 400, description: 'invalid role or id' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: `${NOT_VISIBLE}, or not a member` })
  @ApiResponse({ status: 409, description: 'the last manager cannot be demoted' })
  changeRole(
    @CurrentActor() actor: Actor,
    @Param('orgId') orgId: string,
    @Param('userId', ParseUUIDPipe) userId: string,
    @Body() dto: ChangeMemberRoleDto,
  ): Promise<MemberRoleView> {
    return this.organizations.changeRole(actor, orgId, userId, dto.role);
  }

  @Delete(':orgId/members/:userId')
  @OrgRoles(['manager'], 'orgId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Remove a member; recorded in the audit log' })
  @ApiResponse({ status: 204, description: 'removed' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: `${NOT_VISIBLE}, or not a member` })
  @ApiResponse({ status: 409, description: 'the last manager cannot be removed' })
  async removeMember(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.organizations.removeMember(actor, orgId, userId);
  }

  @Post(':orgId/members/:userId/invitation')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'Send a pending member (invited, never signed in) a new invitation; recorded in the audit log',
    description: 'At most once a minute per member (429 with Retry-After). Earlier links stay valid until they expire.',
  })
  @ApiResponse({ status: 201, type: MemberAddedView })
  @ApiResponse({ status: 400, description: 'invalid id' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: `${NOT_VISIBLE}, or not a member` })
  @ApiResponse({ status: 409, description: 'the member has signed in already (nothing to re-send)' })
  @ApiResponse({ status: 429, description: 'invited less than a minute ago' })
  reinvite(@CurrentActor() actor: Actor, @Param('orgId') orgId: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<MemberAddedView> {
    return this.organizations.reinvite(actor, orgId, userId);
  }

  @Get(':orgId/certificate-expiry')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'Valid certificates expiring within 60 days and expired ones, per cohort and for the organisation (courses with a validity in months)',
  })
  @ApiResponse({ status: 200, type: CertificateExpiryView })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  certificateExpiry(@Param('orgId') orgId: string): Promise<CertificateExpiryView> {
    return this.organizations.certificateExpiry(orgId);
  }

  @Get(':orgId/audit-events')
  @OrgRoles(['manager'], 'orgId')
  @ApiOperation({
    summary: 'Audit trail of the organisation, newest first; page with ?before=<id>&limit=',
    description:
      'Each event reads as a sentence in the caller’s language (Accept-Language), with the names it refers to resolved when read ' +
      '(an erased person reads “erased person”). Filter with ?person=<user id>, ?type=<action or family>, ?from= and ?to= (days, inclusive); ' +
      '?format=csv exports the filtered log (up to 10,000 events; `;` separator for it/de/fr).',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiResponse({ status: 200, type: [AuditEventView] })
  @ApiResponse({ status: 400, description: 'invalid before, limit, person, type, from, to or format' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 404, description: NOT_VISIBLE })
  async auditEvents(
    @Param('orgId') orgId: string,
    @Query() query: AuditEventsQuery,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<AuditEventView[] | StreamableFile> {
    const locale = localeFromAcceptLanguage(acceptLanguage) ?? 'en';
    if (query.format === 'csv') {
      const csv = await this.organizations.auditCsv(orgId, query, locale);
      return new StreamableFile(Buffer.from(csv, 'utf8'), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      });
    }
    return this.organizations.auditEvents(orgId, query, locale);
  }
}
