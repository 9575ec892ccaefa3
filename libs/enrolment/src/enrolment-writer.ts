import { Injectable } from '@nestjs/common';
import { type AuditEventInput, EnrolmentsRepository, recordAuditBatch } from '@kindling/db';
import type { EntityManager } from 'typeorm';

/** The published version a new enrolment starts on, with its item counts. */
export interface EnrolmentTarget {
  courseId: string;
  versionId: string;
  lessonsTotal: number;
  quizzesTotal: number;
  cohortId: string | null;
  organizationId: string | null;
}

export type EnrolmentOutcome = 'enrolled' | 'reactivated' | 'already';

export interface EnrolmentRowResult {
  enrolmentId: string;
  userId: string;
  outcome: EnrolmentOutcome;
}

/**
 * The enrolment rules every enrolling path shares (bulk uploads, pupils, self-enrolment), over
 * EnrolmentsRepository; everything runs in the caller's transaction.
 */
@Injectable()
export class EnrolmentWriter {
  constructor(private readonly enrolments: EnrolmentsRepository) {}

  /** The published version of a course (404-worthy when null). */
  async publishedTarget(
    em: EntityManager,
    courseId: string,
    cohort: { id: string; organizationId: string } | null,
  ): Promise<(EnrolmentTarget & { selfEnrolment: boolean; locale: string }) | null> {
    const row = await this.enrolments.publishedVersion(courseId, em);
    if (!row) return null;
    return {
      courseId,
      versionId: row.version_id,
      lessonsTotal: row.lessons,
      quizzesTotal: row.quizzes,
      cohortId: cohort?.id ?? null,
      organizationId: cohort?.organizationId ?? null,
      selfEnrolment: row.self_enrolment,
      locale: row.locale,
    };
  }

  /**
   * Enrols users in one statement, within the target's scope (its organisation, or self-enrolment):
   * new rows start on the published version with their totals; a withdrawn enrolment of the same
   * course IN THE SAME SCOPE is reactivated (same row, history kept, moved to this cohort); one that
   * is active or completed is left alone ("already"). An enrolment another organisation owns is
   * never touched, moved or reported: this scope gets an enrolment of its own, and the other keeps
   * its progress, attempts and certificate. One audit event per enrolled or reactivated learner,
   * in the same transaction.
   */
  async enrolUsers(
    em: EntityManager,
    userIds: string[],
    target: EnrolmentTarget,
    actorId: string | null,
    source: string,
  ): Promise<EnrolmentRowResult[]> {
    if (userIds.length === 0) return [];
    // One order for every writer, so concurrent uploads with overlapping learners cannot deadlock.
    userIds = [...new Set(userIds)].sort();
    const written = await this.enrolments.enrolOrReactivate(
      userIds,
      {
        courseId: target.courseId,
        versionId: target.versionId,
        cohortId: target.cohortId,
        organizationId: target.organizationId,
        itemsTotal: target.lessonsTotal + target.quizzesTotal,
        lessonsTotal: target.lessonsTotal,
      },
      em,
    );
    const byUser = new Map(written.map((w) => [w.user_id, w]));
    const untouched = userIds.filter((u) => !byUser.has(u));
    const existing = untouched.length === 0 ? [] : await this.enrolments.findInScope(target.courseId, untouched, target.organizationId, em);
    const results: EnrolmentRowResult[] = [
      ...written.map((w): EnrolmentRowResult => ({ enrolmentId: w.id, userId: w.user_id, outcome: w.inserted ? 'enrolled' : 'reactivated' })),
      ...existing.map((e): EnrolmentRowResult => ({ enrolmentId: e.id, userId: e.user_id, outcome: 'already' })),
    ];
    const events: AuditEventInput[] = results
      .filter((r) => r.outcome !== 'already')
      .map((r) => ({
        organizationId: target.organizationId,
        actorId,
        action: r.outcome === 'enrolled' ? 'enrolment.created' : 'enrolment.reactivated',
        subjectType: 'enrolment',
        subjectId: r.enrolmentId,
        data: { userId: r.userId, courseId: target.courseId, courseVersionId: target.versionId, cohortId: target.cohortId, source },
      }));
    await recordAuditBatch(em, events);
    return results;
  }
}
