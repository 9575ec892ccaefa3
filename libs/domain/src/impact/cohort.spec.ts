import { describe, expect, it } from '@jest/globals';
import { answers, smallInstrument } from './__tests__/fixtures.js';
import { cohortImpact, type LearnerResponses, type ScaleImpact } from './cohort.js';

function close(actual: number | null | undefined, expected: number): void {
  expect(typeof actual).toBe('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
}

// Instrument: a = a1, a2 (reverse: 6 − answer), a3, minItems 2; b = b1, b2, minItems 2.
// Scale scores worked by hand next to each response (a | b | total).
const cohort: LearnerResponses[] = [
  {
    learnerKey: 'L1',
    pre: answers({ a1: 2, a2: 4, a3: 2, b1: 3, b2: 3 }), // a (2+2+2)/3 = 2      | b 3   | total 12/5 = 2.4
    post: answers({ a1: 3, a2: 3, a3: 4, b1: 3, b2: 4 }), // a (3+3+4)/3 = 10/3  | b 3.5 | total 17/5 = 3.4
  },
  {
    learnerKey: 'L2',
    pre: answers({ a1: 3, a2: 3, a3: 3, b1: 2, b2: 2 }), // a 3                  | b 2   | total 13/5 = 2.6
    post: answers({ a1: 4, a2: 2, a3: 4, b1: 2, b2: 3 }), // a 4                 | b 2.5 | total 17/5 = 3.4
  },
  {
    learnerKey: 'L3',
    pre: answers({ a1: 1, a2: 5, a3: 2, b1: 4, b2: 4 }), // a (1+1+2)/3 = 4/3    | b 4   | total 12/5 = 2.4
    post: answers({ a1: 2, a2: 4, a3: 2, b1: 4, b2: 5 }), // a 2                 | b 4.5 | total 15/5 = 3
  },
  {
    learnerKey: 'L4',
    pre: answers({ a1: 4, a2: 2, a3: 4, b1: 1, b2: 2 }), // a 4                  | b 1.5 | total 15/5 = 3
    post: answers({ a1: 5, a2: 1, a3: 4, b1: 2, b2: 2 }), // a (5+5+4)/3 = 14/3  | b 2   | total 18/5 = 3.6
  },
  {
    learnerKey: 'L5',
    pre: answers({ a1: 2, a2: 3, a3: 3 }), //                 a (2+3+3)/3 = 8/3    | b —   | total —
    post: answers({ a1: 3, a2: 3, a3: 3, b1: 3, b2: 3 }), // a 3                 | b 3   | total 3
  },
  // L6 comes as two entries, one per phase
  { learnerKey: 'L6', pre: answers({ a1: 3, a2: 3, b1: 2, b2: 3 }) }, // a (3+3)/2 = 3 | b 2.5 | total 11/4 = 2.75
  { learnerKey: 'L6', post: answers({ a1: 4, a2: 2, a3: 5, b1: 3, b2: 3 }) }, // a 13/3 | b 3 | total 19/5 = 3.8
  { learnerKey: 'L7', pre: answers({ a1: 3, a2: 3, a3: 3, b1: 3, b2: 3 }) }, // pre only
  { learnerKey: 'L8', post: answers({ a1: 3, a2: 3, a3: 3, b1: 3, b2: 3 }) }, // post only
  { learnerKey: 'L9', pre: answers({ a1: 1, a2: 1, a3: 1, b1: 1, b2: 1 }) },
  { learnerKey: 'L9', pre: answers({ a1: 5, a2: 5, a3: 5, b1: 5, b2: 5 }) }, // pre twice: excluded
];

function row(scales: ScaleImpact[], key: string): ScaleImpact {
  const found = scales.find((scale) => scale.key === key);
  if (found === undefined) throw new Error(`no row ${key}`);
  return found;
}

describe('cohortImpact', () => {
  const result = cohortImpact(smallInstrument(), cohort, { instrumentId: 'inst-1', locale: 'it' });

  it('lists every scale and the total, with names in the requested locale', () => {
    expect(result.instrumentId).toBe('inst-1');
    expect(result.instrument).toEqual({ key: 'test-instrument', version: 1 });
    expect(result.scales.map((scale) => [scale.key, scale.name])).toEqual([
      ['a', 'Scale A (it)'],
      ['b', 'Scale B (it)'],
      ['total', 'Complessivo'],
    ]);
  });

  it('pairs learners who have a score in both phases on that scale', () => {
    // a pairs: (2, 10/3) (3, 4) (4/3, 2) (4, 14/3) (8/3, 3) (3, 13/3)
    // changes 4/3 1 2/3 2/3 1/3 4/3 → mean 8/9, variance 22/135, sd 0.40368671387966554
    // t(0.975, 5) = 2.5705818356363155 → CI [0.46524566399107475, 1.312532113786703]
    const a = row(result.scales, 'a');
    expect(a.pairedN).toBe(6);
    expect(a.preN).toBe(7); // L1–L7
    expect(a.postN).toBe(7); // L1–L6, L8
    close(a.preMean, 2.6666666666666665);
    close(a.postMean, 3.555555555555556);
    close(a.meanChange, 0.8888888888888888);
    close(a.sdChange, 0.40368671387966554);
    close(a.ci95?.[0], 0.46524566399107475);
    close(a.ci95?.[1], 1.312532113786703);
    close(a.effectSize, 2.2019275302527213);
    expect(a.suppressed).toBe(false);
  });

  it('computes the total only for learners with a total in both phases', () => {
    // total pairs: (2.4, 3.4) (2.6, 3.4) (2.4, 3) (3, 3.6) (2.75, 3.8); L5 has no pre total
    // changes 1 0.8 0.6 0.6 1.05 → mean 0.81, variance 91/2000, sd 0.21330729007701543
    // t(0.975, 4) = 2.7764451051977943 → CI [0.5451440173569628, 1.0748559826430373]
    const total = row(result.scales, 'total');
    expect(total.pairedN).toBe(5);
    close(total.preMean, 2.63);
    close(total.postMean, 3.44);
    close(total.meanChange, 0.81);
    close(total.sdChange, 0.21330729007701543);
    close(total.ci95?.[0], 0.5451440173569628);
    close(total.ci95?.[1], 1.0748559826430373);
    close(total.effectSize, 3.797338570601813);
  });

  it('reports sd = 0 without an effect size', () => {
    // b pairs: (3, 3.5) (2, 2.5) (4, 4.5) (1.5, 2) (2.5, 3): every change is 0.5
    const b = row(result.scales, 'b');
    expect(b.pairedN).toBe(5);
    expect(b.meanChange).toBe(0.5);
    expect(b.effectSize).toBeNull();
    expect(b.withheld?.rule).toBe('zero-variance');
  });

  it('excludes a learner whose phase was given twice', () => {
    expect(result.excluded).toEqual([{ learnerKey: 'L9', reason: 'the pre self-assessment was given more than once' }]);
  });

  it('states its rules', () => {
    expect(result.rules.map((rule) => rule.code)).toEqual([
      'scale-score',
      'pairing',
      'confidence-interval',
      'effect-size',
      'min-pairs',
    ]);
    expect(result.rules.find((rule) => rule.code === 'min-pairs')?.minimum).toBe(5);
  });

  it('suppresses rows with fewer than 5 pairs', () => {
    const small = cohortImpact(smallInstrument(), cohort.slice(0, 4));
    for (const scale of small.scales) {
      expect(scale.pairedN).toBe(4);
      expect(scale.suppressed).toBe(true);
      expect(scale.meanChange).toBeNull();
      expect(scale.ci95).toBeNull();
      expect(scale.effectSize).toBeNull();
      expect(scale.withheld).toEqual(expect.objectContaining({ rule: 'min-pairs', minimum: 5 }));
    }
    expect(small.instrumentId).toBeUndefined();
    expect(row(small.scales, 'total').name).toBe('Overall');
  });

  it('counts a learner on a scale only when both phases reach minItems there', () => {
    // L5's pre has no b answers: it pairs on a but not on b or total
    const only = cohortImpact(smallInstrument(), [cohort[4]!], { minPairs: 2 });
    expect(only.scales.map((scale) => [scale.key, scale.pairedN, scale.preN, scale.postN])).toEqual([
      ['a', 1, 1, 1],
      ['b', 0, 0, 1],
      ['total', 0, 0, 1],
    ]);
  });
});
