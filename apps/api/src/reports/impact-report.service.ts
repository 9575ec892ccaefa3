import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import { isUuid, notFound } from '@kindling/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { type ImpactResponseRow, InstrumentsRepository, type ReportCohort, ReportsRepository } from '@kindling/db';
import {
  cohortImpact, type InstrumentDefinition, isLocale, type ItemAnswer, type Locale, scoreResponse, TOTAL_SCALE_KEY,
} from '@kindling/domain';
import type { Actor } from '../common/auth/actor.js';
import { AccessService } from '../common/auth/access.service.js';
import type { CohortImpactDto, ImpactQueryDto } from './dto/reports.dto.js';
import { auditExport } from './export-audit.js';
import { ReportReads } from './report-reads.js';
import { csvLine } from './spreadsheet.js';
import { translate } from '@kindling/i18n';

type StoredDefinition = InstrumentDefinition & { title?: Record<Locale, string>; disclaimer?: Record<Locale, string> };

/** The impact notes (rules, withheld figures) in the report's language, by key. */
function ruleText(locale: Locale, code: string, minimum?: number): string | null {
  switch (code) {
    case 'scale-score': return translate(locale, 'impact.rule.scaleScore');
    case 'pairing': return translate(locale, 'impact.rule.pairing');
    case 'confidence-interval': return translate(locale, 'impact.rule.confidenceInterval');
    case 'effect-size': return translate(locale, 'impact.rule.effectSize');
    case 'min-pairs': return minimum === undefined ? null : translate(locale, 'impact.rule.minPairs', { minimum });
    default: return null;
  }
}

function withheldText(locale: Locale, w: { rule: string; minimum?: number; message: string }): string {
  if (w.rule === 'min-pairs' && w.minimum !== undefined) return translate(locale, 'impact.rule.minPairs', { minimum: w.minimum });
  if (w.rule === 'zero-variance') return translate(locale, 'impact.withheld.zeroVariance');
  return w.message;
}

/**
 * Pseudonym of a learner in one cohort's research export: HMAC-SHA256 keyed by the server
 * secret PSEUDONYM_SECRET (config.pseudonymSecret; derived from JWT_SECRET when unset) over a
 * labelled context of the cohort id and the learner's user id; `L-` and the first 16 hex digits
 * (64 bits).
 *
 * - Scope is the cohort: the same person has the same pseudonym in every impact export of that
 *   cohort (whichever instrument version, so a researcher can follow them across versions), and
 *   unrelated pseudonyms in any other cohort, so two cohorts' files cannot be joined on it.
 * - Nobody without the secret can compute it: the ids a manager sees (cohort, enrolment, user)
 *   are not enough — the old code keyed it by the cohort id alone, so a manager could recompute
 *   it from the progress report's enrolment ids and re-identify every row.
 * - Rotating PSEUDONYM_SECRET changes every pseudonym (earlier files cannot be linked to later
 *   ones).
 */
export function pseudonymFor(secret: string, cohortId: string, userId: string): string {
  const mac = createHmac('sha256', secret).update(`kindling/impact-pseudonym/v1\0cohort:${cohortId}\0user:${userId}`).digest('hex');
  return `L-${mac.slice(0, 16)}`;
}

/**
 * Pre/post impact of a cohort. Scores are recomputed from the stored answers with the stored
 * instrument definition (not read from the stored scores), then paired per scale by
 * `cohortImpact` of @kindling/domain, which withholds figures for small groups.
 */
