import { describe, expect, it } from '@jest/globals';
import { pairedImpact, type PairedImpact } from './paired.js';

/** Expects every number to match the reference to 1e-9. */
function expectClose(actual: number | null, expected: number): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
}

function expectStats(
  result: PairedImpact,
  ref: { n: number; pre: number; post: number; mean: number; sd: number; low: number; high: number; dz: number },
): void {
  expect(result.pairedN).toBe(ref.n);
  expect(result.suppressed).toBe(false);
  expect(result.withheld).toBeUndefined();
  expectClose(result.preMean, ref.pre);
  expectClose(result.postMean, ref.post);
  expectClose(result.meanChange, ref.mean);
  expectClose(result.sdChange, ref.sd);
  expect(result.ci95).not.toBeNull();
  expectClose(result.ci95![0], ref.low);
  expectClose(result.ci95![1], ref.high);
  expectClose(result.effectSize, ref.dz);
}

describe('pairedImpact', () => {
  it('matches a hand-worked example', () => {
    // pre  2 3 2 4 3  → mean 14/5 = 2.8
    // post 3 5 2 5 4  → mean 19/5 = 3.8
    // change d = 1 2 0 1 1 → mean 1
    // deviations 0 1 −1 0 0 → Σ² = 2, variance = 2/4 = 0.5, sd = √0.5 = 0.7071067811865476
    // se = sd/√5 = √0.1 = 0.31622776601683794
    // t(0.975, 4) = 2.7764451051977943 (from the regularized incomplete beta, mpmath 40 digits)
    // half-width = 2.7764451051977943 × 0.31622776601683794 = 0.8779890330850831
    // CI = [0.1220109669149169, 1.877989033085083], dz = 1/√0.5 = √2
    const result = pairedImpact([
      { pre: 2, post: 3 },
      { pre: 3, post: 5 },
      { pre: 2, post: 2 },
      { pre: 4, post: 5 },
      { pre: 3, post: 4 },
    ]);
    expectStats(result, {
      n: 5,
      pre: 2.8,
      post: 3.8,
      mean: 1,
      sd: 0.7071067811865476,
      low: 0.1220109669149169,
      high: 1.877989033085083,
      dz: 1.4142135623730951,
    });
  });

  it("matches Student's sleep data (Cushny & Peebles 1905; R's `sleep`, t.test paired)", () => {
    // Extra hours of sleep with two drugs for the same 10 patients. Published: mean difference
    // 1.58, t(9) = 4.0621, 95% CI [0.7001142, 2.4598858]. Literals below recomputed with
    // exact fractions and mpmath (t quantile by inverting the incomplete beta).
    const drug1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const drug2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const result = pairedImpact(drug1.map((pre, i) => ({ pre, post: drug2[i]! })));
    expectStats(result, {
      n: 10,
      pre: 0.75,
      post: 2.33,
      mean: 1.58,
      sd: 1.2299954832798732, // √(1702/1125)
      low: 0.7001142367230172,
      high: 2.459885763276983,
      dz: 1.2845575625910544,
    });
    // and the figures as R prints them
    expect(result.ci95![0]).toBeCloseTo(0.7001142, 7);
    expect(result.ci95![1]).toBeCloseTo(2.4598858, 7);
    const t = result.meanChange! / (result.sdChange! / Math.sqrt(10));
    expect(t).toBeCloseTo(4.0621, 4);
  });

  it('reports a negative change (post below pre) with a CI below zero', () => {
    // mirror of the hand-worked example: every change negated
    const result = pairedImpact([
      { pre: 3, post: 2 },
      { pre: 5, post: 3 },
      { pre: 2, post: 2 },
      { pre: 5, post: 4 },
      { pre: 4, post: 3 },
    ]);
    expectClose(result.meanChange, -1);
    expectClose(result.ci95![0], -1.877989033085083);
    expectClose(result.ci95![1], -0.1220109669149169);
    expectClose(result.effectSize, -1.4142135623730951);
  });

  it('withholds everything but the count below 5 pairs', () => {
    const result = pairedImpact([
      { pre: 1, post: 2 },
      { pre: 2, post: 4 },
      { pre: 3, post: 3 },
      { pre: 2, post: 5 },
    ]);
    expect(result).toEqual({
      pairedN: 4,
      preMean: null,
      postMean: null,
      meanChange: null,
      sdChange: null,
      ci95: null,
      effectSize: null,
      suppressed: true,
      withheld: { rule: 'min-pairs', minimum: 5, message: expect.stringContaining('fewer than 5') },
    });
  });

  it('handles no pairs at all', () => {
    const result = pairedImpact([]);
    expect(result.pairedN).toBe(0);
    expect(result.suppressed).toBe(true);
  });

  it('honours a custom minimum', () => {
    const pairs = [
      { pre: 2, post: 3 },
      { pre: 3, post: 5 },
      { pre: 2, post: 2 },
    ];
    expect(pairedImpact(pairs).suppressed).toBe(true);
    // n = 3: d = 1 2 0, mean 1, variance (0 + 1 + 1)/2 = 1, sd 1, t(0.975, 2) = 4.302652729749464
    const result = pairedImpact(pairs, { minPairs: 3 });
    expectClose(result.meanChange, 1);
    expectClose(result.sdChange, 1);
    expectClose(result.ci95![0], 1 - 4.302652729749464 / Math.sqrt(3));
    expectClose(result.ci95![1], 1 + 4.302652729749464 / Math.sqrt(3));
    expectClose(result.effectSize, 1);
    expect(() => pairedImpact(pairs, { minPairs: 1 })).toThrow(RangeError);
  });

  it('gives no effect size when every change is the same (sd = 0)', () => {
    const result = pairedImpact([1, 2, 3, 4, 5].map((pre) => ({ pre, post: pre + 0.5 })));
    expect(result.suppressed).toBe(false);
    expect(result.meanChange).toBe(0.5);
    expect(result.sdChange).toBe(0);
    expect(result.ci95).toEqual([0.5, 0.5]);
    expect(result.effectSize).toBeNull();
    expect(result.withheld).toEqual({ rule: 'zero-variance', message: expect.stringContaining('SD of changes is 0') });
  });

  it('treats changes equal up to float rounding as sd = 0 (no absurd effect size)', () => {
    // 0.3 − 0.2 and 0.2 − 0.1 differ in the last bit
    const result = pairedImpact([
      { pre: 0.2, post: 0.3 },
      { pre: 0.1, post: 0.2 },
      { pre: 0.2, post: 0.3 },
      { pre: 0.1, post: 0.2 },
      { pre: 0.2, post: 0.3 },
    ]);
    expect(result.effectSize).toBeNull();
    expect(result.sdChange).toBe(0);
    expect(result.withheld?.rule).toBe('zero-variance');
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => pairedImpact([{ pre: Number.NaN, post: 1 }])).toThrow('pair 1: pre and post must be finite numbers');
  });
});
