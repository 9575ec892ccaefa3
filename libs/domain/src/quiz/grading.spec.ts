import { describe, expect, it } from '@jest/globals';
import { gradeAttempt, MULTIPLE_CHOICE_RULE, percentTwoDecimals, validateAnswersShape, type GradableQuestion } from './grading.js';

const questions: GradableQuestion[] = [
  {
    id: 'q1',
    kind: 'single',
    options: [
      { id: 'q1a', correct: false },
      { id: 'q1b', correct: true },
      { id: 'q1c', correct: false },
    ],
  },
  {
    id: 'q2',
    kind: 'multiple',
    options: [
      { id: 'q2a', correct: true },
      { id: 'q2b', correct: false },
      { id: 'q2c', correct: true },
      { id: 'q2d', correct: false },
    ],
  },
  {
    id: 'q3',
    kind: 'multiple',
    options: [
      { id: 'q3a', correct: true },
      { id: 'q3b', correct: false },
    ],
  },
];

describe('gradeAttempt', () => {
  it('gives full marks when every chosen set equals the correct set', () => {
    const grade = gradeAttempt(
      questions,
      [
        { questionId: 'q1', optionIds: ['q1b'] },
        { questionId: 'q2', optionIds: ['q2c', 'q2a'] },
        { questionId: 'q3', optionIds: ['q3a'] },
      ],
      70,
    );
    expect(grade).toMatchObject({ scorePercent: 100, correctCount: 3, total: 3, passed: true });
    expect(grade.perQuestion.map((q) => q.correct)).toEqual([true, true, true]);
  });

  it('gives no partial credit for a subset or a superset of the correct options', () => {
    const grade = gradeAttempt(questions, [
      { questionId: 'q1', optionIds: ['q1b'] },
      { questionId: 'q2', optionIds: ['q2a'] }, // subset
      { questionId: 'q3', optionIds: ['q3a', 'q3b'] }, // superset
    ]);
    expect(grade.correctCount).toBe(1);
    expect(grade.scorePercent).toBe(33.33); // 100/3 = 33.333… → 33.33
    expect(grade.passed).toBeNull();
  });

  it('scores unanswered questions (missing or empty) as 0', () => {
    const grade = gradeAttempt(questions, [{ questionId: 'q2', optionIds: [] }], 0);
    expect(grade.correctCount).toBe(0);
    expect(grade.scorePercent).toBe(0);
    expect(grade.passed).toBe(true); // pass mark 0
    expect(grade.perQuestion.map((q) => q.answered)).toEqual([false, false, false]);
  });

  it('rounds to 2 decimals and passes at exactly the pass mark', () => {
    // 2 of 3 = 66.666… → 66.67
    const twoOfThree = gradeAttempt(
      questions,
      [
        { questionId: 'q1', optionIds: ['q1b'] },
        { questionId: 'q2', optionIds: ['q2a', 'q2c'] },
      ],
      66.67,
    );
    expect(twoOfThree.scorePercent).toBe(66.67);
    expect(twoOfThree.passed).toBe(true);
    expect(gradeAttempt(questions, [{ questionId: 'q1', optionIds: ['q1b'] }], 70).passed).toBe(false);
  });

  it('counts repeated option ids once and ignores unknown questions and second answers', () => {
    const grade = gradeAttempt(questions, [
      { questionId: 'q1', optionIds: ['q1b', 'q1b'] },
      { questionId: 'q1', optionIds: ['q1a'] },
      { questionId: 'nope', optionIds: ['x'] },
    ]);
    expect(grade.correctCount).toBe(1);
    expect(grade.perQuestion[0]).toEqual({
      questionId: 'q1',
      answered: true,
      correct: true,
      chosenOptionIds: ['q1b'],
      correctOptionIds: ['q1b'],
    });
  });

  it('scores a quiz without questions as 0', () => {
    expect(gradeAttempt([], [], 70)).toEqual({ scorePercent: 0, correctCount: 0, total: 0, passed: false, perQuestion: [] });
  });

  it('states the rule for the API description', () => {
    expect(MULTIPLE_CHOICE_RULE).toContain('no partial credit');
  });
});

describe('percentTwoDecimals', () => {
  it('rounds exact halves up and is exact for small fractions', () => {
    expect(percentTwoDecimals(1, 8)).toBe(12.5);
    expect(percentTwoDecimals(1, 16)).toBe(6.25);
    expect(percentTwoDecimals(1, 32)).toBe(3.13); // 3.125 → 3.13
    expect(percentTwoDecimals(1, 3)).toBe(33.33);
    expect(percentTwoDecimals(5, 7)).toBe(71.43); // 71.428…
    expect(percentTwoDecimals(7, 7)).toBe(100);
    expect(percentTwoDecimals(0, 0)).toBe(0);
  });
});

describe('validateAnswersShape', () => {
  it('accepts a well-formed (even partial) submission', () => {
    expect(validateAnswersShape(questions, [{ questionId: 'q2', optionIds: ['q2a', 'q2d'] }])).toEqual([]);
  });

  it('reports unknown questions and options, duplicates and several options for single choice', () => {
    expect(
      validateAnswersShape(questions, [
        { questionId: 'q9', optionIds: [] },
        { questionId: 'q1', optionIds: ['q1a', 'q1b'] },
        { questionId: 'q1', optionIds: ['q1a'] },
        { questionId: 'q2', optionIds: ['q2a', 'q1a', 'q2a'] },
      ]),
    ).toEqual([
      'answer 1: unknown question "q9"',
      'answer 2: question "q1" is single-choice; choose one option, not 2',
      'answer 3: question "q1" is answered more than once',
      'answer 4: option "q1a" does not belong to question "q2"',
      'answer 4: option "q2a" is chosen more than once',
    ]);
  });

  it('reports option ids that are not a list of strings', () => {
    const bad = [{ questionId: 'q1', optionIds: 'q1a' }] as unknown as { questionId: string; optionIds: string[] }[];
    expect(validateAnswersShape(questions, bad)).toEqual([
      'answer 1: optionIds of question "q1" must be a list of option ids',
    ]);
  });
});
