import { Injectable } from '@nestjs/common';
import type { ItemAnswer } from '@kindling/domain';
import { DataSource } from 'typeorm';
import { type AuditEventInput, recordAudit } from '../audit.js';
import { queryFirst, queryRows } from '../sql.js';
import type { Scope } from './access.repository.js';

/** A cohort as the reports need it: its organisation, due date and its course's published language and instrument. */
export interface ReportCohort {
  id: string;
  organization_id: string;
  course_id: string;
  name: string;
  due_on: string | null;
  locale: string;
  published_instrument_id: string | null;
}

export type ProgressSortKey = 'name' | 'progress' | 'score' | 'lastActivity' | 'status';

/** Which rows of the progress list, in which order (overdue: still active after the due date). */
export interface ProgressFilter {
  status?: 'active' | 'completed' | 'withdrawn' | 'overdue';
  q?: string;
  /** only these enrolments (a selection in the learners table) */
  ids?: string[];
  sort?: ProgressSortKey;
  order?: 'asc' | 'desc';
}

export interface ProgressRow {
  enrolment_id: string;
  user_id: string;
  name: string;
  email: string | null;
  status: string;
  progress_percent: number;
  lessons_completed: number;
  lessons_total: number;
  best_final_score: string | null;
  minutes: number;
  /** the enrolled version's minimum learning time (null: none) */
  minutes_required: number | null;
  completed_at: Date | null;
  certificate_number: string | null;
  overdue: boolean;
  last_activity_at: Date | null;
  pre_done: boolean;
  post_done: boolean;
  /** from the person's membership in the cohort's organisation */
  employee_number: string | null;
  unit: string | null;
  round: number;
  /** the enrolment's own due date (a renewal round's), ISO day */
  due_on: string | null;
}

export interface CohortTotalsRow {
  enrolled: number;
  started: number;
  completed: number;
  overdue: number;
  average_final_score: number | null;
}

export interface CohortFunnelRow {
  enrolled: number;
  started: number;
  pre_done: number;
  halfway: number;
  completed: number;
  certified: number;
}

export interface ScoreBucketRow {
  bucket: number;
  n: number;
}

export interface ImpactResponseRow {
  enrolment_id: string;
  user_id: string;
  phase: 'pre' | 'post';
  answers: ItemAnswer[];
}

const SORT_COLUMN: Record<ProgressSortKey, string> = {
  name: 'lower(u.name)',
  progress: 'e.progress_percent',
  score: 'e.best_final_score',
  lastActivity: 'e.last_activity_at',
  status: 'e.status',
};

/** "Began": a lesson or attempt (started_at), progress, or the pre self-assessment — all in ix_enrolments_cohort_status. */
const STARTED = `(e.started_at IS NOT NULL OR e.progress_percent > 0 OR e.pre_done)`;

