import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import {
  cohortImpact, type InstrumentDefinition, isLocale, type ItemAnswer, type Locale, scoreResponse, TOTAL_SCALE_KEY,
} from '@kindling/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { notFound } from '../common/errors/domain-error.js';
import { reportCohort, type ReportCohort } from './cohort-scope.js';
import type { CohortImpactDto, ImpactQueryDto } from './dto/reports.dto.js';
import { csvLine } from './spreadsheet.js';

type StoredDefinition = InstrumentDefinition & { title?: Record<Locale, string>; disclaimer?: Record<Locale, string> };

interface ResponseRow {
  enrolment_id: string;
  phase: 'pre' | 'post';
  answers: ItemAnswer[];
}

const DISCLAIMER =
  'Group figures from a reflective self-assessment, not a validated clinical test. Change is post − pre over learners who ' +
  'answered both; the interval shows the uncertainty. Groups with fewer than the minimum pairs show counts only.';

/**
 * Pseudonym of a learner in one cohort's research export: HMAC-SHA256 keyed by the cohort id
 * over the enrolment id, first 16 hex digits. Stable within the cohort, different across
 * cohorts, and carrying neither name nor user id.
 */
export function pseudonymFor(cohortId: string, enrolmentId: string): string {
  return `L-${createHmac('sha256', cohortId).update(enrolmentId).digest('hex').slice(0, 16)}`;
}

/**
 * Pre/post impact of a cohort. Scores are recomputed from the stored answers with the stored
 * instrument definition (not read from the stored scores), then paired per scale by
 * `cohortImpact` of @kindling/domain, which withholds figures for small groups.
 */
@Injectable()
export class ImpactReportService {
  constructor(private readonly db: DataSource) {}

  async impact(actor: Actor, cohortId: string, query: ImpactQueryDto): Promise<CohortImpactDto> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    const { instrument, responses } = await this.load(cohort, query.instrumentId);
    const locale: Locale = query.locale ?? (isLocale(cohort.locale) ? cohort.locale : 'en');
    const byLearner = new Map<string, { learnerKey: string; pre?: ItemAnswer[]; post?: ItemAnswer[] }>();
    for (const r of responses) {
      const learner = byLearner.get(r.enrolment_id) ?? { learnerKey: r.enrolment_id };
      learner[r.phase] = r.answers;
      byLearner.set(r.enrolment_id, learner);
    }
    const result = cohortImpact(instrument.definition, [...byLearner.values()], { instrumentId: instrument.id, locale });
    return {
      instrumentId: instrument.id,
      instrument: { key: instrument.key, version: instrument.version, title: instrument.definition.title?.[locale] ?? instrument.key },
      locale,
      respondents: byLearner.size,
      scales: result.scales.map((s) => ({
        key: s.key,
        name: s.name,
        pairedN: s.pairedN,
        preN: s.preN,
        postN: s.postN,
        preMean: s.preMean,
        postMean: s.postMean,
        meanChange: s.meanChange,
        sdChange: s.sdChange,
        ci95: s.ci95,
        effectSize: s.effectSize,
        suppressed: s.suppressed,
        ...(s.withheld ? { withheld: { ...s.withheld } } : {}),
      })),
      rules: result.rules.map((r) => ({ ...r })),
      withheld: result.scales.flatMap((s) => (s.withheld ? [{ scale: s.key, rule: s.withheld.rule, message: s.withheld.message }] : [])),
      disclaimer: DISCLAIMER,
    };
  }

  /** Pseudonymous per-learner pre and post scale scores, one row per learner who answered, sorted by pseudonym. */
  async export(actor: Actor, cohortId: string, query: ImpactQueryDto): Promise<StreamableFile> {
    const cohort = await reportCohort(this.db.manager, actor, cohortId);
    const { instrument, responses } = await this.load(cohort, query.instrumentId);
    const keys = [...instrument.definition.scales.map((s) => s.key), TOTAL_SCALE_KEY];
    const learners = new Map<string, { pre: Record<string, number | null> | null; post: Record<string, number | null> | null }>();
    for (const r of responses) {
      const pseudonym = pseudonymFor(cohort.id, r.enrolment_id);
      const learner = learners.get(pseudonym) ?? { pre: null, post: null };
      learner[r.phase] = scoreResponse(instrument.definition, r.answers);
      learners.set(pseudonym, learner);
    }
    const header = csvLine(['pseudonym', 'instrument', 'version', ...keys.map((k) => `pre_${k}`), ...keys.map((k) => `post_${k}`)]);
    const lines = [...learners.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([pseudonym, s]) =>
        csvLine([pseudonym, instrument.key, instrument.version, ...keys.map((k) => s.pre?.[k] ?? null), ...keys.map((k) => s.post?.[k] ?? null)]),
      );
    return new StreamableFile(Readable.from([header, ...lines].join('')), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="cohort-${cohort.id}-impact.csv"`,
    });
  }

  /**
   * The instrument reported on: the one asked for, else the one most of the cohort's responses
   * use (a cohort may span course versions), else the published version's.
   */
  private async load(
    cohort: ReportCohort,
    requested: string | undefined,
  ): Promise<{ instrument: { id: string; key: string; version: number; definition: StoredDefinition }; responses: ResponseRow[] }> {
    let instrumentId = requested ?? null;
    if (!instrumentId) {
      const [top] = (await this.db.query(
        `SELECT r.instrument_id FROM self_assessment_responses r JOIN enrolments e ON e.id = r.enrolment_id
          WHERE e.cohort_id = $1 AND e.status <> 'withdrawn'
          GROUP BY r.instrument_id ORDER BY count(*) DESC, max(r.submitted_at) DESC LIMIT 1`,
        [cohort.id],
      )) as { instrument_id: string }[];
      instrumentId = top?.instrument_id ?? cohort.published_instrument_id;
    }
    if (!instrumentId) throw notFound('self-assessment (this cohort’s course has none)');
    const [instrument] = (await this.db.query(`SELECT id, key, version, definition FROM instruments WHERE id = $1`, [instrumentId])) as {
      id: string;
      key: string;
      version: number;
      definition: StoredDefinition;
    }[];
    if (!instrument) throw notFound('instrument');
    const responses = (await this.db.query(
      `SELECT r.enrolment_id, r.phase, r.answers FROM self_assessment_responses r JOIN enrolments e ON e.id = r.enrolment_id
        WHERE e.cohort_id = $1 AND e.status <> 'withdrawn' AND r.instrument_id = $2`,
      [cohort.id, instrument.id],
    )) as ResponseRow[];
    return { instrument, responses };
  }
}
