import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Scoped } from '../common/auth/index.js';
import { scopeOf } from '../common/auth/access.service.js';
import { JobDto } from './dto/cohort.dto.js';
import { JobsService } from './jobs.service.js';

@ApiTags('jobs')
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get(':id')
  @Scoped('job', 'manager')
  @ApiOperation({ summary: 'A background job (bulk enrolment, pupil code sheet): status, progress and report' })
  @ApiResponse({ status: 200, type: JobDto })
  @ApiResponse({ status: 404, description: 'job not found in an organisation the caller manages' })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<JobDto> {
    return this.jobs.get(scopeOf(actor), id);
  }

  @Get(':id/result')
  @Scoped('job', 'manager')
  @ApiOperation({ summary: "The job's file (the pupils' code sheet PDF)" })
  @ApiProduces('application/pdf')
  @ApiResponse({ status: 200, description: 'the file', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 404, description: 'job not found in an organisation the caller manages' })
  @ApiResponse({ status: 409, description: 'the file is not ready yet' })
  async result(@Param('id') id: string, @CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    const file = await this.jobs.result(scopeOf(actor), id);
    res
      .status(200)
      .type(file.contentType)
      .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
      .setHeader('Cache-Control', 'private, no-store')
      .send(file.bytes);
  }
}
