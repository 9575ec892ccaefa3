import { Injectable } from '@nestjs/common';
import { recordAudit, writeOutbox } from '@kindling/db';
import { JobName } from '@kindling/queue';
import { DataSource, type EntityManager } from 'typeorm';
import { invalid, notFound } from '@kindling/common';
import { PupilCredentials } from '../identity/pupil-credentials.js';
import { isUuid } from '@kindling/common';
import type { Scope } from '../common/auth/access.service.js';
import {
  BulkEnroller,
  type CohortRef,
  type EnrolmentReport,
  enrolUsers,
  type LearnerLine,
  type LineError,
  type Parsed,
  publishedTarget,
  type PupilLine,
  SYNC_LIMIT,
} from '@kindling/enrolment';
import { CompletionService } from './completion.service.js';
import { recomputeCounters } from './counters.js';
import type { CohortDto, CreateCohortDto, PupilsResultDto, VersionMigrationResultDto } from './dto/cohort.dto.js';

interface CohortRow {
  id: string;
  organization_id: string;
  name: string;
  course_id: string;
  course_title: string;
  course_version: number;
  audience: string;
  starts_on: string | null;
  due_on: string | null;
  enrolled: number;
  completed: number;
  overdue: number;
  on_older_version: number;
  created_at: Date;
}

const COHORT_SELECT = `
  SELECT c.id, c.organization_id, c.name, c.course_id, v.title AS course_title, v.version AS course_version, c.audience,
         to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.created_at,
         count(e.id) FILTER (WHERE e.status <> 'withdrawn')::int AS enrolled,
         count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed,
         count(e.id) FILTER (WHERE e.status = 'active' AND c.due_on < current_date)::int AS overdue,
         count(e.id) FILTER (WHERE e.status = 'active' AND e.course_version_id <> co.published_version_id)::int AS on_older_version
    FROM cohorts c
    JOIN courses co ON co.id = c.course_id
    JOIN LATERAL (SELECT x.title, x.version FROM course_versions x WHERE x.course_id = co.id
                   ORDER BY (x.id = co.published_version_id) DESC NULLS LAST, x.version DESC LIMIT 1) v ON true
    LEFT JOIN enrolments e ON e.cohort_id = c.id`;

const toDto = (r: CohortRow): CohortDto => ({
  id: r.id,
  organizationId: r.organization_id,
  name: r.name,
  courseId: r.course_id,
  courseTitle: r.course_title,
  courseVersion: r.course_version,
  audience: r.audience,
  startsOn: r.starts_on,
  dueOn: r.due_on,
  enrolled: r.enrolled,
  completed: r.completed,
  overdue: r.overdue,
  onOlderVersion: r.on_older_version,
  createdAt: new Date(r.created_at).toISOString(),
});

export type UploadOutcome = { kind: 'report'; report: EnrolmentReport & { dryRun: boolean } } | { kind: 'job'; jobId: string };

class DryRunRollback extends Error {
  constructor(readonly report: EnrolmentReport) {
    super('dry run');
  }
}