/**
 * The cohort reports' reads (progress list, dashboard aggregates, impact responses). They read
 * the enrolment counters the learning side keeps, so a page costs the same at 100 or 100,000
 * learners. The SQL is tuned: bench/plans holds the plans of the progress page and the summary.
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The same reads on another data source: the one ReplicaRouter picked (the read replica or the
   * primary). Writes (recordExport) stay on the injected, primary instance — the replica's pool is
   * read-only, so a write sent there fails.
   */
  on(db: DataSource): ReportsRepository {
    return db === this.dataSource ? this : new ReportsRepository(db);
  }

  /**
   * The cohort, read only when the scope manages its organisation (or is an admin's): null for
   * anyone else. The scoping is in the query, not a check after loading.
   */
  async cohort(cohortId: string, scope: Scope): Promise<ReportCohort | null> {
    return queryFirst<ReportCohort>(
      this.dataSource,
      `SELECT c.id, c.organization_id, c.course_id, c.name, to_char(c.due_on, 'YYYY-MM-DD') AS due_on,
            coalesce(pv.locale, 'en') AS locale, pv.instrument_id AS published_instrument_id
       FROM cohorts c
       JOIN courses co ON co.id = c.course_id
       LEFT JOIN course_versions pv ON pv.id = co.published_version_id
      WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3)`,
      [cohortId, scope.managed, scope.admin],
    );
  }

  /** One page of the progress list. */
  async progressPage(cohort: ReportCohort, filter: ProgressFilter, limit: number, offset: number): Promise<ProgressRow[]> {
    const { sql, params } = progressSelect(cohort, filter);
    return queryRows<ProgressRow>(this.dataSource, `${sql} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limit, offset]);
  }

  /** The enrolment ids of every row of the progress list under `filter` (a bulk action on a filter), at most `limit`. */
  async progressIds(cohort: ReportCohort, filter: ProgressFilter, limit: number): Promise<string[]> {
    const { where, params } = progressWhere(cohort, filter);
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `SELECT e.id FROM enrolments e ${filter.q?.trim() ? 'JOIN users u ON u.id = e.user_id' : ''} WHERE ${where} AND $2::date IS NOT DISTINCT FROM $2::date ORDER BY e.id LIMIT $${params.length + 1}`,
      [...params, limit],
    );
    return rows.map((r) => r.id);
  }

  /** How many rows the progress list has under `filter`. */
  async progressCount(cohort: ReportCohort, filter: ProgressFilter): Promise<number> {
    const { where, params } = progressWhere(cohort, filter);
    const row = await queryFirst<{ n: number }>(
      this.dataSource,
      `SELECT count(*)::int AS n, $2::date AS due_on FROM enrolments e ${filter.q?.trim() ? 'JOIN users u ON u.id = e.user_id' : ''} WHERE ${where}`,
      params,
    );
    return row?.n ?? 0;
  }

  /**
   * Every row of the progress list, in chunks, read through one server-side cursor: the rows are
   * sorted once, however many there are, and memory stays at one chunk. The cursor is closed
   * when the reader stops (the generator's finally), also when it stops early.
   */
  async *progressChunks(cohort: ReportCohort, filter: ProgressFilter, chunkSize: number): AsyncGenerator<ProgressRow[]> {
    const { sql, params } = progressSelect(cohort, filter);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let open = false;
    try {
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      open = true;
      await runner.query(`DECLARE progress_export NO SCROLL CURSOR FOR ${sql}`, params);
      for (;;) {
        const rows = (await runner.query(`FETCH ${chunkSize} FROM progress_export`)) as ProgressRow[];
        if (rows.length > 0) yield rows;
        if (rows.length < chunkSize) break;
      }
      await runner.query('COMMIT');
      open = false;
    } finally {
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  /** Cohort totals over active and completed enrolments; overdue needs the cohort's due date. */
  async summary(cohortId: string, dueOn: string | null): Promise<CohortTotalsRow> {
    const row = await queryFirst<CohortTotalsRow>(
      this.dataSource,
      `SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE ${STARTED})::int AS started,
              count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE e.status = 'active' AND coalesce(e.due_on, $2::date) < current_date)::int AS overdue,
              round(avg(e.best_final_score), 2)::float8 AS average_final_score
         FROM enrolments e
        WHERE e.cohort_id = $1 AND e.status IN ('active', 'completed') AND e.superseded_at IS NULL`,
      [cohortId, dueOn],
    );
    return row!;
  }

  async funnel(cohortId: string): Promise<CohortFunnelRow> {
    const row = await queryFirst<CohortFunnelRow>(
      this.dataSource,
      `SELECT count(*)::int AS enrolled,
              count(*) FILTER (WHERE ${STARTED})::int AS started,
              count(*) FILTER (WHERE e.pre_done)::int AS pre_done,
              count(*) FILTER (WHERE e.progress_percent >= 50)::int AS halfway,
              count(*) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(cert.id) FILTER (WHERE cert.status = 'valid')::int AS certified
         FROM enrolments e
         LEFT JOIN certificates cert ON cert.enrolment_id = e.id
        WHERE e.cohort_id = $1 AND e.status IN ('active', 'completed') AND e.superseded_at IS NULL`,
      [cohortId],
    );
    return row!;
  }

  /** Counts per bucket (0–9) of the best final-quiz score; empty buckets have no row. */
  async scoreBuckets(cohortId: string): Promise<ScoreBucketRow[]> {
    return queryRows<ScoreBucketRow>(
      this.dataSource,
      `SELECT LEAST(floor(e.best_final_score / 10), 9)::int AS bucket, count(*)::int AS n
         FROM enrolments e
        WHERE e.cohort_id = $1 AND e.status IN ('active', 'completed') AND e.superseded_at IS NULL AND e.best_final_score IS NOT NULL
        GROUP BY 1`,
      [cohortId],
    );
  }

  /** The instrument most of the cohort's responses use (latest response breaks ties); null without responses. */
  async mostAnsweredInstrument(cohortId: string): Promise<string | null> {
    const top = await queryFirst<{ instrument_id: string }>(
      this.dataSource,
      `SELECT r.instrument_id FROM self_assessment_responses r JOIN enrolments e ON e.id = r.enrolment_id
          WHERE e.cohort_id = $1 AND e.status <> 'withdrawn'
          GROUP BY r.instrument_id ORDER BY count(*) DESC, max(r.submitted_at) DESC LIMIT 1`,
      [cohortId],
    );
    return top?.instrument_id ?? null;
  }

  /** The cohort's responses to one instrument (withdrawn enrolments left out). */
  async impactResponses(cohortId: string, instrumentId: string): Promise<ImpactResponseRow[]> {
    return queryRows<ImpactResponseRow>(
      this.dataSource,
      `SELECT r.enrolment_id, e.user_id, r.phase, r.answers FROM self_assessment_responses r JOIN enrolments e ON e.id = r.enrolment_id
        WHERE e.cohort_id = $1 AND e.status <> 'withdrawn' AND r.instrument_id = $2`,
      [cohortId, instrumentId],
    );
  }

  /** Records an export's audit event (before the file is streamed). */
  async recordExport(event: AuditEventInput): Promise<void> {
    await recordAudit(this.dataSource.manager, event);
  }
}

function progressWhere(cohort: ReportCohort, filter: ProgressFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [cohort.id, cohort.due_on];
  // Each person once, by their newest round: a round superseded by a renewal round is left out.
  const where = ['e.cohort_id = $1', 'e.superseded_at IS NULL'];
  if (filter.status === 'overdue') where.push(`e.status = 'active' AND coalesce(e.due_on, $2::date) < current_date`);
  else if (filter.status) {
    params.push(filter.status);
    where.push(`e.status = $${params.length}`);
  }
  const q = filter.q?.trim();
  if (q) {
    params.push(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(u.name ILIKE $${params.length} OR u.email ILIKE $${params.length} OR u.username ILIKE $${params.length}` +
        ` OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = e.user_id AND m.organization_id = e.organization_id` +
        ` AND (m.employee_number ILIKE $${params.length} OR m.unit ILIKE $${params.length})))`,
    );
  }
  if (filter.ids) {
    params.push(filter.ids);
    where.push(`e.id = ANY($${params.length}::uuid[])`);
  }
  return { where: where.join(' AND '), params };
}

