import { Injectable } from '@nestjs/common';
import { recordAudit } from '@kindling/db';
import { DataSource } from 'typeorm';
import { conflict, DomainError, notFound } from '@kindling/common';
import { isUuid } from '@kindling/common';
import type { Scope } from '../common/auth/access.service.js';
import { enrolUsers, publishedTarget } from '@kindling/enrolment';
import { rowsOf } from '@kindling/db';
import type {
  CertificateRefDto,
  EnrolmentDetailDto,
  MyEnrolmentDto,
  NamedRefDto,
  OutlineModuleDto,
  WithdrawalResultDto,
} from './dto/enrolment.dto.js';

interface DetailRow {
  id: string;
  status: 'active' | 'completed' | 'withdrawn';
  progress_percent: number;
  learning_seconds: number;
  pre_done: boolean;
  post_done: boolean;
  last_lesson_id: string | null;
  completed_at: Date | null;
  withdrawn_at: Date | null;
  course_id: string;
  version_id: string;
  title: string;
  locale: string;
  version: number;
  instrument_id: string | null;
  cohort: { id: string; name: string; dueOn: string | null } | null;
  organization: NamedRefDto | null;
  certificate: CertificateRefDto | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

@Injectable()
export class EnrolmentsService {
  constructor(private readonly dataSource: DataSource) {}