@Injectable()
export class CohortsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly completion: CompletionService,
    private readonly credentials: PupilCredentials,
    private readonly enroller: BulkEnroller,
  ) {}

  async create(organizationId: string, actorId: string, dto: CreateCohortDto): Promise<{ id: string }> {
    if (dto.startsOn && dto.dueOn && dto.dueOn < dto.startsOn) throw invalid('dueOn must not be before startsOn');
    return this.dataSource.transaction(async (em) => {
      const courses: { id: string }[] = await em.query(
        `SELECT id FROM courses WHERE id = $1 AND published_version_id IS NOT NULL AND archived_at IS NULL`,
        [dto.courseId],
      );
      if (courses.length === 0) throw invalid('courseId must name a published course');
      const rows: { id: string }[] = await em.query(
        `INSERT INTO cohorts (organization_id, course_id, name, audience, starts_on, due_on, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [organizationId, dto.courseId, dto.name.trim(), dto.audience, dto.startsOn ?? null, dto.dueOn ?? null, actorId],
      );
      const id = rows[0]!.id;
      await recordAudit(em, {
        organizationId,
        actorId,
        action: 'cohort.created',
        subjectType: 'cohort',
        subjectId: id,
        data: { name: dto.name.trim(), courseId: dto.courseId, audience: dto.audience, startsOn: dto.startsOn ?? null, dueOn: dto.dueOn ?? null },
      });
      return { id };
    });
  }

  async list(organizationId: string): Promise<CohortDto[]> {
    const rows: CohortRow[] = await this.dataSource.query(
      `${COHORT_SELECT} WHERE c.organization_id = $1 GROUP BY c.id, v.title, v.version, co.published_version_id ORDER BY c.created_at DESC`,
      [organizationId],
    );
    return rows.map(toDto);
  }

  async get(scope: Scope, cohortId: string): Promise<CohortDto> {
    if (!isUuid(cohortId)) throw notFound('cohort');
    const rows: CohortRow[] = await this.dataSource.query(
      `${COHORT_SELECT} WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3::boolean)
       GROUP BY c.id, v.title, v.version, co.published_version_id`,
      [cohortId, scope.managed, scope.admin],
    );
    const row = rows[0];
    if (!row) throw notFound('cohort');
    return toDto(row);
  }

  /** The cohort if the caller manages its organisation (admin: any); 404 otherwise. */
  private async cohortFor(em: EntityManager | DataSource, scope: Scope, cohortId: string): Promise<CohortRef & { name: string }> {
    if (!isUuid(cohortId)) throw notFound('cohort');
    const rows: { id: string; organization_id: string; course_id: string; name: string }[] = await em.query(
      `SELECT id, organization_id, course_id, name FROM cohorts WHERE id = $1 AND (organization_id = ANY($2::uuid[]) OR $3::boolean)`,
      [cohortId, scope.managed, scope.admin],
    );
    const row = rows[0];
    if (!row) throw notFound('cohort');
    return { id: row.id, organizationId: row.organization_id, courseId: row.course_id, name: row.name };
  }

  /**
   * Enrols checked lines: up to SYNC_LIMIT in this request (one transaction; `dryRun` rolls it
   * back and answers the same report), more as a background job.
   */
  async enrol(scope: Scope, cohortId: string, parsed: Parsed<LearnerLine>, dryRun: boolean): Promise<UploadOutcome> {
    const cohort = await this.cohortFor(this.dataSource, scope, cohortId);
    const lines = parsed.rows.length + parsed.errors.length;
    if (lines > SYNC_LIMIT && !dryRun) {
      const jobId = await this.dataSource.transaction(async (em) => {
        const rows: { id: string }[] = await em.query(
          `INSERT INTO jobs (kind, organization_id, created_by, total, input) VALUES ('bulk-enrolment', $1, $2, $3, $4) RETURNING id`,
          [cohort.organizationId, scope.userId, parsed.rows.length, JSON.stringify({ cohortId: cohort.id, rows: parsed.rows, errors: parsed.errors })],
        );
        const id = rows[0]!.id;
        await writeOutbox(em, JobName.BulkEnrolment, id, { jobId: id });
        return id;
      });
      return { kind: 'job', jobId };
    }
    try {
      const report = await this.dataSource.transaction(async (em) => {
        const result = await this.enroller.enrol(em, cohort, parsed.rows, scope.userId);
        const full = { ...result, errors: sortErrors(parsed.errors) };
        if (dryRun) throw new DryRunRollback(full);
        return full;
      });
      return { kind: 'report', report: { ...report, dryRun: false } };
    } catch (e) {
      if (e instanceof DryRunRollback) return { kind: 'report', report: { ...e.report, dryRun: true } };
      throw e;
    }
  }

  /**
   * Pupil accounts without e-mail: a generated username and a one-time sign-in code each. The
   * codes are kept in the job's input only until the worker has printed the sheet.
   */
  async addPupils(scope: Scope, cohortId: string, parsed: Parsed<PupilLine>): Promise<PupilsResultDto> {
    const cohort = await this.cohortFor(this.dataSource, scope, cohortId);
    if (parsed.rows.length === 0) return { created: 0, errors: sortErrors(parsed.errors), jobId: null };
    return this.dataSource.transaction(async (em) => {
      const target = await publishedTarget(em, cohort.courseId, { id: cohort.id, organizationId: cohort.organizationId });
      if (!target) throw invalid("the cohort's course is not published any more");
      const printed: { userId: string; name: string; className: string | null; username: string; code: string }[] = [];
      let pending = parsed.rows;
      for (let round = 0; pending.length > 0 && round < 8; round++) {
        const batch = pending.map((p) => ({ ...p, username: this.credentials.generateUsername(p.name), ...this.credentials.generate() }));
        const made: { id: string; username: string }[] = await em.query(
          `INSERT INTO users (username, name, is_pupil, class_name, sign_in_code_hash, locale)
           SELECT u, n, true, c, h, $5::text FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS t(u, n, c, h)
           ON CONFLICT (lower(username)) WHERE username IS NOT NULL DO NOTHING
           RETURNING id, username`,
          [batch.map((b) => b.username), batch.map((b) => b.name), batch.map((b) => b.className), batch.map((b) => b.codeHash), target.locale],
        );
        const idOf = new Map(made.map((m) => [m.username, m.id]));
        const next: PupilLine[] = [];
        for (const b of batch) {
          const id = idOf.get(b.username);
          if (id) {
            idOf.delete(b.username);
            printed.push({ userId: id, name: b.name, className: b.className, username: b.username, code: b.code });
          } else {
            next.push({ line: b.line, name: b.name, className: b.className });
          }
        }
        pending = next;
      }
      if (pending.length > 0) throw new Error('could not find free usernames for every pupil');
      const userIds = printed.map((p) => p.userId);
      await em.query(
        `INSERT INTO memberships (organization_id, user_id, role) SELECT $1, u, 'learner' FROM unnest($2::uuid[]) AS u
         ON CONFLICT ON CONSTRAINT uq_memberships_org_user DO NOTHING`,
        [cohort.organizationId, userIds],
      );
      await enrolUsers(em, userIds, target, scope.userId, 'pupils');
      const jobs: { id: string }[] = await em.query(
        `INSERT INTO jobs (kind, organization_id, created_by, total, input) VALUES ('pupil-code-sheet', $1, $2, $3, $4) RETURNING id`,
        [
          cohort.organizationId,
          scope.userId,
          printed.length,
          JSON.stringify({ cohortId: cohort.id, pupils: printed.map(({ name, className, username, code }) => ({ name, className, username, code })) }),
        ],
      );
      const jobId = jobs[0]!.id;
      await writeOutbox(em, JobName.PupilCodeSheet, jobId, { jobId });
      await recordAudit(em, {
        organizationId: cohort.organizationId,
        actorId: scope.userId,
        action: 'pupils.created',
        subjectType: 'cohort',
        subjectId: cohort.id,
        data: { count: printed.length, jobId },
      });
      return { created: printed.length, errors: sortErrors(parsed.errors), jobId };
    });
  }

  /**
   * Moves the cohort's active enrolments to the course's published version. Lesson completions
   * and passed attempts are carried across by lineage (the same lesson or quiz in the new
   * version); the old rows stay as history. Counters are recomputed and completion evaluated.
   */
  async migrateVersion(scope: Scope, cohortId: string): Promise<VersionMigrationResultDto> {
    return this.dataSource.transaction(async (em) => {
      const cohort = await this.cohortFor(em, scope, cohortId);
      const target = await publishedTarget(em, cohort.courseId, null);
      if (!target) throw invalid("the cohort's course has no published version");
      const versions: { version: number }[] = await em.query(`SELECT version FROM course_versions WHERE id = $1`, [target.versionId]);
      const moving: { id: string; course_version_id: string }[] = await em.query(
        `SELECT id, course_version_id FROM enrolments
          WHERE cohort_id = $1 AND status = 'active' AND course_version_id <> $2
          ORDER BY id FOR UPDATE`,
        [cohort.id, target.versionId],
      );
      const ids = moving.map((m) => m.id);
      let completed = 0;
      if (ids.length > 0) {
        await em.query(
          `INSERT INTO lesson_completions (enrolment_id, lesson_id, completed_at)
           SELECT lc.enrolment_id, nl.id, lc.completed_at
             FROM lesson_completions lc
             JOIN enrolments e ON e.id = lc.enrolment_id
             JOIN lessons ol ON ol.id = lc.lesson_id AND ol.course_version_id = e.course_version_id
             JOIN lessons nl ON nl.lineage_id = ol.lineage_id AND nl.course_version_id = $2
            WHERE e.id = ANY($1::uuid[])
           ON CONFLICT ON CONSTRAINT pk_lesson_completions DO NOTHING`,
          [ids, target.versionId],
        );
        await em.query(
          `INSERT INTO quiz_attempts (enrolment_id, quiz_id, attempt_no, presented, answers, score_percent, passed, started_at, submitted_at)
           SELECT a.enrolment_id, nq.id,
                  row_number() OVER (PARTITION BY a.enrolment_id, nq.id ORDER BY a.attempt_no)
                    + coalesce((SELECT max(x.attempt_no) FROM quiz_attempts x WHERE x.enrolment_id = a.enrolment_id AND x.quiz_id = nq.id), 0),
                  a.presented, a.answers, a.score_percent, a.passed, a.started_at, a.submitted_at
             FROM quiz_attempts a
             JOIN enrolments e ON e.id = a.enrolment_id
             JOIN quizzes oq ON oq.id = a.quiz_id AND oq.course_version_id = e.course_version_id
             JOIN quizzes nq ON nq.lineage_id = oq.lineage_id AND nq.course_version_id = $2
            WHERE e.id = ANY($1::uuid[]) AND a.passed`,
          [ids, target.versionId],
        );
        await em.query(`UPDATE enrolments SET course_version_id = $2 WHERE id = ANY($1::uuid[])`, [ids, target.versionId]);
        const counters = await recomputeCounters(em, ids);
        for (const row of counters) {
          if (row.lessons_completed >= row.lessons_total && row.quizzes_passed >= row.quizzes_total) {
            const result = await this.completion.complete(em, row, scope.userId);
            if (result.justCompleted) completed++;
          }
        }
      }
      await recordAudit(em, {
        organizationId: cohort.organizationId,
        actorId: scope.userId,
        action: 'cohort.version-migrated',
        subjectType: 'cohort',
        subjectId: cohort.id,
        data: {
          toVersionId: target.versionId,
          toVersion: versions[0]?.version ?? null,
          moved: ids.length,
          fromVersionIds: [...new Set(moving.map((m) => m.course_version_id))],
          completed,
        },
      });
      return { moved: ids.length, courseVersion: versions[0]?.version ?? 0, completed };
    });
  }
}

const sortErrors = (errors: LineError[]): LineError[] => [...errors].sort((a, b) => a.line - b.line);
