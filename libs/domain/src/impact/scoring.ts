import { TOTAL_SCALE_KEY, type InstrumentDefinition, type ItemAnswer } from './instrument.js';

/** Scores of one response: one entry per scale key plus `total`; `null` means "no score". */
export type ResponseScores = Record<string, number | null>;

/** The scoring rule, in words, for reports and the OpenAPI description. */
export const SCORING_RULE =
  'Reverse-scored items count as (max + min − answer). A scale score is the mean of its answered items and is ' +
  'only given when at least the scale’s minItems items are answered. The total is the mean of all answered items ' +
  'and is only given when every scale has a score. Answers to unknown items, answers out of range and items ' +
  'answered more than once are not counted.';

/**
 * Scores one response to an instrument.
 *
 * - A reverse-scored item answered `a` counts as `max + min − a`.
 * - A scale score is the mean of the scale's counted items; it is `null` when fewer than the
 *   scale's `minItems` items are counted.
 * - `total` is the mean of all counted items, and `null` unless every scale has a score (so a
 *   total never silently stands for only part of the instrument).
 * - Only valid answers are counted: unknown items, non-integer or out-of-range values, and
 *   items answered more than once (ambiguous) are ignored. Use `validateAnswers` to reject
 *   such submissions up front.
 */
export function scoreResponse(def: InstrumentDefinition, answers: readonly ItemAnswer[]): ResponseScores {
  const { min, max } = def.scale;
  const occurrences = new Map<string, number>();
  for (const answer of answers) occurrences.set(answer.itemId, (occurrences.get(answer.itemId) ?? 0) + 1);
  const valueOf = new Map<string, number>();
  for (const answer of answers) {
    const { itemId, value } = answer;
    if (occurrences.get(itemId) !== 1) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) continue;
    valueOf.set(itemId, value);
  }

  const sums = new Map<string, { sum: number; count: number }>();
  let totalSum = 0;
  let totalCount = 0;
  for (const item of def.items) {
    const raw = valueOf.get(item.id);
    if (raw === undefined) continue;
    const scored = item.reverse ? max + min - raw : raw;
    const entry = sums.get(item.scaleKey) ?? { sum: 0, count: 0 };
    entry.sum += scored;
    entry.count += 1;
    sums.set(item.scaleKey, entry);
    totalSum += scored;
    totalCount += 1;
  }

  const scores: ResponseScores = {};
  let everyScaleScored = true;
  for (const scale of def.scales) {
    const entry = sums.get(scale.key);
    if (entry === undefined || entry.count < scale.minItems || entry.count === 0) {
      scores[scale.key] = null;
      everyScaleScored = false;
    } else {
      scores[scale.key] = entry.sum / entry.count;
    }
  }
  scores[TOTAL_SCALE_KEY] = everyScaleScored && totalCount > 0 ? totalSum / totalCount : null;
  return scores;
}
