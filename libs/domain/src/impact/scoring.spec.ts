import { describe, expect, it } from '@jest/globals';
import { answers, smallInstrument } from './__tests__/fixtures.js';
import { scoreResponse } from './scoring.js';

describe('scoreResponse', () => {
  const def = smallInstrument();

  it('reverse-scores items as max + min − answer and averages per scale', () => {
    // a: a1 = 4, a2 (reverse) = 2 → 5 + 1 − 2 = 4, a3 = 5 → (4 + 4 + 5) / 3 = 13/3
    // b: (1 + 3) / 2 = 2
    // total: (4 + 4 + 5 + 1 + 3) / 5 = 17/5 = 3.4
    const scores = scoreResponse(def, answers({ a1: 4, a2: 2, a3: 5, b1: 1, b2: 3 }));
    expect(scores.a).toBeCloseTo(13 / 3, 12);
    expect(scores.b).toBe(2);
    expect(scores.total).toBeCloseTo(3.4, 12);
  });

  it('maps the ends of the range onto each other for reverse items', () => {
    expect(scoreResponse(def, answers({ a1: 1, a2: 5, a3: 1, b1: 5, b2: 5 })).a).toBe(1);
    expect(scoreResponse(def, answers({ a1: 5, a2: 1, a3: 5, b1: 5, b2: 5 })).a).toBe(5);
  });

  it('reverse-scores on a 1–7 range too (7 + 1 − 2 = 6)', () => {
    const seven = smallInstrument();
    seven.scale = { min: 1, max: 7, labels: { en: [], it: [], de: [], fr: [] } };
    // a: (7 + 6 + 7) / 3 = 20/3
    expect(scoreResponse(seven, answers({ a1: 7, a2: 2, a3: 7, b1: 1, b2: 1 })).a).toBeCloseTo(20 / 3, 12);
  });

  it('reverse-scores on a 0–4 range (4 + 0 − 1 = 3)', () => {
    const zero = smallInstrument();
    zero.scale = { min: 0, max: 4, labels: { en: [], it: [], de: [], fr: [] } };
    // a: (0 + 3 + 0) / 3 = 1
    expect(scoreResponse(zero, answers({ a1: 0, a2: 1, a3: 0, b1: 0, b2: 0 })).a).toBe(1);
  });

  it('scores a scale from its answered items when at least minItems are answered', () => {
    // a: only a1 = 2 and a2 (reverse) = 1 → 5 → (2 + 5) / 2 = 3.5; total over the 4 answered items
    const scores = scoreResponse(def, answers({ a1: 2, a2: 1, b1: 3, b2: 4 }));
    expect(scores.a).toBe(3.5);
    expect(scores.total).toBe((2 + 5 + 3 + 4) / 4);
  });

  it('gives null for a scale below minItems, and then no total', () => {
    const scores = scoreResponse(def, answers({ a1: 2, b1: 3, b2: 4 }));
    expect(scores).toEqual({ a: null, b: 3.5, total: null });
  });

  it('ignores unknown items, out-of-range values and items answered twice', () => {
    const scores = scoreResponse(def, [
      { itemId: 'a1', value: 3 },
      { itemId: 'a2', value: 9 },
      { itemId: 'a3', value: 2 },
      { itemId: 'a3', value: 4 },
      { itemId: 'zz', value: 1 },
      { itemId: 'b1', value: 2 },
      { itemId: 'b2', value: 2 },
    ]);
    // a has only a1 counted (< minItems 2)
    expect(scores).toEqual({ a: null, b: 2, total: null });
  });

  it('gives every score null for an empty response', () => {
    expect(scoreResponse(def, [])).toEqual({ a: null, b: null, total: null });
  });
});
