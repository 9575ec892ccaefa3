import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createSeededRandom, seededShuffle, sha256Hex } from './seeded-random.js';
import { shuffleForAttempt } from './shuffle.js';

describe('sha256Hex', () => {
  it('matches node:crypto, across block boundaries and for non-ASCII text', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'b'.repeat(1000), 'Gentilezza è forza ✨ Güte'];
    for (const input of inputs) {
      expect(sha256Hex(input)).toBe(createHash('sha256').update(input, 'utf8').digest('hex'));
    }
  });

  it('matches the FIPS 180-2 example for "abc"', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('createSeededRandom', () => {
  it('repeats for the same seed and differs for another', () => {
    const draw = (seed: string): number[] => {
      const random = createSeededRandom(seed);
      return Array.from({ length: 8 }, () => random.nextUint32());
    };
    expect(draw('attempt-1')).toEqual(draw('attempt-1'));
    expect(draw('attempt-1')).not.toEqual(draw('attempt-2'));
    expect(draw('x').every((value) => Number.isInteger(value) && value >= 0 && value < 2 ** 32)).toBe(true);
  });

  it('draws integers within the bound, roughly uniformly', () => {
    const random = createSeededRandom('uniformity');
    const counts = [0, 0, 0, 0, 0, 0];
    const draws = 60000;
    for (let i = 0; i < draws; i += 1) counts[random.nextInt(6)]! += 1;
    // chi-square with 5 df; 20.5 is its 99.9th percentile
    const expected = draws / 6;
    const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(20.5);
    expect(() => random.nextInt(0)).toThrow(RangeError);
  });

  it('makes every permutation of 3 items about equally likely over many seeds', () => {
    const counts = new Map<string, number>();
    const seeds = 6000;
    for (let i = 0; i < seeds; i += 1) {
      const key = seededShuffle(['a', 'b', 'c'], createSeededRandom(`seed-${i}`)).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const expected = seeds / 6;
    const chiSquare = [...counts.values()].reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
    expect(chiSquare).toBeLessThan(20.5);
  });
});

describe('shuffleForAttempt', () => {
  const questions = Array.from({ length: 8 }, (_, q) => ({
    id: `q${q}`,
    prompt: `Question ${q}`,
    options: Array.from({ length: 5 }, (__, o) => ({ id: `q${q}o${o}`, text: `Option ${o}` })),
  }));
  const ids = (list: typeof questions): string[] => list.map((question) => question.id);
  const optionIds = (list: typeof questions): string[][] =>
    list.map((question) => question.options.map((option) => option.id));

  it('is deterministic for a seed and changes nothing in the input', () => {
    const before = structuredClone(questions);
    const first = shuffleForAttempt(questions, { shuffleQuestions: true, shuffleOptions: true }, 'attempt-42');
    const second = shuffleForAttempt(questions, { shuffleQuestions: true, shuffleOptions: true }, 'attempt-42');
    expect(first).toEqual(second);
    expect(questions).toEqual(before);
  });

  it('returns a permutation of the questions and of each question’s options', () => {
    const shuffled = shuffleForAttempt(questions, { shuffleQuestions: true, shuffleOptions: true }, 'perm');
    expect([...ids(shuffled)].sort()).toEqual(ids(questions));
    for (const question of shuffled) {
      const original = questions.find((candidate) => candidate.id === question.id)!;
      expect(question.prompt).toBe(original.prompt);
      expect([...question.options.map((option) => option.id)].sort()).toEqual(original.options.map((option) => option.id));
    }
  });

  it('gives different orders for different seeds', () => {
    const orders = new Set(
      ['s1', 's2', 's3', 's4', 's5'].map((seed) =>
        ids(shuffleForAttempt(questions, { shuffleQuestions: true, shuffleOptions: false }, seed)).join(','),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('leaves the order alone when shuffling is off', () => {
    const same = shuffleForAttempt(questions, { shuffleQuestions: false, shuffleOptions: false }, 'any');
    expect(same).toEqual(questions);
    const optionsOnly = shuffleForAttempt(questions, { shuffleQuestions: false, shuffleOptions: true }, 'any');
    expect(ids(optionsOnly)).toEqual(ids(questions));
    expect(optionIds(optionsOnly)).not.toEqual(optionIds(questions));
  });

  it('keeps each question’s option order independent of question shuffling', () => {
    const optionsOnly = shuffleForAttempt(questions, { shuffleQuestions: false, shuffleOptions: true }, 'indep');
    const both = shuffleForAttempt(questions, { shuffleQuestions: true, shuffleOptions: true }, 'indep');
    for (const question of both) {
      const twin = optionsOnly.find((candidate) => candidate.id === question.id)!;
      expect(question.options).toEqual(twin.options);
    }
  });
});
