import type { LocalizedText } from '../../locale.js';
import type { InstrumentDefinition, ItemAnswer } from '../instrument.js';

/** Test helper: the same text in every locale, tagged so that locales stay distinguishable. */
export function same(text: string): LocalizedText {
  return { en: text, it: `${text} (it)`, de: `${text} (de)`, fr: `${text} (fr)` };
}

/**
 * A small 1–5 instrument for tests: scale `a` (a1, a2 reverse-scored, a3; minItems 2) and
 * scale `b` (b1, b2; minItems 2).
 */
export function smallInstrument(): InstrumentDefinition {
  const labels = ['one', 'two', 'three', 'four', 'five'];
  return {
    key: 'test-instrument',
    version: 1,
    scale: { min: 1, max: 5, labels: { en: labels, it: labels, de: labels, fr: labels } },
    scales: [
      { key: 'a', name: same('Scale A'), minItems: 2 },
      { key: 'b', name: same('Scale B'), minItems: 2 },
    ],
    items: [
      { id: 'a1', scaleKey: 'a', reverse: false, text: same('Item a1') },
      { id: 'a2', scaleKey: 'a', reverse: true, text: same('Item a2') },
      { id: 'a3', scaleKey: 'a', reverse: false, text: same('Item a3') },
      { id: 'b1', scaleKey: 'b', reverse: false, text: same('Item b1') },
      { id: 'b2', scaleKey: 'b', reverse: false, text: same('Item b2') },
    ],
  };
}

/** Builds answers from `{ itemId: value }`. */
export function answers(values: Record<string, number>): ItemAnswer[] {
  return Object.entries(values).map(([itemId, value]) => ({ itemId, value }));
}
