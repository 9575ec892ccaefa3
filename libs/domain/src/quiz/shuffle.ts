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