/** The sorted, filtered row query without LIMIT; ties are broken by enrolment id. */
function progressSelect(cohort: ReportCohort, filter: ProgressFilter): { sql: string; params: unknown[] } {
  const { where, params } = progressWhere(cohort, filter);
  const direction = filter.order === 'desc' ? 'DESC' : 'ASC';
  // asc: nulls first, desc: nulls last — the order the sort indexes hold (scanned either way).
  const nulls = direction === 'DESC' ? 'NULLS LAST' : 'NULLS FIRST';
  const sort = SORT_COLUMN[filter.sort ?? 'name'];
  return {
    sql: `SELECT e.id AS enrolment_id, e.user_id, u.name, coalesce(u.email, u.username) AS email, e.status,
              e.progress_percent, e.lessons_completed, e.lessons_total, e.best_final_score,
              (e.learning_seconds / 60) AS minutes,
              (SELECT v.min_minutes FROM course_versions v WHERE v.id = e.course_version_id) AS minutes_required,
              e.completed_at, cert.number AS certificate_number,
              (e.status = 'active' AND coalesce(e.due_on, $2::date) IS NOT NULL AND coalesce(e.due_on, $2::date) < current_date) AS overdue,
              e.last_activity_at, e.pre_done, e.post_done,
              mb.employee_number, mb.unit, e.round, to_char(e.due_on, 'YYYY-MM-DD') AS due_on
         FROM enrolments e
         JOIN users u ON u.id = e.user_id
         LEFT JOIN certificates cert ON cert.enrolment_id = e.id
         LEFT JOIN memberships mb ON mb.user_id = e.user_id AND mb.organization_id = e.organization_id
        WHERE ${where}
        ORDER BY ${sort} ${direction} ${nulls}, e.id ${direction}`,
    params,
  };
}
