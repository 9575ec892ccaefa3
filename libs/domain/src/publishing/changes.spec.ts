import { describe, expect, it } from '@jest/globals';
import { versionChanges, type VersionContent, type VersionQuiz } from './changes.js';

const quiz: VersionQuiz = {
  lineageId: 'q', moduleLineageId: 'm', title: 'Check', passMark: 70, maxAttempts: 3, timeLimitMinutes: null, draws: null, position: 0,
  questions: [{ prompt: 'Kind?', kind: 'single', options: [{ text: 'Yes', correct: true }, { text: 'No', correct: false }] }],
};
const live: VersionContent = {
  modules: [{ lineageId: 'm', title: 'Basics', position: 0 }, { lineageId: 'm2', title: 'Old', position: 1 }],
  lessons: [{ lineageId: 'l', moduleLineageId: 'm', title: 'Intro', body: 'a', minutes: 5, videoUrl: null, position: 0 }],
  quizzes: [quiz],
};

describe('versionChanges', () => {
  it('finds nothing between equal versions', () => {
    expect(versionChanges(live, structuredClone(live))).toEqual([]);
  });

  it('names added, removed and edited items, and whether a quiz change affects grading', () => {
    const draft = structuredClone(live) as { -readonly [K in keyof VersionContent]: VersionContent[K][number][] };
    draft.modules = [draft.modules[0]!];
    draft.lessons[0] = { ...draft.lessons[0]!, body: 'b', title: 'Welcome' };
    draft.lessons.push({ lineageId: 'l2', moduleLineageId: 'm', title: 'New lesson', body: 'x', minutes: null, videoUrl: null, position: 1 });
    draft.quizzes[0] = { ...quiz, questions: [{ ...quiz.questions[0]!, prompt: 'Is it kind?' }] };
    expect(versionChanges(live, draft)).toEqual([
      { item: 'module', change: 'removed', lineageId: 'm2', title: 'Old', fields: [], affectsGrading: false },
      { item: 'lesson', change: 'edited', lineageId: 'l', title: 'Welcome', fields: ['title', 'body'], affectsGrading: false },
      { item: 'lesson', change: 'added', lineageId: 'l2', title: 'New lesson', fields: [], affectsGrading: false },
      { item: 'quiz', change: 'edited', lineageId: 'q', title: 'Check', fields: ['questions'], affectsGrading: false },
    ]);
    draft.quizzes[0] = { ...quiz, questions: [{ ...quiz.questions[0]!, options: [{ text: 'Yes', correct: false }, { text: 'No', correct: true }] }] };
    expect(versionChanges(live, draft).find((c) => c.item === 'quiz')).toMatchObject({ fields: ['questions'], affectsGrading: true });
    draft.quizzes[0] = { ...quiz, passMark: 80 };
    expect(versionChanges(live, draft).find((c) => c.item === 'quiz')).toMatchObject({ fields: ['passMark'], affectsGrading: true });
  });
});
