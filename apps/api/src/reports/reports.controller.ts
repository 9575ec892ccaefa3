import { Controller, Get, Headers, Param, Query, StreamableFile } from '@nestjs/common';
import { localeFromAcceptLanguage } from '@kindling/domain';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../common/auth/actor.js';
import { CurrentActor } from '../common/auth/current-actor.decorator.js';
import { Scoped } from '../common/auth/policy.js';
import { CohortStatsService } from './cohort-stats.service.js';
import {
  CohortFunnelDto, CohortImpactDto, CohortSummaryDto, ImpactQueryDto, ProgressPageDto, ProgressQueryDto, ReportReadQueryDto,
  ScoreDistributionDto,
} from './dto/reports.dto.js';
import { ImpactReportService } from './impact-report.service.js';
import { ProgressReportService } from './progress-report.service.js';

const NOT_VISIBLE = { status: 404, description: 'no such cohort, or the caller does not manage its organisation' };

@ApiTags('reports')
@Controller('cohorts/:id')
export class ReportsController {
  constructor(
    private readonly progress: ProgressReportService,
    private readonly stats: CohortStatsService,
    private readonly impactReport: ImpactReportService,
  ) {}

  @Get('progress')
  @Scoped('cohort', 'manager', 'id')
  @ApiOperation({
    summary: 'Progress of every learner in the cohort',
    description:
      'JSON: one page `{rows, total, page, pageSize}` (default page 1, pageSize 100, at most 500), sorted and filtered ' +
      'server-side. `format=csv` or `format=xlsx`: every matching row as a download (recorded in the audit log as ' +
      '`report.exported`); wherever a spreadsheet could start a cell in a text (its start, or after `,` `;` or a line ' +
      'break, so in a `,` or a `;` locale) and read a formula (= + - @ tab CR, also after blanks), an apostrophe is put first.',
  })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiResponse({ status: 200, type: ProgressPageDto })
  @ApiResponse({ status: 400, description: 'a bad paging, sorting, filter or format parameter (named)' })
  @ApiResponse(NOT_VISIBLE)
  progressReport(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: ProgressQueryDto,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<ProgressPageDto | StreamableFile> {
    const locale = localeFromAcceptLanguage(acceptLanguage) ?? 'en';
    if (query.format === 'csv') return this.progress.csv(actor, id, query, locale);
    if (query.format === 'xlsx') return this.progress.xlsx(actor, id, query, locale);
    return this.progress.page(actor, id, query);
  }

  @Get('overdue')
  @Scoped('cohort', 'manager', 'id')
  @ApiOperation({ summary: 'Learners still active after the cohort’s due date (same paging as progress; default sort lastActivity)' })
  @ApiResponse({ status: 200, type: ProgressPageDto })
  @ApiResponse(NOT_VISIBLE)
  overdue(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ProgressQueryDto): Promise<ProgressPageDto> {
    return this.progress.overdue(actor, id, { ...query, format: 'json' });
  }

  @Get('summary')
  @Scoped('cohort', 'manager', 'id')
  @ApiOperation({ summary: 'Cohort totals (withdrawn enrolments excluded)' })
  @ApiResponse({ status: 200, type: CohortSummaryDto })
  @ApiResponse(NOT_VISIBLE)
  summary(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ReportReadQueryDto): Promise<CohortSummaryDto> {
    return this.stats.summary(actor, id, query);
  }

  @Get('funnel')
  @Scoped('cohort', 'manager', 'id')
  @ApiOperation({ summary: 'Completion funnel: enrolled → started → pre done → halfway → completed → certified' })
  @ApiResponse({ status: 200, type: CohortFunnelDto })
  @ApiResponse(NOT_VISIBLE)
  funnel(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ReportReadQueryDto): Promise<CohortFunnelDto> {
    return this.stats.funnel(actor, id, query);
  }

  @Get('score-distribution')
  @Scoped('cohort', 'manager', 'id')
  @ApiOperation({ summary: 'Ten buckets of the best final-quiz score' })
  @ApiResponse({ status: 200, type: ScoreDistributionDto })
  @ApiResponse(NOT_VISIBLE)
  scoreDistribution(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ReportReadQueryDto): Promise<ScoreDistributionDto> {
    return this.stats.scoreDistribution(actor, id, query);
  }

  @Get('impact')
  @Scoped('cohort', 'manager', 'id')
  @ApiOperation({
    summary: 'Pre/post change per scale and overall, with its uncertainty',
    description:
      'For each scale and "total": paired responses, pre and post means, mean change, 95% t-interval of the change and ' +
      'effect size dz. With fewer than 5 pairs only counts are given; `withheld` and `rules` say which rule withheld what.',
  })
  @ApiResponse({ status: 200, type: CohortImpactDto })
  @ApiResponse({ status: 404, description: 'cohort not visible, or its course has no self-assessment' })
  impact(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ImpactQueryDto): Promise<CohortImpactDto> {
    return this.impactReport.impact(actor, id, query);
  }

  @Get('impact/export')
  @Scoped('cohort', 'manager', 'id')
  @ApiOperation({
    summary: 'Research export: pseudonymous per-learner pre and post scale scores (CSV)',
    description:
      'One row per learner who answered; no names, no ids. The pseudonym is an HMAC with the server secret ' +
      '(PSEUDONYM_SECRET): stable within the cohort, unrelated across cohorts, not computable from any id. A scale the ' +
      'aggregate withholds (fewer than 5 pairs) has no values, and a learner with no value left has no row. Recorded in ' +
      'the audit log as `report.exported`.',
  })
  @ApiProduces('text/csv')
  @ApiResponse({ status: 200, description: 'text/csv', schema: { type: 'string', format: 'binary' } })
  @ApiResponse({ status: 404, description: 'cohort not visible, or its course has no self-assessment' })
  impactExport(@CurrentActor() actor: Actor, @Param('id') id: string, @Query() query: ImpactQueryDto): Promise<StreamableFile> {
    return this.impactReport.export(actor, id, query);
  }
}
