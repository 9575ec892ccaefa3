import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { PlatformRoles, SignedIn } from '../common/auth/policy.js';
import { ErasureView, PeoplePage, PeopleQuery, PersonDetailView } from './dto/people.dto.js';
import { PeopleService } from './people.service.js';

@ApiTags('users')
@Controller()
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Get('users')
  @PlatformRoles('admin')
  @ApiOperation({ summary: 'Find people by name, e-mail or username (admin), by name, paged with ?page=&pageSize=' })
  @ApiResponse({ status: 200, type: PeoplePage })
  @ApiResponse({ status: 400, description: 'invalid q, page or pageSize' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  search(@Query() query: PeopleQuery): Promise<PeoplePage> {
    return this.people.search(query.q, query.page, query.pageSize);
  }

  @Get('users/:id')
  @PlatformRoles('admin')
  @ApiOperation({ summary: 'One person with memberships, enrolments and certificates (admin)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: PersonDetailView })
  @ApiResponse({ status: 400, description: 'invalid id' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  @ApiResponse({ status: 404, description: 'no such person' })
  detail(@Param('id', ParseUUIDPipe) id: string): Promise<PersonDetailView> {
    return this.people.detail(id);
  }

  @Post('users/:id/erasure')
  @HttpCode(200)
  @PlatformRoles('admin')
  @ApiOperation({
    summary: 'Erase a person’s data (admin; GDPR art. 17 / FADP art. 32)',
    description:
      'Name, e-mail, username, credentials, roles and memberships are removed; enrolments stay without a name for the cohorts’ statistics; ' +
      'certificates stay verifiable and show “holder’s data erased”; their stored PDFs and signed credentials are deleted. Recorded in the audit log by ids only. ' +
      'Erasing an erased person again changes nothing (erased: false). See SECURITY.md.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiResponse({ status: 200, type: ErasureView })
  @ApiResponse({ status: 400, description: 'invalid id' })
  @ApiResponse({ status: 401, description: 'not signed in' })
  @ApiResponse({ status: 403, description: 'not an admin' })
  @ApiResponse({ status: 404, description: 'no such person' })
  @ApiResponse({ status: 409, description: 'an admin cannot erase themselves' })
  erase(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ErasureView> {
    return this.people.erase(actor, id);
  }

  @Get('me/export')
  @SignedIn()
  @ApiOperation({
    summary: 'Everything Kindling holds about the caller, as one ZIP archive (GDPR art. 15 / FADP art. 25)',
    description: 'kindling-data.json (account, memberships, enrolments, progress, answers, certificates, activity), README.txt and certificates/<number>.pdf.',
  })
  @ApiProduces('application/zip')
  @ApiResponse({ status: 200, description: 'application/zip', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 401, description: 'not signed in' })
  async export(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const file = await this.people.export(actor);
    res
      .status(200)
      .set({
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${file.filename}"`,
        'Content-Length': String(file.bytes.length),
        'Cache-Control': 'private, no-store',
      })
      .end(file.bytes);
  }
}
