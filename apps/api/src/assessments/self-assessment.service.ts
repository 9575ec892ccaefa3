import { Injectable } from '@nestjs/common';
import { CoursesRepository, InstrumentsRepository, recordAudit, SelfAssessmentsRepository } from '@kindling/db';
import { type InstrumentDefinition, type Locale, presentationLocale, scoreResponse, validateAnswers } from '@kindling/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, isAdmin } from '../common/auth/actor.js';
import { AccessService } from '../common/auth/access.service.js';
import { conflict, DomainError, invalid, notFound, isUuid, msg } from '@kindling/common';
import { CourseDraftService } from '../courses/course-drafts.js';
import { CompletionService } from '../learning/completion.service.js';
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

/** Instrument definitions one API process keeps for scoring (a few exist; each is a few kB). */
const MAX_DEFINITIONS_HELD = 50;

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
    private readonly selfAssessments: SelfAssessmentsRepository,
    private readonly instruments: InstrumentsRepository,
    private readonly courses: CoursesRepository,
    private readonly drafts: CourseDraftService,
    private readonly access: AccessService,
  ) {}

  /**
   * Sets the instrument of the course's draft version (created from the published version when
   * there is none, as every course edit does): learners already enrolled keep the version, and
   * so the instrument, they started with; the change reaches new learners on publish.
   */
  async attach(actor: Actor, courseId: string, instrumentId: string | null): Promise<CourseSelfAssessmentSetDto> {
    if (!isUuid(courseId)) throw notFound('course');
    const scope = this.access.authorScope(actor);
    return this.db.transaction(async (em) => {
      if (instrumentId !== null && !(await this.instruments.exists(instrumentId, em))) {
        throw invalid(msg('errors.instrument.unknown', { id: instrumentId }));
      }
      const draftVersionId = await this.drafts.ensureDraft(courseId, scope, em);
      await this.courses.setInstrument(draftVersionId, instrumentId, em);
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
   * The instrument as a learner sees it, in the learner's language (users.locale), else the
   * course version's, else English — the first the instrument is written in: an enrolled learner gets the
   * instrument of the version they are enrolled in; the author (or an admin) that of the draft,
   * else the published version. Anyone else: 404.
   */
  async present(actor: Actor, courseId: string): Promise<CourseSelfAssessmentDto> {
    if (!isUuid(courseId)) throw notFound('course');
    const row = await this.selfAssessments.presentation<StoredDefinition>(courseId, actor.userId, isAdmin(actor));
    if (!row) throw notFound('course');
    if (!row.instrument_id || !row.definition) throw notFound('courseSelfAssessment');
    const def = row.definition;
    const locale: Locale = presentationLocale(def, [row.learner_locale, row.locale]);
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
    if (!(PHASES as readonly string[]).includes(phaseParam)) throw invalid(msg('errors.selfAssessment.phase', { phase: phaseParam }));
    const phase = phaseParam as Phase;
    try {
      if (phase === 'pre') return await this.submitPre(actor, enrolmentId, dto);
      return await this.db.transaction((em) => this.submitIn(em, actor, enrolmentId, phase, dto));
    } catch (error) {
      // Two submissions racing past the checks: the unique constraint decides.
      if (isUniqueViolation(error)) throw conflict(msg(phase === 'pre' ? 'errors.selfAssessment.preSubmitted' : 'errors.selfAssessment.postSubmitted'));
      throw error;
    }
  }

  /**
   * `pre` in one round trip (submit_pre_self_assessment): the answers are scored here against
   * every instrument definition this process holds (they never change), and the function stores
   * the scores of the enrolment's own instrument after its owner and state checks. An instrument
   * not held yet (or answers that do not fit it) costs a second trip: its definition is loaded,
   * the answers are validated (400 naming each problem) and the call is made again.
   */
  private async submitPre(actor: Actor, enrolmentId: string, dto: SubmitSelfAssessmentDto): Promise<SelfAssessmentSubmittedDto> {
    const answers = dto.answers.map((a) => ({ itemId: a.itemId, value: a.value }));
    const scored: Record<string, unknown> = {};
    for (const [id, def] of this.definitions) if (validateAnswers(def, answers).length === 0) scored[id] = scoreResponse(def, answers);
    let row = await this.selfAssessments.submitPre(enrolmentId, actor.userId, answers, scored);
    if (row.outcome === 'unscored' && row.instrument_id) {
      const def = await this.definitionOf(row.instrument_id);
      if (!def) throw conflict(msg('errors.selfAssessment.none'));
      const errors = validateAnswers(def, answers);
      if (errors.length > 0) throw invalid(errors);
      row = await this.selfAssessments.submitPre(enrolmentId, actor.userId, answers, { [row.instrument_id]: scoreResponse(def, answers) });
    }
    switch (row.outcome) {
      case 'ok':
        return { phase: 'pre', submittedAt: new Date(row.submitted_at!).toISOString() };
      case 'no_instrument':
        throw conflict(msg('errors.selfAssessment.none'));
      case 'withdrawn':
        throw conflict(msg('errors.learning.withdrawn'));
      case 'already_submitted':
        throw conflict(msg('errors.selfAssessment.preSubmitted'));
      default:
        throw notFound('enrolment');
    }
  }

  /** Instrument definitions by id, kept for the process's life (a stored version never changes). */
  private readonly definitions = new Map<string, InstrumentDefinition>();

  private async definitionOf(instrumentId: string): Promise<InstrumentDefinition | null> {
    const held = this.definitions.get(instrumentId);
    if (held) return held;
    const def = await this.selfAssessments.definition<InstrumentDefinition>(instrumentId);
    if (def && this.definitions.size < MAX_DEFINITIONS_HELD) this.definitions.set(instrumentId, def);
    return def;
  }

  private async submitIn(
    em: EntityManager,
    actor: Actor,
    enrolmentId: string,
    phase: Phase,
    dto: SubmitSelfAssessmentDto,
  ): Promise<SelfAssessmentSubmittedDto> {
    const enrolment = await this.selfAssessments.lockEnrolmentForSubmission(enrolmentId, actor.userId, em);
    if (!enrolment) throw notFound('enrolment');
    if (!enrolment.instrument_id || !enrolment.definition) throw conflict(msg('errors.selfAssessment.none'));
    if (enrolment.status === 'withdrawn') throw conflict(msg('errors.learning.withdrawn'));
    if (phase === 'pre' && enrolment.pre_done) throw conflict(msg('errors.selfAssessment.preSubmitted'));
    if (phase === 'post' && enrolment.post_done) throw conflict(msg('errors.selfAssessment.postSubmitted'));

    const def = enrolment.definition;
    const answers = dto.answers.map((a) => ({ itemId: a.itemId, value: a.value }));
    const errors = validateAnswers(def, answers);
    if (errors.length > 0) throw invalid(errors);

    if (phase === 'post') {
      if (!enrolment.pre_done) throw conflict(msg('errors.selfAssessment.preFirst'));
      const [counters] = await this.completion.recompute(em, [enrolmentId]);
      if (counters) {
        const missing: string[] = [];
        if (counters.lessons_completed < counters.lessons_total) {
          missing.push(`${counters.lessons_total - counters.lessons_completed} of ${counters.lessons_total} lessons not completed`);
        }
        if (counters.quizzes_passed < counters.quizzes_total) {
          missing.push(`${counters.quizzes_total - counters.quizzes_passed} of ${counters.quizzes_total} quizzes not passed`);
        }
        if (missing.length > 0) throw new DomainError('conflict', msg('errors.selfAssessment.postAfterCourse', { missing: missing.join('; ') }));
      }
    }

    const scores = scoreResponse(def, answers);
    const submittedAt = await this.selfAssessments.recordResponse(
      { enrolmentId, instrumentId: enrolment.instrument_id, phase, answers, scores },
      em,
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
    return { phase, submittedAt: new Date(submittedAt).toISOString() };
  }
}
