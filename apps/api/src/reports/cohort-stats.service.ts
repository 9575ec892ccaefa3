import { Injectable } from '@nestjs/common';
import { isUuid, notFound } from '@kindling/common';
import { type ReportCohort, ReportsRepository } from '@kindling/db';
import type { Actor } from '../common/auth/actor.js';
import { AccessService } from '../common/auth/access.service.js';
import type { CohortFunnelDto, CohortSummaryDto, ReportReadQueryDto, ScoreDistributionDto } from './dto/reports.dto.js';
import { ReportReads } from './report-reads.js';

/** Dashboard aggregates: one statement each over the enrolment counters; withdrawn enrolments are left out. */
@Injectable()
export class CohortStatsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly access: AccessService,
    private readonly reads: ReportReads,
  ) {}

  async summary(actor: Actor, cohortId: string, query: ReportReadQueryDto = {}): Promise<CohortSummaryDto> {
    const cohort = await this.cohort(actor, cohortId);
    const r = await (await this.reads.reader('view', query)).summary(cohort.id, cohort.due_on);
    return {
      enrolled: r.enrolled,
      started: r.started,
      completed: r.completed,
      overdue: r.overdue,
      completionRate: r.enrolled === 0 ? 0 : Math.round((r.completed / r.enrolled) * 10_000) / 10_000,
      averageFinalScore: r.average_final_score,
    };
  }

  async funnel(actor: Actor, cohortId: string, query: ReportReadQueryDto = {}): Promise<CohortFunnelDto> {
    const cohort = await this.cohort(actor, cohortId);
    const r = await (await this.reads.reader('view', query)).funnel(cohort.id);
    return { enrolled: r.enrolled, started: r.started, preDone: r.pre_done, halfway: r.halfway, completed: r.completed, certified: r.certified };
  }

  /** Ten buckets of the best final-quiz score: [0,10), [10,20) … [90,100]. */
  async scoreDistribution(actor: Actor, cohortId: string, query: ReportReadQueryDto = {}): Promise<ScoreDistributionDto> {
    const cohort = await this.cohort(actor, cohortId);
    const rows = await (await this.reads.reader('view', query)).scoreBuckets(cohort.id);
    const counts = new Map(rows.map((r) => [r.bucket, r.n]));
    const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: counts.get(i) ?? 0 }));
    return { buckets, scored: rows.reduce((sum, r) => sum + r.n, 0) };
  }

  /** The cohort when the caller manages its organisation (or is an admin); else, and for a malformed id, 404. */
  private async cohort(actor: Actor, cohortId: string): Promise<ReportCohort> {
    const cohort = isUuid(cohortId) ? await this.reports.cohort(cohortId, this.access.scope(actor)) : null;
    if (!cohort) throw notFound('cohort');
    return cohort;
  }
}
