import { describe, expect, it } from '@jest/globals';
import { evaluateCompletion, type CompletionInput } from './evaluate-completion.js';

const allDone: CompletionInput = {
  lessonsTotal: 8,
  lessonsCompleted: 8,
  quizzesTotal: 2,
  quizzesPassed: 2,
  requiresSelfAssessment: true,
  preDone: true,
  postDone: true,
  minMinutes: 60,
  learningMinutes: 75,
};

describe('evaluateCompletion', () => {
  it('is complete at 100% when every requirement is met', () => {
    expect(evaluateCompletion(allDone)).toEqual({ complete: true, progressPercent: 100, missing: [], details: [] });
  });

  it('floors the share of lessons and quizzes done', () => {
    // 2 of 10 items → 20; 9 of 10 → 90; 1 of 3 → 33.3 → 33; 2 of 3 → 66.7 → 66
    expect(evaluateCompletion({ ...allDone, lessonsCompleted: 2, quizzesPassed: 0 }).progressPercent).toBe(20);
    expect(evaluateCompletion({ ...allDone, quizzesPassed: 1 }).progressPercent).toBe(90);
    const three = { ...allDone, lessonsTotal: 2, quizzesTotal: 1, quizzesPassed: 0 };
    expect(evaluateCompletion({ ...three, lessonsCompleted: 1 }).progressPercent).toBe(33);
    expect(evaluateCompletion({ ...three, lessonsCompleted: 2 }).progressPercent).toBe(66);
  });

  it('never shows 100 before every item is done', () => {
    const state = evaluateCompletion({ ...allDone, lessonsTotal: 300, lessonsCompleted: 299, quizzesTotal: 1, quizzesPassed: 1 });
    expect(state.progressPercent).toBe(99);
    expect(state.missing).toEqual(['lessons']);
  });

  it('stays at 100% items but incomplete while the post self-assessment or time is missing', () => {
    const state = evaluateCompletion({ ...allDone, postDone: false, learningMinutes: 30 });
    expect(state.progressPercent).toBe(100);
    expect(state.complete).toBe(false);
    expect(state.missing).toEqual(['learning-time', 'post-self-assessment']);
    expect(state.details).toEqual([
      '30 of 60 minutes of learning time',
      'the self-assessment after the course is not submitted',
    ]);
  });

  it('lists everything missing at the start, in the order a learner meets it', () => {
    const state = evaluateCompletion({
      ...allDone,
      lessonsCompleted: 0,
      quizzesPassed: 0,
      preDone: false,
      postDone: false,
      learningMinutes: 0,
    });
    expect(state).toEqual({
      complete: false,
      progressPercent: 0,
      missing: ['pre-self-assessment', 'lessons', 'quizzes', 'learning-time', 'post-self-assessment'],
      details: [
        'the self-assessment before the course is not submitted',
        '0 of 8 lessons completed',
        '0 of 2 quizzes passed',
        '0 of 60 minutes of learning time',
        'the self-assessment after the course is not submitted',
      ],
    });
  });

  it('ignores the self-assessment and minimum time when the course has none', () => {
    const state = evaluateCompletion({
      ...allDone,
      requiresSelfAssessment: false,
      preDone: false,
      postDone: false,
      minMinutes: undefined,
      learningMinutes: 0,
    });
    expect(state.complete).toBe(true);
    expect(evaluateCompletion({ ...allDone, minMinutes: null, learningMinutes: 0 }).complete).toBe(true);
  });

  it('counts a course without lessons or quizzes as 100% and caps counts at the totals', () => {
    expect(evaluateCompletion({ ...allDone, lessonsTotal: 0, lessonsCompleted: 0, quizzesTotal: 0, quizzesPassed: 0 }).progressPercent).toBe(100);
    expect(evaluateCompletion({ ...allDone, lessonsCompleted: 12 }).progressPercent).toBe(100);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => evaluateCompletion({ ...allDone, lessonsCompleted: -1 })).toThrow('lessonsCompleted must be a non-negative integer');
    expect(() => evaluateCompletion({ ...allDone, quizzesTotal: 1.5 })).toThrow(RangeError);
    expect(() => evaluateCompletion({ ...allDone, learningMinutes: Number.NaN })).toThrow(RangeError);
  });
});
