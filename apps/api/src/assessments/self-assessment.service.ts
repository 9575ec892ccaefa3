import { Injectable } from '@nestjs/common';
import { recordAudit } from '@kindling/db';
import { type InstrumentDefinition, isLocale, type Locale, scoreResponse, validateAnswers } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, isAdmin } from '../common/auth/actor.js';
import { conflict, DomainError, invalid, notFound, isUuid } from '@kindling/common';
import { ensureDraft } from '../courses/course-drafts.js';
import { CompletionService } from '../learning/completion.service.js';
import { recomputeCounters } from '../learning/counters.js';
import type {
  CourseSelfAssessmentDto, CourseSelfAssessmentSetDto, SelfAssessmentSubmittedDto, SubmitSelfAssessmentDto,
} from './dto/self-assessment.dto.js';

export const PHASES = ['pre', 'post'] as const;
export type Phase = (typeof PHASES)[number];

/** Stored instrument definitions may carry presentation texts next to the scoring definition. */
type StoredDefinition = InstrumentDefinition & {
  title?: Record<Locale, string>;
  instructions?: Record<Locale, string>;
  disclaimer?: Record<Locale, string>;
};

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/**
 * Attaching an instrument to a course, presenting it, and taking it. A learner answers `pre`
 * before the first lesson and `post` once every lesson and quiz is done; each phase once.
 */
@Injectable()
export class SelfAssessmentService {
  constructor(
    private readonly db: DataSource,
    private readonly completion: CompletionService,
  ) {}

  /**
   * Sets the instrument of the course's draft version (created from the published version when
   * there is none, as every course edit does): learners already enrolled keep the version, and
   * so the instrument, they started with; the change reaches new learners on publish.
   */
  async attach(actor: Actor, courseId: string, instrumentId: string | null): Promise<CourseSelfAssessmentSetDto> {
    if (!isUuid(courseId)) throw notFound('course');
    const scope = { userId: actor.userId, admin: isAdmin(actor) };
    if (!scope.admin && !actor.platformRoles.includes('author')) throw notFound('course');
    return this.db.transaction(async (em) => {
      if (instrumentId !== null) {
        const found: unknown[] = await em.query(`SELECT 1 FROM instruments WHERE id = $1`, [instrumentId]);
        if (found.length === 0) throw invalid(`instrumentId ${instrumentId} names no instrument`);
      }
      const draftVersionId = await ensureDraft(em, courseId, scope);
      await em.query(`UPDATE course_versions SET instrument_id = $2, updated_at = now() WHERE id = $1`, [draftVersionId, instrumentId]);
      await recordAudit(em, {
        organizationId: null,
        actorId: actor.userId,
        action: 'course.self_assessment_set',
        subjectType: 'course',
        subjectId: courseId,
        data: { draftVersionId, instrumentId },
      });
      return { courseId, draftVersionId, instrumentId };
    });
  }

  /**
   * The instrument as a learner sees it, in the course's language: an enrolled learner gets the
   * instrument of the version they are enrolled in; the author (or an admin) that of the draft,
   * else the published version. Anyone else: 404.
   */
  async present(actor: Actor, courseId: string): Promise<CourseSelfAssessmentDto> {
    if (!isUuid(courseId)) throw notFound('course');
    const rows = (await this.db.query(
      `WITH mine AS (
         SELECT e.id, e.course_version_id, e.pre_done, e.post_done FROM enrolments e
          WHERE e.course_id = $1 AND e.user_id = $2 AND e.status <> 'withdrawn'
       )
       SELECT m.id AS enrolment_id, coalesce(m.pre_done, false) AS pre_done, coalesce(m.post_done, false) AS post_done,
              v.locale, i.id AS instrument_id, i.key, i.version, i.definition
         FROM courses c
         LEFT JOIN mine m ON true
         JOIN course_versions v ON v.id = CASE
              WHEN m.id IS NOT NULL THEN m.course_version_id
              ELSE coalesce(c.draft_version_id, c.published_version_id) END
         LEFT JOIN instruments i ON i.id = v.instrument_id
        WHERE c.id = $1 AND (m.id IS NOT NULL OR c.author_id = $2 OR $3)`,
      [courseId, actor.userId, isAdmin(actor)],
    )) as {
      enrolment_id: string | null;
      pre_done: boolean;
      post_done: boolean;
      locale: string;
      instrument_id: string | null;
      key: string | null;
      version: number | null;
      definition: StoredDefinition | null;
    }[];
    const row = rows[0];
    if (!row) throw notFound('course');
    if (!row.instrument_id || !row.definition) throw notFound('self-assessment (this course has none)');
    const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
    const def = row.definition;
    return {
      instrumentId: row.instrument_id,
      key: row.key ?? def.key,
      version: row.version ?? def.version,
      locale,
      title: def.title?.[locale] ?? def.key,
      instructions: def.instructions?.[locale] ?? null,
      disclaimer: def.disclaimer?.[locale] ?? null,
      scale: { min: def.scale.min, max: def.scale.max, labels: def.scale.labels[locale] ?? [] },
      items: def.items.map((item) => ({ id: item.id, text: item.text[locale], scaleKey: item.scaleKey })),
      scales: def.scales.map((scale) => ({ key: scale.key, name: scale.name[locale] })),
      enrolmentId: row.enrolment_id,
      done: { pre: row.pre_done, post: row.post_done },
    };
  }

