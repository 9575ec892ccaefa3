import { Injectable } from '@nestjs/common';
import type { InstrumentDefinition } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst } from '../sql.js';

/** The instrument a caller is shown for a course, with their enrolment's pre/post state when enrolled. */
export interface SelfAssessmentPresentationRow<D = InstrumentDefinition> {
  enrolment_id: string | null;
  pre_done: boolean;
  post_done: boolean;
  /** The course version's language. */
  locale: string;
  /** The caller's own language (users.locale); null for an unknown user. */
  learner_locale: string | null;
  instrument_id: string | null;
  key: string | null;
  version: number | null;
  definition: D | null;
}

/** The learner's enrolment (locked) with the instrument of its course version, for a submission. */
export interface SubmittingEnrolmentRow {
  id: string;
  status: string;
  pre_done: boolean;
  post_done: boolean;
  organization_id: string | null;
  instrument_id: string | null;
  definition: InstrumentDefinition | null;
}

/** What `submit_pre_self_assessment` answered (see its migration). */
export interface PreSubmissionRow {
  outcome: 'ok' | 'not_found' | 'no_instrument' | 'withdrawn' | 'already_submitted' | 'unscored';
  instrument_id: string | null;
  submitted_at: Date | null;
}

export interface NewSelfAssessmentResponse {
  enrolmentId: string;
  instrumentId: string;
  phase: 'pre' | 'post';
  answers: unknown;
  scores: unknown;
}

/**
 * Self-assessments: learners' pre/post responses (table self_assessment_responses, one per
 * enrolment and phase) with the enrolment's pre_done/post_done flags they set, and the
 * instrument a caller is shown. (Which instrument a course version carries is
 * CoursesRepository.setInstrument.)
 */
@Injectable()
export class SelfAssessmentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The course's instrument as `userId` may see it: an enrolled learner that of their course
   * version; the author (or an admin) that of the draft, else the published version. Null when
   * the caller is neither (or there is no such course).
   */
  async presentation<D = InstrumentDefinition>(courseId: string, userId: string, admin: boolean): Promise<SelfAssessmentPresentationRow<D> | null> {
    return queryFirst<SelfAssessmentPresentationRow<D>>(
      this.dataSource,
      `WITH mine AS (
         SELECT e.id, e.course_version_id, e.pre_done, e.post_done FROM enrolments e
          WHERE e.course_id = $1 AND e.user_id = $2 AND e.status <> 'withdrawn'
       )
       SELECT m.id AS enrolment_id, coalesce(m.pre_done, false) AS pre_done, coalesce(m.post_done, false) AS post_done,
              v.locale, (SELECT u.locale FROM users u WHERE u.id = $2) AS learner_locale,
              i.id AS instrument_id, i.key, i.version, i.definition
         FROM courses c
         LEFT JOIN mine m ON true
         JOIN course_versions v ON v.id = CASE
              WHEN m.id IS NOT NULL THEN m.course_version_id
              ELSE coalesce(c.draft_version_id, c.published_version_id) END
         LEFT JOIN instruments i ON i.id = v.instrument_id
        WHERE c.id = $1 AND (m.id IS NOT NULL OR c.author_id = $2 OR $3)`,
      [courseId, userId, admin],
    );
  }

  /** The learner's own enrolment, locked FOR UPDATE for the submission's transaction; null if not theirs. */
  async lockEnrolmentForSubmission(enrolmentId: string, userId: string, em: EntityManager): Promise<SubmittingEnrolmentRow | null> {
    return queryFirst<SubmittingEnrolmentRow>(
      em,
      `SELECT e.id, e.status, e.pre_done, e.post_done, e.organization_id, i.id AS instrument_id, i.definition
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
         LEFT JOIN instruments i ON i.id = v.instrument_id
        WHERE e.id = $1 AND e.user_id = $2
        FOR UPDATE OF e`,
      [enrolmentId, userId],
    );
  }

  /**
   * Stores a response and marks its phase done on the enrolment (which counts as activity);
   * the time it was stored. A second response of the same phase violates the unique constraint.
   */
  async recordResponse(response: NewSelfAssessmentResponse, em: EntityManager): Promise<Date> {
    const stored = await queryFirst<{ submitted_at: Date }>(
      em,
      `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores)
       VALUES ($1, $2, $3, $4, $5) RETURNING submitted_at`,
      [response.enrolmentId, response.instrumentId, response.phase, JSON.stringify(response.answers), JSON.stringify(response.scores)],
    );
    await em.query(
      `UPDATE enrolments SET ${response.phase === 'pre' ? 'pre_done' : 'post_done'} = true,
              started_at = coalesce(started_at, now()), last_activity_at = now()
        WHERE id = $1`,
      [response.enrolmentId],
    );
    return stored!.submitted_at;
  }
  /**
   * A pre self-assessment in one round trip (owner check, lock, response, flags, audit):
   * `scored` maps instrument ids to the answers' scores under that instrument; without an entry
   * for the enrolment's instrument nothing is written and the outcome is `unscored`.
   */
  async submitPre(enrolmentId: string, userId: string, answers: unknown, scored: Record<string, unknown>): Promise<PreSubmissionRow> {
    const row = await queryFirst<PreSubmissionRow>(
      this.dataSource,
      `SELECT outcome, instrument_id, submitted_at FROM submit_pre_self_assessment($1, $2, $3, $4)`,
      [enrolmentId, userId, JSON.stringify(answers), JSON.stringify(scored)],
    );
    return row!;
  }

  /** An instrument version's stored definition (versions never change), or null. */
  async definition<D = InstrumentDefinition>(instrumentId: string): Promise<D | null> {
    const row = await queryFirst<{ definition: D }>(this.dataSource, `SELECT definition FROM instruments WHERE id = $1`, [instrumentId]);
    return row?.definition ?? null;
  }
}
