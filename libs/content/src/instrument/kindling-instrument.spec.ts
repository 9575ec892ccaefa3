import { describe, expect, it } from '@jest/globals';
import { LOCALES, scoreResponse, validateAnswers, validateInstrumentDefinition } from '@kindling/domain';
import { kindlingInstrument } from './kindling-instrument.js';

describe('kindlingInstrument', () => {
  it('passes validateInstrumentDefinition', () => {
    expect(validateInstrumentDefinition(kindlingInstrument)).toEqual([]);
  });

  it('has about 20 items over the five values and well-being, on a 1–5 scale', () => {
    expect(kindlingInstrument.key).toBe('kindling-reflect');
    expect(kindlingInstrument.version).toBe(1);
    expect(kindlingInstrument.scale.min).toBe(1);
    expect(kindlingInstrument.scale.max).toBe(5);
    expect(kindlingInstrument.scales.map((scale) => scale.key)).toEqual([
      'optimism',
      'kindness',
      'forgiveness',
      'gratitude',
      'happiness',
      'well-being',
    ]);
    expect(kindlingInstrument.items.length).toBeGreaterThanOrEqual(18);
    expect(kindlingInstrument.items.length).toBeLessThanOrEqual(24);
  });

  it('reverse-scores about one item per scale, never all of a scale', () => {
    for (const scale of kindlingInstrument.scales) {
      const items = kindlingInstrument.items.filter((item) => item.scaleKey === scale.key);
      const reversed = items.filter((item) => item.reverse).length;
      expect(reversed).toBeGreaterThanOrEqual(1);
      expect(reversed).toBeLessThan(items.length);
    }
  });

  it('has a title, instructions, disclaimer and every text in all four languages, each edition distinct', () => {
    for (const locale of LOCALES) {
      expect(kindlingInstrument.disclaimer[locale].length).toBeGreaterThan(80);
      expect(kindlingInstrument.title[locale]).not.toBe('');
      expect(kindlingInstrument.instructions[locale]).not.toBe('');
    }
    expect(kindlingInstrument.disclaimer.en).toMatch(/not a validated/);
    const texts = kindlingInstrument.items.map((item) => item.text);
    for (const text of texts) expect(new Set(LOCALES.map((locale) => text[locale])).size).toBe(4);
    for (const locale of LOCALES) expect(new Set(texts.map((text) => text[locale])).size).toBe(texts.length);
  });

  it('scores a complete response: all 5s give 5 except reversed items, which give 1', () => {
    const answers = kindlingInstrument.items.map((item) => ({ itemId: item.id, value: 5 }));
    expect(validateAnswers(kindlingInstrument, answers)).toEqual([]);
    const scores = scoreResponse(kindlingInstrument, answers);
    // optimism: (5 + 1 + 5) / 3
    expect(scores.optimism).toBeCloseTo(11 / 3, 12);
    // kindness and well-being: (5 + 5 + 1 + 5) / 4
    expect(scores.kindness).toBe(4);
    expect(scores['well-being']).toBe(4);
    expect(scores.total).toBeCloseTo((14 * 5 + 6 * 1) / 20, 12);
  });
});
