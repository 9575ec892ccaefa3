import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { reportCohort } from './cohort-scope.js';
import type { CohortFunnelDto, CohortSummaryDto, ScoreDistributionDto } from './dto/reports.dto.js';

/** "Began": a lesson or attempt (started_at), progress, or the pre self-assessment — all in ix_enrolments_cohort_status. */
const STARTED = `(e.started_at IS NOT NULL OR e.progress_percent > 0 OR e.pre_done)`;

/** Dashboard aggregates: one statement each over the enrolment counters; withdrawn enrolments are left out. */
@Injectable()
export class CohortStatsService {
  constructor(private readonly db: DataSource) {}

  async summary(actor: Actor, cohortId: string): Promise<CohortSummaryDto> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE ${STARTED})::int AS started,
              count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE e.status = 'active' AND $2::date IS NOT NULL AND $2::date < current_date)::int AS overdue,
              round(avg(e.best_final_score), 2)::float8 AS average_final_score
         FROM enrolments e
        WHERE e.cohort_id = $1 AND e.status IN ('active', 'completed')`,
      [cohort.id, cohort.due_on],
    )) as { enrolled: number; started: number; completed: number; overdue: number; average_final_score: number | null }[];
    const r = row!;
    return {
      enrolled: r.enrolled,
      started: r.started,
      completed: r.completed,
      overdue: r.overdue,
      completionRate: r.enrolled === 0 ? 0 : Math.round((r.completed / r.enrolled) * 10_000) / 10_000,
      averageFinalScore: r.average_final_score,
    };
  }

  async funnel(actor: Actor, cohortId: string): Promise<CohortFunnelDto> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    const [row] = (await this.db.query(
      `SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE ${STARTED})::int AS started,
              count(*) FILTER (WHERE e.pre_done)::int AS pre_done,
              count(*) FILTER (WHERE e.progress_percent >= 50)::int AS halfway,
              count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(cert.id) FILTER (WHERE cert.status = 'valid')::int AS certified
         FROM enrolments e
         LEFT JOIN certificates cert ON cert.enrolment_id = e.id
        WHERE e.cohort_id = $1 AND e.status IN ('active', 'completed')`,
      [cohort.id],
    )) as { enrolled: number; started: number; pre_done: number; halfway: number; completed: number; certified: number }[];
    const r = row!;
    return { enrolled: r.enrolled, started: r.started, preDone: r.pre_done, halfway: r.halfway, completed: r.completed, certified: r.certified };
  }

  /** Ten buckets of the best final-quiz score: [0,10), [10,20) … [90,100]. */
  async scoreDistribution(actor: Actor, cohortId: string): Promise<ScoreDistributionDto> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    const rows = (await this.db.query(
      `SELECT LEAST(floor(e.best_final_score / 10), 9)::int AS bucket, count(*)::int AS n
         FROM enrolments e
        WHERE e.cohort_id = $1 AND e.status IN ('active', 'completed') AND e.best_final_score IS NOT NULL
        GROUP BY 1`,
      [cohort.id],
    )) as { bucket: number; n: number }[];
    const counts = new Map(rows.map((r) => [r.bucket, r.n]));
    const buckets = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i * 10 + 10, count: counts.get(i) ?? 0 }));
    return { buckets, scored: rows.reduce((sum, r) => sum + r.n, 0) };
  }
}
