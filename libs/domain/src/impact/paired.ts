import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Below this many paired responses only the count is reported (small-cell suppression). */
export const DEFAULT_MIN_PAIRS = 5;

/** Why a figure is not reported. */
export type ImpactWithheld =
  | { rule: 'min-pairs'; minimum: number; message: string }
  | { rule: 'zero-variance'; message: string };

export interface PrePostPair {
  pre: number;
  post: number;
}

export interface PairedImpactOptions {
  /** Minimum number of pairs before means, CI and effect size are reported (default 5, at least 2). */
  minPairs?: number;
}

/** Pre/post change of one measure over paired responses. Changes are post − pre. */
export interface PairedImpact {
  pairedN: number;
  preMean: number | null;
  postMean: number | null;
  meanChange: number | null;
  /** Sample standard deviation (n − 1) of the individual changes. */
  sdChange: number | null;
  /** 95% confidence interval of the mean change: t distribution with n − 1 degrees of freedom. */
  ci95: [number, number] | null;
  /** Cohen's dz = meanChange / sdChange; `null` when suppressed or when sdChange is 0. */
  effectSize: number | null;
  /** True when fewer than the minimum pairs: only `pairedN` is reported. */
  suppressed: boolean;
  withheld?: ImpactWithheld;
}

/** The statistical rules applied by `pairedImpact`, in words, for reports and the OpenAPI description. */
export const PAIRED_IMPACT_RULES = {
  pairing:
    'Only learners with a valid score both before (pre) and after (post) on a scale are counted on that scale; change = post − pre.',
  confidenceInterval:
    '95% confidence interval of the mean change: mean ± t(0.975, n − 1) × SD / √n, with the sample SD (n − 1) of the changes.',
  effectSize: 'Effect size is Cohen’s dz: mean change divided by the SD of the changes. It is not given when that SD is 0.',
  minPairs: (minimum: number): string =>
    `With fewer than ${minimum} paired responses only the number of pairs is shown, to protect individuals and avoid figures that mean nothing.`,
} as const;

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/**
 * Paired pre/post statistics: mean change, its 95% t-interval and the effect size dz.
 *
 * Honest by construction: with fewer than `minPairs` pairs (default 5) nothing but the count is
 * reported (`suppressed: true`, `withheld.rule = 'min-pairs'`); when every change is the same the
 * SD is 0, dz is undefined and reported as `null` (`withheld.rule = 'zero-variance'`) while the
 * mean change and its (zero-width) interval are still given.
 *
 * @throws RangeError when a value is not a finite number or `minPairs` is not an integer ≥ 2.
 */
export function pairedImpact(pairs: readonly PrePostPair[], opts: PairedImpactOptions = {}): PairedImpact {
  const minimum = opts.minPairs ?? DEFAULT_MIN_PAIRS;
  if (!Number.isInteger(minimum) || minimum < 2) throw new RangeError('minPairs must be an integer of at least 2');
  pairs.forEach((pair, index) => {
    if (!Number.isFinite(pair.pre) || !Number.isFinite(pair.post)) {
      throw new RangeError(`pair ${index + 1}: pre and post must be finite numbers`);
    }
  });

  const n = pairs.length;
  if (n < minimum) {
    return {
      pairedN: n,
      preMean: null,
      postMean: null,
      meanChange: null,
      sdChange: null,
      ci95: null,
      effectSize: null,
      suppressed: true,
      withheld: { rule: 'min-pairs', minimum, message: PAIRED_IMPACT_RULES.minPairs(minimum) },
    };
  }

  const changes = pairs.map((pair) => pair.post - pair.pre);
  const preMean = mean(pairs.map((pair) => pair.pre));
  const postMean = mean(pairs.map((pair) => pair.post));

  // Identical changes: SD is exactly 0 (checked directly, since a float mean may differ from
  // the common value by a rounding error and would give a tiny SD and an absurd dz).
  const scale = Math.max(1, ...changes.map((change) => Math.abs(change)));
  const allEqual = changes.every((change) => Math.abs(change - changes[0]) <= 1e-12 * scale);
  if (allEqual) {
    const meanChange = mean(changes);
    return {
      pairedN: n,
      preMean,
      postMean,
      meanChange,
      sdChange: 0,
      ci95: [meanChange, meanChange],
      effectSize: null,
      suppressed: false,
      withheld: {
        rule: 'zero-variance',
        message: 'Every learner changed by the same amount (SD of changes is 0), so no effect size can be computed.',
      },
    };
  }

  const meanChange = mean(changes);
  let squares = 0;
  for (const change of changes) squares += (change - meanChange) ** 2;
  const sdChange = Math.sqrt(squares / (n - 1));
  const halfWidth = (tQuantile(0.975, n - 1) * sdChange) / Math.sqrt(n);
  return {
    pairedN: n,
    preMean,
    postMean,
    meanChange,
    sdChange,
    ci95: [meanChange - halfWidth, meanChange + halfWidth],
    effectSize: meanChange / sdChange,
    suppressed: false,
  };
}
