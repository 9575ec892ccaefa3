import { describe, expect, it } from '@jest/globals';
import { normalizeTextAnswer, validateQuizDefinition, validateQuizDraws, validateQuizSettings, type QuizQuestionDefinition } from './definition.js';
import { gradeAttempt, validateAnswersShape, type GradableQuestion } from './grading.js';
import { drawQuestions, scrambledOrder, shuffledChoices } from './shuffle.js';

const trueFalse: QuizQuestionDefinition = {
  prompt: 'Kindness can be trained.',
  kind: 'true-false',
  options: [{ text: 'True', correct: true, feedback: 'Yes: like any skill.' }, { text: 'False', correct: false }],
};
const ordering: QuizQuestionDefinition = { prompt: 'Order the steps', kind: 'ordering', options: [{ text: 'Notice' }, { text: 'Feel' }, { text: 'Act' }] };
const matching: QuizQuestionDefinition = {
  prompt: 'Match', kind: 'matching', options: [{ text: 'Empathy', match: 'feeling with' }, { text: 'Compassion', match: 'wishing to help' }],
};
const shortText: QuizQuestionDefinition = { prompt: 'One word for kindness to oneself', kind: 'short-text', options: [], acceptedAnswers: ['Self-compassion'] };

describe('question types: definition', () => {
  it('accepts a well-formed question of every new kind', () => {
    expect(validateQuizDefinition([trueFalse, ordering, matching, shortText])).toEqual([]);
  });

  it('names what each kind lacks', () => {
    expect(
      validateQuizDefinition([
        { ...trueFalse, options: [...trueFalse.options, { text: 'Maybe', correct: false }] },
        { ...matching, options: [{ text: 'A', match: 'x' }, { text: 'B', match: ' X ' }] },
        { ...matching, options: [{ text: 'A', match: 'x' }, { text: 'B' }] },
        { ...shortText, acceptedAnswers: [] },
        { ...shortText, options: [{ text: 'no', correct: true }] },
        { ...ordering, options: [{ text: 'Only' }] },
        { ...ordering, acceptedAnswers: ['x'] },
      ]).map((e) => e.replace(/\("[^"]*"\)/, '')),
    ).toEqual([
      'question 1 : a true/false question has exactly 2 options, not 3',
      'question 2 : options 1 and 2 have the same match',
      'question 3 : option 2 has no match',
      'question 4 : a short-text question needs at least one accepted answer',
      'question 5 : a short-text question has no options (use acceptedAnswers)',
      'question 6 : has 1 option; at least 2 are needed',
      'question 7 : only a short-text question has accepted answers',
    ]);
  });

  it('checks the time limit and the draws against the pool', () => {
    expect(validateQuizSettings({ passMark: 50, timeLimitMinutes: 10 })).toEqual([]);
    expect(validateQuizSettings({ passMark: 50, timeLimitMinutes: 0 })).toHaveLength(1);
    const pool = [{ ...trueFalse, tags: ['a'] }, { ...ordering, tags: ['a'] }, { ...matching, tags: ['b'] }, shortText];
    expect(validateQuizDraws([{ count: 2, tag: 'a' }, { count: 2 }], pool)).toEqual([]);
    expect(validateQuizDraws([{ count: 4 }, { count: 1, tag: 'b' }], pool)).toEqual([
      'draw 1: asks for 4 questions but only 3 are left to draw from',
    ]);
    expect(validateQuizDraws([{ count: 2, tag: 'b' }, { count: 0 }], pool)).toEqual([
      'draw 1: asks for 2 questions tagged "b" but only 1 are left to draw from',
      'draw 2: count must be a positive whole number',
    ]);
  });
});

const graded: GradableQuestion[] = [
  { id: 'tf', kind: 'true-false', options: [{ id: 't', correct: true }, { id: 'f', correct: false }] },
  { id: 'or', kind: 'ordering', options: [{ id: 'o1', correct: false }, { id: 'o2', correct: false }, { id: 'o3', correct: false }] },
  { id: 'ma', kind: 'matching', options: [{ id: 'm1', correct: false, matchId: 'c1' }, { id: 'm2', correct: false, matchId: 'c2' }] },
  { id: 'st', kind: 'short-text', options: [], acceptedAnswers: ['Selbstmitgefühl', 'self compassion'] },
];

describe('question types: grading', () => {
  it('scores right answers of every kind', () => {
    const grade = gradeAttempt(graded, [
      { questionId: 'tf', optionIds: ['t'] },
      { questionId: 'or', optionIds: ['o1', 'o2', 'o3'] },
      { questionId: 'ma', pairs: [{ optionId: 'm2', choiceId: 'c2' }, { optionId: 'm1', choiceId: 'c1' }] },
      // decomposed ü (u + U+0308), other case and extra spaces: the same answer after normalisation
      { questionId: 'st', text: '  SELBSTMITGEFU\u0308HL ' },
    ], 100);
    expect(grade.perQuestion.map((q) => q.correct)).toEqual([true, true, true, true]);
    expect(grade.passed).toBe(true);
  });

  it('scores wrong answers of every kind as 0', () => {
    const grade = gradeAttempt(graded, [
      { questionId: 'tf', optionIds: ['f'] },
      { questionId: 'or', optionIds: ['o2', 'o1', 'o3'] },
      { questionId: 'ma', pairs: [{ optionId: 'm1', choiceId: 'c1' }] }, // one option left unpaired
      { questionId: 'st', text: 'self-compassion' },
    ]);
    expect(grade.perQuestion.map((q) => [q.answered, q.correct])).toEqual([[true, false], [true, false], [true, false], [true, false]]);
    expect(grade.scorePercent).toBe(0);
  });

  it('normalises whitespace runs inside a typed answer', () => {
    expect(normalizeTextAnswer(' Self \t  Compassion\n')).toBe('self compassion');
    expect(gradeAttempt(graded, [{ questionId: 'st', text: '   ' }]).perQuestion[3]).toMatchObject({ answered: false, correct: false });
  });

  it('rejects answers of the wrong shape for the kind', () => {
    expect(
      validateAnswersShape(graded, [
        { questionId: 'tf', optionIds: ['t', 'f'] },
        { questionId: 'or', optionIds: ['o1', 'o2'] },
        { questionId: 'ma', pairs: [{ optionId: 'm1', choiceId: 'zz' }, { optionId: 'm1', choiceId: 'c1' }] },
        { questionId: 'st', optionIds: ['t'], text: 'x'.repeat(501) },
      ]),
    ).toEqual([
      'answer 1: question "tf" is single-choice; choose one option, not 2',
      'answer 2: question "or" is an ordering; give every one of its 3 options once, in your order',
      'answer 3: choice "zz" does not belong to question "ma"',
      'answer 3: option "m1" is paired more than once',
      'answer 4: question "st" is answered with text, not options',
      'answer 4: text of question "st" is longer than 500 characters',
    ]);
  });
});

describe('question types: presentation', () => {
  it('draws per attempt, deterministically per seed, tags first', () => {
    const pool = [
      { id: 'a1', tags: ['a'] }, { id: 'a2', tags: ['a'] }, { id: 'b1', tags: ['b'] }, { id: 'x1' }, { id: 'x2' }, { id: 'x3' },
    ];
    const draws = [{ count: 2 }, { count: 1, tag: 'a' }];
    const one = drawQuestions(pool, draws, 'attempt-1');
    expect(one).toHaveLength(3);
    expect(one.filter((q) => q.tags?.includes('a')).length).toBeGreaterThanOrEqual(1);
    expect(drawQuestions(pool, draws, 'attempt-1')).toEqual(one);
    const seen = new Set(Array.from({ length: 30 }, (_, i) => drawQuestions(pool, draws, `s${i}`).map((q) => q.id).join()));
    expect(seen.size).toBeGreaterThan(1);
    expect(drawQuestions(pool, null, 'x')).toEqual(pool);
  });

  it('never presents an ordering in its correct order and shuffles matching choices by seed', () => {
    for (let i = 0; i < 20; i++) {
      expect(scrambledOrder(['a', 'b'], `seed${i}`)).toEqual(['b', 'a']);
      expect(scrambledOrder(['a', 'b', 'c'], `seed${i}`)).not.toEqual(['a', 'b', 'c']);
    }
    expect(shuffledChoices(['x', 'y', 'z'], 's')).toEqual(shuffledChoices(['x', 'y', 'z'], 's'));
  });
});
