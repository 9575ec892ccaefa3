import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst } from '../sql.js';
import type { Scope } from './access.repository.js';

export type JobKind = 'bulk-enrolment' | 'pupil-code-sheet';

/** A job as its follower sees it (GET /api/jobs/:id). */
export interface JobRow {
  id: string;
  kind: string;
  status: string;
  total: number;
  processed: number;
  report: unknown;
  error: string | null;
  result_key: string | null;
  created_at: Date;
  finished_at: Date | null;
}

/** A job's result file, if it has one yet. */
export interface JobResultRow {
  result_key: string | null;
  content_type: string | null;
  bytes: Buffer | null;
}

/** A bulk-enrolment job as the worker runs it; `input` and `report` are the JSON the API and earlier batches wrote. */
export interface BulkEnrolmentJobRow<Input, Report> {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  processed: number;
  created_by: string | null;
  input: Input | null;
  report: Report | null;
}

/** A pupil-code-sheet job with what the sheet prints (the cohort and organisation names, the course's locale). */
export interface CodeSheetJobRow<Input> {
  id: string;
  result_key: string | null;
  input: Input | null;
  cohort_name: string | null;
  organization_name: string | null;
  locale: string | null;
}

type Db = EntityManager | DataSource;

/**
 * The SQL of background jobs a manager waits for (bulk enrolment, pupils' code sheets): the API
 * creates and reads them, the worker advances them. The outbox row that queues a job is written
 * by the caller with `writeOutbox` in the same transaction as `insert`.
 */
@Injectable()
export class JobsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A queued job; `input` is stored as JSON. */
  async insert(kind: JobKind, organizationId: string, createdBy: string, total: number, input: unknown, db: Db = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO jobs (kind, organization_id, created_by, total, input) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [kind, organizationId, createdBy, total, JSON.stringify(input)],
    );
    return row!.id;
  }

  /** The job if the caller manages its organisation (admin: any). */
  async findVisible(jobId: string, scope: Pick<Scope, 'managed' | 'admin'>): Promise<JobRow | null> {
    return queryFirst<JobRow>(
      this.dataSource,
      `SELECT id, kind, status, total, processed, report, error, result_key, created_at, finished_at FROM jobs
        WHERE id = $1 AND (organization_id = ANY($2::uuid[]) OR $3::boolean)`,
      [jobId, scope.managed, scope.admin],
    );
  }

  /** The job's result file (null columns until it exists) if the caller manages its organisation (admin: any). */
  async findVisibleResult(jobId: string, scope: Pick<Scope, 'managed' | 'admin'>): Promise<JobResultRow | null> {
    return queryFirst<JobResultRow>(
      this.dataSource,
      `SELECT j.result_key, f.content_type, f.bytes FROM jobs j LEFT JOIN stored_files f ON f.key = j.result_key
        WHERE j.id = $1 AND (j.organization_id = ANY($2::uuid[]) OR $3::boolean)`,
      [jobId, scope.managed, scope.admin],
    );
  }

  // ── Worker: bulk enrolment ───────────────────────────────────────────────────────────────

  async findBulkEnrolment<Input, Report>(jobId: string): Promise<BulkEnrolmentJobRow<Input, Report> | null> {
    return queryFirst<BulkEnrolmentJobRow<Input, Report>>(
      this.dataSource,
      `SELECT id, status, processed, created_by, input, report FROM jobs WHERE id = $1 AND kind = 'bulk-enrolment'`,
      [jobId],
    );
  }

  /** queued → running, with a first report unless one exists (a resumed job keeps its own). */
  async startBulkEnrolment(jobId: string, initialReport: unknown): Promise<void> {
    await this.dataSource.query(`UPDATE jobs SET status = 'running', report = coalesce(report, $2) WHERE id = $1 AND status = 'queued'`, [
      jobId,
      JSON.stringify(initialReport),
    ]);
  }

  /** Locks the job's progress for one batch (call in the batch's transaction). */
  async lockProgress<Report>(jobId: string, db: Db): Promise<{ processed: number; report: Report } | null> {
    return queryFirst<{ processed: number; report: Report }>(db, `SELECT processed, report FROM jobs WHERE id = $1 FOR UPDATE`, [jobId]);
  }

  /** Records a committed batch (in the batch's transaction). */
  async saveProgress(jobId: string, processed: number, report: unknown, db: Db): Promise<void> {
    await db.query(`UPDATE jobs SET processed = $2, report = $3 WHERE id = $1`, [jobId, processed, JSON.stringify(report)]);
  }

  /** Done: the input (the uploaded lines) is dropped. */
  async finishBulkEnrolment(jobId: string): Promise<void> {
    await this.dataSource.query(`UPDATE jobs SET status = 'done', finished_at = now(), input = NULL WHERE id = $1 AND status <> 'done'`, [jobId]);
  }

  /** Failed with a message; answers how many lines were processed before (null for an unknown job). */
  async fail(jobId: string, error: string): Promise<number | null> {
    const row = await queryFirst<{ processed: number }>(
      this.dataSource,
      `UPDATE jobs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 RETURNING processed`,
      [jobId, error],
    );
    return row?.processed ?? null;
  }

  // ── Worker: pupils' code sheet ───────────────────────────────────────────────────────────

  async findCodeSheet<Input>(jobId: string): Promise<CodeSheetJobRow<Input> | null> {
    return queryFirst<CodeSheetJobRow<Input>>(
      this.dataSource,
      `SELECT j.id, j.result_key, j.input, c.name AS cohort_name, o.name AS organization_name, v.locale
         FROM jobs j
         LEFT JOIN cohorts c ON c.id = (j.input->>'cohortId')::uuid
         LEFT JOIN organizations o ON o.id = c.organization_id
         LEFT JOIN courses co ON co.id = c.course_id
         LEFT JOIN course_versions v ON v.id = co.published_version_id
        WHERE j.id = $1 AND j.kind = 'pupil-code-sheet'`,
      [jobId],
    );
  }

  /** Failed because the cohort or the codes are gone; any plaintext codes are erased. */
  async failCodeSheet(jobId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET status = 'failed', error = 'the cohort or the codes are gone', finished_at = now(), input = input - 'pupils' WHERE id = $1`,
      [jobId],
    );
  }

  async markRunning(jobId: string): Promise<void> {
    await this.dataSource.query(`UPDATE jobs SET status = 'running' WHERE id = $1 AND status = 'queued'`, [jobId]);
  }

  /**
   * Stores the sheet and finishes the job, erasing the plaintext codes from its input. Run both
   * in one transaction (`db`): after it the codes exist only on paper (and as hashes).
   */
  async storeCodeSheet(jobId: string, key: string, pdf: Buffer, db: Db): Promise<void> {
    await db.query(
      `INSERT INTO stored_files (key, content_type, bytes) VALUES ($1, 'application/pdf', $2)
       ON CONFLICT (key) DO UPDATE SET bytes = EXCLUDED.bytes`,
      [key, pdf],
    );
    await db.query(
      `UPDATE jobs SET result_key = $2, status = 'done', processed = total, finished_at = now(), input = input - 'pupils' WHERE id = $1`,
      [jobId, key],
    );
  }
}