  async submit(actor: Actor, enrolmentId: string, phaseParam: string, dto: SubmitSelfAssessmentDto): Promise<SelfAssessmentSubmittedDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    if (!(PHASES as readonly string[]).includes(phaseParam)) throw invalid(`phase must be pre or post, not "${phaseParam}"`);
    const phase = phaseParam as Phase;
    try {
      return await this.db.transaction((em) => this.submitIn(em, actor, enrolmentId, phase, dto));
    } catch (error) {
      // Two submissions racing past the checks: the unique constraint decides.
      if (isUniqueViolation(error)) throw conflict(`the ${phase} self-assessment has already been submitted`);
      throw error;
    }
  }

  private async submitIn(
    em: EntityManager,
    actor: Actor,
    enrolmentId: string,
    phase: Phase,
    dto: SubmitSelfAssessmentDto,
  ): Promise<SelfAssessmentSubmittedDto> {
    const rows = (await em.query(
      `SELECT e.id, e.status, e.pre_done, e.post_done, e.organization_id, i.id AS instrument_id, i.definition
         FROM enrolments e
         JOIN course_versions v ON v.id = e.course_version_id
         LEFT JOIN instruments i ON i.id = v.instrument_id
        WHERE e.id = $1 AND e.user_id = $2
        FOR UPDATE OF e`,
      [enrolmentId, actor.userId],
    )) as {
      id: string;
      status: string;
      pre_done: boolean;
      post_done: boolean;
      organization_id: string | null;
      instrument_id: string | null;
      definition: InstrumentDefinition | null;
    }[];
    const enrolment = rows[0];
    if (!enrolment) throw notFound('enrolment');
    if (!enrolment.instrument_id || !enrolment.definition) throw conflict('this course has no self-assessment');
    if (enrolment.status === 'withdrawn') throw conflict('this enrolment is withdrawn');
    if (phase === 'pre' && enrolment.pre_done) throw conflict('the pre self-assessment has already been submitted');
    if (phase === 'post' && enrolment.post_done) throw conflict('the post self-assessment has already been submitted');

    const def = enrolment.definition;
    const answers = dto.answers.map((a) => ({ itemId: a.itemId, value: a.value }));
    const errors = validateAnswers(def, answers);
    if (errors.length > 0) throw invalid(errors);

    if (phase === 'post') {
      if (!enrolment.pre_done) throw conflict('take the pre self-assessment first: post comes after it');
      const [counters] = await recomputeCounters(em, [enrolmentId]);
      if (counters) {
        const missing: string[] = [];
        if (counters.lessons_completed < counters.lessons_total) {
          missing.push(`${counters.lessons_total - counters.lessons_completed} of ${counters.lessons_total} lessons not completed`);
        }
        if (counters.quizzes_passed < counters.quizzes_total) {
          missing.push(`${counters.quizzes_total - counters.quizzes_passed} of ${counters.quizzes_total} quizzes not passed`);
        }
        if (missing.length > 0) throw new DomainError('conflict', `the post self-assessment comes after the course: ${missing.join('; ')}`);
      }
    }

    const scores = scoreResponse(def, answers);
    const [stored] = (await em.query(
      `INSERT INTO self_assessment_responses (enrolment_id, instrument_id, phase, answers, scores)
       VALUES ($1, $2, $3, $4, $5) RETURNING submitted_at`,
      [enrolmentId, enrolment.instrument_id, phase, JSON.stringify(answers), JSON.stringify(scores)],
    )) as { submitted_at: Date }[];
    await em.query(
      `UPDATE enrolments SET ${phase === 'pre' ? 'pre_done' : 'post_done'} = true,
              started_at = coalesce(started_at, now()), last_activity_at = now()
        WHERE id = $1`,
      [enrolmentId],
    );
    await recordAudit(em, {
      organizationId: enrolment.organization_id,
      actorId: actor.userId,
      action: 'self_assessment.submitted',
      subjectType: 'enrolment',
      subjectId: enrolmentId,
      data: { phase, instrumentId: enrolment.instrument_id },
    });
    if (phase === 'post') await this.completion.evaluate(em, enrolmentId, actor.userId);
    return { phase, submittedAt: new Date(stored!.submitted_at).toISOString() };
  }
}
