import type { Locale, LocalizedText } from '../locale.js';
import { TOTAL_SCALE_KEY, type InstrumentDefinition, type ItemAnswer } from './instrument.js';
import {
  DEFAULT_MIN_PAIRS,
  PAIRED_IMPACT_RULES,
  pairedImpact,
  type PairedImpact,
  type PairedImpactOptions,
  type PrePostPair,
} from './paired.js';
import { SCORING_RULE, scoreResponse, type ResponseScores } from './scoring.js';

/** Name of the overall score row. */
export const TOTAL_SCALE_NAME: LocalizedText = { en: 'Overall', it: 'Complessivo', de: 'Gesamt', fr: 'Global' };

/** One learner's answers. A learner may also be given as two entries, one per phase. */
export interface LearnerResponses {
  /** Anything that identifies the learner within the cohort (e.g. the enrolment id). */
  learnerKey: string;
  pre?: readonly ItemAnswer[] | null;
  post?: readonly ItemAnswer[] | null;
}

export interface CohortImpactOptions extends PairedImpactOptions {
  /** Echoed in the result (the stored instrument's id). */
  instrumentId?: string;
  /** Language of `name` (default `en`). */
  locale?: Locale;
}

export interface ScaleImpact extends PairedImpact {
  key: string;
  name: string;
  names: LocalizedText;
  /** Learners with a valid score on this scale before / after (paired or not). */
  preN: number;
  postN: number;
}

export type ImpactRuleCode = 'scale-score' | 'pairing' | 'confidence-interval' | 'effect-size' | 'min-pairs';

export interface ImpactRule {
  code: ImpactRuleCode;
  description: string;
  minimum?: number;
}

export interface CohortImpact {
  instrumentId?: string;
  instrument: { key: string; version: number };
  /** One row per scale of the instrument, in definition order, then `total`. */
  scales: ScaleImpact[];
  /** The rules behind the figures, for display next to them. */
  rules: ImpactRule[];
  /** Learners left out entirely, e.g. because a phase was given twice. */
  excluded: { learnerKey: string; reason: string }[];
}

interface MergedLearner {
  pre?: readonly ItemAnswer[];
  post?: readonly ItemAnswer[];
  conflict?: string;
}

/**
 * Pre/post impact per scale (and for `total`) over a cohort's responses.
 *
 * Each phase is scored with `scoreResponse`; a learner counts as a pair on a scale only when
 * both the pre and the post response give a score on that scale. Each row is then
 * `pairedImpact` of those pairs, with its suppression rules.
 */
export function cohortImpact(
  def: InstrumentDefinition,
  responses: readonly LearnerResponses[],
  opts: CohortImpactOptions = {},
): CohortImpact {
  const locale = opts.locale ?? 'en';
  const minimum = opts.minPairs ?? DEFAULT_MIN_PAIRS;

  const learners = new Map<string, MergedLearner>();
  for (const response of responses) {
    const merged = learners.get(response.learnerKey) ?? {};
    for (const phase of ['pre', 'post'] as const) {
      const answers = response[phase];
      if (answers === undefined || answers === null) continue;
      if (merged[phase] !== undefined) merged.conflict ??= `the ${phase} self-assessment was given more than once`;
      else merged[phase] = answers;
    }
    learners.set(response.learnerKey, merged);
  }

  const excluded: CohortImpact['excluded'] = [];
  const scored: { pre: ResponseScores | null; post: ResponseScores | null }[] = [];
  for (const [learnerKey, merged] of learners) {
    if (merged.conflict !== undefined) {
      excluded.push({ learnerKey, reason: merged.conflict });
      continue;
    }
    scored.push({
      pre: merged.pre === undefined ? null : scoreResponse(def, merged.pre),
      post: merged.post === undefined ? null : scoreResponse(def, merged.post),
    });
  }

  const rows: { key: string; names: LocalizedText }[] = [
    ...def.scales.map((scale) => ({ key: scale.key, names: scale.name })),
    { key: TOTAL_SCALE_KEY, names: TOTAL_SCALE_NAME },
  ];
  const scales = rows.map(({ key, names }): ScaleImpact => {
    const pairs: PrePostPair[] = [];
    let preN = 0;
    let postN = 0;
    for (const learner of scored) {
      const pre = learner.pre?.[key] ?? null;
      const post = learner.post?.[key] ?? null;
      if (pre !== null) preN += 1;
      if (post !== null) postN += 1;
      if (pre !== null && post !== null) pairs.push({ pre, post });
    }
    return { key, name: names[locale], names, preN, postN, ...pairedImpact(pairs, { minPairs: minimum }) };
  });

  const rules: ImpactRule[] = [
    { code: 'scale-score', description: SCORING_RULE },
    { code: 'pairing', description: PAIRED_IMPACT_RULES.pairing },
    { code: 'confidence-interval', description: PAIRED_IMPACT_RULES.confidenceInterval },
    { code: 'effect-size', description: PAIRED_IMPACT_RULES.effectSize },
    { code: 'min-pairs', minimum, description: PAIRED_IMPACT_RULES.minPairs(minimum) },
  ];

  return {
    ...(opts.instrumentId === undefined ? {} : { instrumentId: opts.instrumentId }),
    instrument: { key: def.key, version: def.version },
    scales,
    rules,
    excluded,
  };
}