@Injectable()
export class ImpactReportService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly instruments: InstrumentsRepository,
    private readonly access: AccessService,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly reads: ReportReads,
  ) {}

  async impact(actor: Actor, cohortId: string, query: ImpactQueryDto): Promise<CohortImpactDto> {
    const cohort = await this.cohort(actor, cohortId);
    const { instrument, responses } = await this.load(cohort, query.instrumentId, await this.reads.reader('view', query));
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
        ...(s.withheld ? { withheld: { ...s.withheld, message: withheldText(locale, s.withheld) } } : {}),
      })),
      rules: result.rules.map((r) => ({ ...r, description: ruleText(locale, r.code, r.minimum) ?? r.description })),
      withheld: result.scales.flatMap((s) => (s.withheld ? [{ scale: s.key, rule: s.withheld.rule, message: withheldText(locale, s.withheld) }] : [])),
      disclaimer: translate(locale, 'impact.disclaimer'),
    };
  }

  /**
   * Pseudonymous per-learner pre and post scale scores, one row per learner who answered,
   * sorted by pseudonym. The small-group rule of the aggregates holds here too: a scale the
   * aggregate withholds (fewer than the minimum pairs) has no values in the file, and a learner
   * left with no value has no row — below 5 pairs on every scale the file is the header only.
   * Audited (actor, cohort, instrument, rows).
   */
  async export(actor: Actor, cohortId: string, query: ImpactQueryDto): Promise<StreamableFile> {
    const cohort = await this.cohort(actor, cohortId);
    const { instrument, responses } = await this.load(cohort, query.instrumentId, await this.reads.reader('export', query));
    const keys = [...instrument.definition.scales.map((s) => s.key), TOTAL_SCALE_KEY];
    const byLearner = new Map<string, { learnerKey: string; userId: string; pre?: ItemAnswer[]; post?: ItemAnswer[] }>();
    for (const r of responses) {
      const learner = byLearner.get(r.enrolment_id) ?? { learnerKey: r.enrolment_id, userId: r.user_id };
      learner[r.phase] = r.answers;
      byLearner.set(r.enrolment_id, learner);
    }
    // The same computation as GET impact, so the file withholds exactly what the aggregate does.
    const aggregate = cohortImpact(instrument.definition, [...byLearner.values()], { instrumentId: instrument.id });
    const shown = new Set(aggregate.scales.filter((s) => !s.suppressed).map((s) => s.key));
    const withheld = keys.filter((k) => !shown.has(k));
    const rows: { pseudonym: string; cells: (number | null)[] }[] = [];
    for (const learner of byLearner.values()) {
      const pre = learner.pre ? scoreResponse(instrument.definition, learner.pre) : null;
      const post = learner.post ? scoreResponse(instrument.definition, learner.post) : null;
      const value = (scores: Record<string, number | null> | null, k: string) => (shown.has(k) ? (scores?.[k] ?? null) : null);
      const cells = [...keys.map((k) => value(pre, k)), ...keys.map((k) => value(post, k))];
      if (cells.every((c) => c === null)) continue;
      rows.push({ pseudonym: pseudonymFor(this.config.pseudonymSecret, cohort.id, learner.userId), cells });
    }
    rows.sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0));
    await auditExport(this.reports, actor, cohort, {
      kind: 'impact',
      format: 'csv',
      instrumentId: instrument.id,
      instrument: `${instrument.key} v${instrument.version}`,
      rows: rows.length,
      withheldScales: withheld,
    });
    const header = csvLine(['pseudonym', 'instrument', 'version', ...keys.map((k) => `pre_${k}`), ...keys.map((k) => `post_${k}`)]);
    const lines = rows.map((r) => csvLine([r.pseudonym, instrument.key, instrument.version, ...r.cells]));
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
    reader: ReportsRepository,
  ): Promise<{ instrument: { id: string; key: string; version: number; definition: StoredDefinition }; responses: ImpactResponseRow[] }> {
    let instrumentId = requested ?? null;
    if (!instrumentId) {
      instrumentId = (await reader.mostAnsweredInstrument(cohort.id)) ?? cohort.published_instrument_id;
    }
    if (!instrumentId) throw notFound('cohortSelfAssessment');
    const instrument = await this.instruments.definition<StoredDefinition>(instrumentId);
    if (!instrument) throw notFound('instrument');
    const responses = await reader.impactResponses(cohort.id, instrument.id);
    return { instrument, responses };
  }

  /** The cohort when the caller manages its organisation (or is an admin); else, and for a malformed id, 404. */
  private async cohort(actor: Actor, cohortId: string): Promise<ReportCohort> {
    const cohort = isUuid(cohortId) ? await this.reports.cohort(cohortId, this.access.scope(actor)) : null;
    if (!cohort) throw notFound('cohort');
    return cohort;
  }
}