  async mine(userId: string): Promise<MyEnrolmentDto[]> {
    const rows: {
      id: string;
      course_id: string;
      title: string;
      status: string;
      progress_percent: number;
      completed_at: Date | null;
      certificate: CertificateRefDto | null;
      due_on: string | null;
      last_lesson_id: string | null;
      organization: NamedRefDto | null;
      cohort: NamedRefDto | null;
    }[] = await this.dataSource.query(
      `SELECT e.id, e.course_id, v.title, e.status, e.progress_percent, e.completed_at, e.last_lesson_id,
              to_char(c.due_on, 'YYYY-MM-DD') AS due_on,
              (SELECT json_build_object('id', ce.id, 'number', ce.number, 'status', ce.status)
                 FROM certificates ce WHERE ce.enrolment_id = e.id) AS certificate,
              CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organization,
              CASE WHEN c.id IS NULL THEN NULL ELSE json_build_object('id', c.id, 'name', c.name) END AS cohort
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
         LEFT JOIN cohorts c ON c.id = e.cohort_id
         LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.user_id = $1
        ORDER BY (e.status = 'withdrawn'), (e.status = 'completed'), e.last_activity_at DESC NULLS LAST, e.created_at DESC`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      course: { id: r.course_id, title: r.title },
      organization: r.organization,
      cohort: r.cohort,
      status: r.status,
      progressPercent: r.progress_percent,
      completedAt: iso(r.completed_at),
      certificate: r.certificate,
      dueOn: r.due_on,
      lastLessonId: r.last_lesson_id,
    }));
  }

  /** The learner's own enrolment, or one in an organisation the caller manages (admin: any). */
  async detail(scope: Scope, enrolmentId: string): Promise<EnrolmentDetailDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    const rows: DetailRow[] = await this.dataSource.query(
      `SELECT e.id, e.status, e.progress_percent, e.learning_seconds, e.pre_done, e.post_done, e.last_lesson_id,
              e.completed_at, e.withdrawn_at, e.course_id, v.id AS version_id, v.title, v.locale, v.version, v.instrument_id,
              CASE WHEN c.id IS NULL THEN NULL
                   ELSE json_build_object('id', c.id, 'name', c.name, 'dueOn', to_char(c.due_on, 'YYYY-MM-DD')) END AS cohort,
              CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organization,
              (SELECT json_build_object('id', ce.id, 'number', ce.number, 'status', ce.status)
                 FROM certificates ce WHERE ce.enrolment_id = e.id) AS certificate
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
         LEFT JOIN cohorts c ON c.id = e.cohort_id
         LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.id = $1 AND (e.user_id = $2 OR e.organization_id = ANY($3::uuid[]) OR $4::boolean)`,
      [enrolmentId, scope.userId, scope.managed, scope.admin],
    );
    const e = rows[0];
    if (!e) throw notFound('enrolment');
    const [modules, lessons, quizzes, completions, attempts] = await Promise.all([
      this.dataSource.query(`SELECT id, title FROM modules WHERE course_version_id = $1 ORDER BY position, id`, [e.version_id]) as Promise<
        { id: string; title: string }[]
      >,
      this.dataSource.query(
        `SELECT id, module_id, title, minutes FROM lessons WHERE course_version_id = $1 ORDER BY position, id`,
        [e.version_id],
      ) as Promise<{ id: string; module_id: string; title: string; minutes: number | null }[]>,
      this.dataSource.query(
        `SELECT id, module_id, title, pass_mark, max_attempts, jsonb_array_length(questions)::int AS question_count
           FROM quizzes WHERE course_version_id = $1 ORDER BY position, id`,
        [e.version_id],
      ) as Promise<{ id: string; module_id: string; title: string; pass_mark: string; max_attempts: number | null; question_count: number }[]>,
      this.dataSource.query(`SELECT lesson_id, completed_at FROM lesson_completions WHERE enrolment_id = $1`, [e.id]) as Promise<
        { lesson_id: string; completed_at: Date }[]
      >,
      this.dataSource.query(
        `SELECT quiz_id, count(*)::int AS used, max(score_percent) AS best, bool_or(coalesce(passed, false)) AS passed
           FROM quiz_attempts WHERE enrolment_id = $1 GROUP BY quiz_id`,
        [e.id],
      ) as Promise<{ quiz_id: string; used: number; best: string | null; passed: boolean }[]>,
    ]);
    const outline: OutlineModuleDto[] = modules.map((m) => ({
      id: m.id,
      title: m.title,
      lessons: lessons.filter((l) => l.module_id === m.id).map((l) => ({ id: l.id, title: l.title, minutes: l.minutes })),
      quizzes: quizzes
        .filter((q) => q.module_id === m.id)
        .map((q) => ({ id: q.id, title: q.title, passMark: Number(q.pass_mark), questionCount: q.question_count, maxAttempts: q.max_attempts })),
    }));
    const done = new Map(completions.map((c) => [c.lesson_id, c.completed_at]));
    const tried = new Map(attempts.map((a) => [a.quiz_id, a]));
    return {
      id: e.id,
      status: e.status,
      progressPercent: e.progress_percent,
      lessons: lessons.map((l) => ({ lessonId: l.id, completedAt: iso(done.get(l.id) ?? null) })),
      quizzes: quizzes.map((q) => {
        const a = tried.get(q.id);
        const used = a?.used ?? 0;
        return {
          quizId: q.id,
          bestScore: a?.best == null ? null : Number(a.best),
          passed: a?.passed ?? false,
          attemptsUsed: used,
          attemptsLeft: q.max_attempts === null ? null : Math.max(0, q.max_attempts - used),
        };
      }),
      selfAssessment: { required: e.instrument_id !== null, pre: e.pre_done, post: e.post_done },
      certificate: e.certificate,
      course: { id: e.course_id, title: e.title, locale: e.locale, version: e.version, modules: outline },
      cohort: e.cohort,
      organization: e.organization,
      lastLessonId: e.last_lesson_id,
      minutes: Math.floor(e.learning_seconds / 60),
      completedAt: iso(e.completed_at),
      withdrawnAt: iso(e.withdrawn_at),
    };
  }

  /**
   * Withdraws a learner: the row, its progress and attempts stay; re-enrolling through the same
   * organisation reactivates it (another organisation gets an enrolment of its own).
   */
  async withdraw(scope: Scope, enrolmentId: string): Promise<WithdrawalResultDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string; status: string; organization_id: string | null; user_id: string; withdrawn_at: Date | null }[] = await em.query(
        `SELECT id, status, organization_id, user_id, withdrawn_at FROM enrolments
          WHERE id = $1 AND (organization_id = ANY($2::uuid[]) OR $3::boolean) FOR UPDATE`,
        [enrolmentId, scope.managed, scope.admin],
      );
      const row = rows[0];
      if (!row) throw notFound('enrolment');
      if (row.status === 'completed') throw conflict('a completed enrolment cannot be withdrawn');
      if (row.status === 'withdrawn' && row.withdrawn_at) {
        return { id: row.id, status: 'withdrawn', withdrawnAt: new Date(row.withdrawn_at).toISOString() };
      }
      const updated: unknown = await em.query(
        `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now() WHERE id = $1 RETURNING withdrawn_at`,
        [enrolmentId],
      );
      const at = rowsOf<{ withdrawn_at: Date }>(updated)[0]!.withdrawn_at;
      await recordAudit(em, {
        organizationId: row.organization_id,
        actorId: scope.userId,
        action: 'enrolment.withdrawn',
        subjectType: 'enrolment',
        subjectId: row.id,
        data: { userId: row.user_id },
      });
      return { id: row.id, status: 'withdrawn', withdrawnAt: new Date(at).toISOString() };
    });
  }

  /**
   * Self-enrolment, a scope of its own (no organisation): 201 with a new (or reactivated)
   * self-enrolment, 200 with the existing one. Enrolments organisations made are left alone.
   */
  async selfEnrol(userId: string, courseId: string): Promise<{ id: string; created: boolean }> {
    if (!isUuid(courseId)) throw notFound('course');
    return this.dataSource.transaction(async (em) => {
      const target = await publishedTarget(em, courseId, null);
      if (!target) throw notFound('course');
      if (!target.selfEnrolment) throw new DomainError('forbidden', 'this course does not allow self-enrolment');
      const [result] = await enrolUsers(em, [userId], target, userId, 'self-enrolment');
      if (!result) throw new Error('enrolment was neither written nor found');
      return { id: result.enrolmentId, created: result.outcome !== 'already' };
    });
  }
}
