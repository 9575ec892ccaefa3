import { Injectable } from '@nestjs/common';
import { conflict, DomainError, isUuid, notFound, msg } from '@kindling/common';
import { EnrolmentsRepository, ProgressRepository, recordAudit, type TimeRequirementRow } from '@kindling/db';
import { EnrolmentWriter } from '@kindling/enrolment';
import { DataSource } from 'typeorm';
import type { Scope } from '../common/auth/access.service.js';
import type { EnrolmentDetailDto, LearningTimeDto, MyEnrolmentDto, OutlineModuleDto, WithdrawalResultDto } from './dto/enrolment.dto.js';

const iso = (d: Date | null): string | null => (d === null ? null : new Date(d).toISOString());

/**
 * Time studied against the minimum. The completion rule counts whole minutes
 * (floor(seconds / 60) ≥ min_minutes), that is seconds ≥ min_minutes × 60.
 */
export function learningTimeOf(learningSeconds: number, minMinutes: number | null): LearningTimeDto {
  const requiredSeconds = minMinutes !== null && minMinutes > 0 ? minMinutes * 60 : null;
  const remainingSeconds = requiredSeconds === null ? 0 : Math.max(0, requiredSeconds - learningSeconds);
  return { learningSeconds, requiredSeconds, remainingSeconds, remainingMinutes: Math.ceil(remainingSeconds / 60), met: remainingSeconds === 0 };
}

/** Time studied / required, and 'learning-time' when only the minimum time holds an active enrolment back. */
function timeOf(
  status: string,
  time: TimeRequirementRow | null,
  fallbackSeconds = 0,
): { learningTime: LearningTimeDto; requirementsNotMet: 'learning-time' | null } {
  const learningTime = learningTimeOf(time?.learning_seconds ?? fallbackSeconds, time?.min_minutes ?? null);
  return { learningTime, requirementsNotMet: status === 'active' && time?.items_done === true && !learningTime.met ? 'learning-time' : null };
}

@Injectable()
export class EnrolmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentsRepository,
    private readonly writer: EnrolmentWriter,
    private readonly progress: ProgressRepository,
  ) {}

  async mine(userId: string): Promise<MyEnrolmentDto[]> {
    const rows = await this.enrolments.listForLearner(userId);
    const times = new Map((await this.progress.timeRequirements(rows.map((r) => r.id))).map((x) => [x.id, x]));
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
      round: r.round,
      renewsCertificateExpiresOn: r.renews_valid_until,
      lastLessonId: r.last_lesson_id,
      ...timeOf(r.status, times.get(r.id) ?? null),
    }));
  }

  /** The learner's own enrolment, or one in an organisation the caller manages (admin: any). */
  async detail(scope: Scope, enrolmentId: string): Promise<EnrolmentDetailDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    const e = await this.enrolments.findDetail(enrolmentId, scope);
    if (!e) throw notFound('enrolment');
    const [{ modules, lessons, quizzes, completions, attempts }, time] = await Promise.all([
      this.enrolments.outlineWithProgress(e.version_id, e.id, e.user_id),
      this.progress.timeRequirement(e.id),
    ]);
    const { learningTime, requirementsNotMet } = timeOf(e.status, time, e.learning_seconds);
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
          attemptOpen: a?.open ?? false,
          attemptsLeft: q.max_attempts === null ? null : Math.max(0, q.max_attempts - used),
        };
      }),
      selfAssessment: { required: e.instrument_id !== null, pre: e.pre_done, post: e.post_done },
      certificate: e.certificate,
      course: { id: e.course_id, title: e.title, locale: e.locale, editionLocale: e.edition_locale, version: e.version, modules: outline },
      cohort: e.cohort,
      organization: e.organization,
      lastLessonId: e.last_lesson_id,
      minutes: Math.floor(e.learning_seconds / 60),
      learningTime,
      requirementsNotMet,
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
      const row = await this.enrolments.lockManaged(enrolmentId, scope, em);
      if (!row) throw notFound('enrolment');
      if (row.status === 'completed') throw conflict(msg('errors.learning.completedNoWithdraw'));
      if (row.status === 'withdrawn' && row.withdrawn_at) {
        return { id: row.id, status: 'withdrawn', withdrawnAt: new Date(row.withdrawn_at).toISOString() };
      }
      const at = await this.enrolments.markWithdrawn(enrolmentId, em);
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
      const target = await this.writer.publishedTarget(em, courseId, null);
      if (!target) throw notFound('course');
      if (!target.selfEnrolment) throw new DomainError('forbidden', msg('errors.learning.noSelfEnrolment'));
      const [result] = await this.writer.enrolUsers(em, [userId], target, userId, 'self-enrolment');
      if (!result) throw new Error('enrolment was neither written nor found');
      return { id: result.enrolmentId, created: result.outcome !== 'already' };
    });
  }
}
