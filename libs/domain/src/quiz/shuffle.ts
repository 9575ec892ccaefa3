import { drawOrder } from './definition.js';
import { createSeededRandom, seededShuffle } from './seeded-random.js';

export interface ShuffleOptions {
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

/** Anything with options; an `id` (when present) keeps each question's option order stable. */
export interface ShufflableQuestion {
  id?: string;
  options: readonly unknown[];
}

/**
 * The order in which an attempt presents the questions and their options. Deterministic: the
 * same questions, settings and seed (use the attempt id) always give the same order, so an
 * attempt can be shown again on any device. Inputs are not changed.
 *
 * Questions are shuffled with a generator seeded by `seed`; the options of each question with
 * one seeded by `seed` and the question's id (or its original position), so the option order
 * of a question does not depend on whether the questions are shuffled too.
 */
export function shuffleForAttempt<Q extends ShufflableQuestion>(
  questions: readonly Q[],
  options: ShuffleOptions,
  seed: string,
): Q[] {
  const withOptions = questions.map((question, index): Q => {
    if (!options.shuffleOptions) return question;
    const random = createSeededRandom(`${seed}\u0000options\u0000${question.id ?? `#${index}`}`);
    return { ...question, options: seededShuffle(question.options, random) };
  });
  if (!options.shuffleQuestions) return withOptions;
  return seededShuffle(withOptions, createSeededRandom(`${seed}\u0000questions`));
}

/**
 * The questions an attempt asks when the quiz draws from its pool: for each draw (tagged draws
 * first, see `drawOrder`) `count` questions picked at random (seeded by `seed`, the attempt id)
 * among those not drawn yet and carrying the draw's tag. The result keeps the pool's order
 * (shuffling, when the quiz asks for it, comes after). No draws: every question. A draw with too
 * few candidates left takes what is left (the definition check prevents this for non-overlapping tags).
 */
export function drawQuestions<Q extends { tags?: readonly string[]; bank?: boolean }>(
  pool: readonly Q[],
  draws: readonly { count: number; tag?: string; from?: 'bank' }[] | null | undefined,
  seed: string,
): Q[] {
  // The pool is the quiz's own questions, then the course bank's questions its bank draws may take (quiz_pool).
  if (!draws || draws.length === 0) return pool.filter((q) => !q.bank);
  const taken = new Set<number>();
  // Only bank draws: every own question is asked, with the bank's draws added.
  if (!draws.some((d) => d.from !== 'bank')) pool.forEach((q, i) => { if (!q.bank) taken.add(i); });
  const random = createSeededRandom(`${seed}\u0000draws`);
  for (const { draw } of drawOrder(draws)) {
    const tag = draw.tag?.trim();
    const fromBank = draw.from === 'bank';
    const candidates = pool
      .map((q, i) => ({ q, i }))
      .filter(({ q, i }) => !taken.has(i) && (q.bank === true) === fromBank && (tag === undefined || (q.tags ?? []).some((t) => t.trim() === tag)));
    for (const { i } of seededShuffle(candidates, random).slice(0, draw.count)) taken.add(i);
  }
  return pool.filter((_, i) => taken.has(i));
}

/**
 * An order of an ordering question's options that is never the correct one (when there are at
 * least two): seeded shuffle, and when it happens to be the correct order, rotated by one.
 */
export function scrambledOrder<T>(correctOrder: readonly T[], seed: string): T[] {
  const shuffled = seededShuffle(correctOrder, createSeededRandom(`${seed}\u0000order`));
  if (shuffled.length > 1 && shuffled.every((item, i) => item === correctOrder[i])) return [...shuffled.slice(1), shuffled[0]!];
  return shuffled;
}

/** The choices of a matching question in a seeded order (independent of the options' order). */
export function shuffledChoices<T>(choices: readonly T[], seed: string): T[] {
  return seededShuffle(choices, createSeededRandom(`${seed}\u0000choices`));
}
