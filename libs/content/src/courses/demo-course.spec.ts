import { describe, expect, it } from '@jest/globals';
import { validateQuizDefinition, validateQuizSettings } from '@kindling/domain';
import type { CourseSeed } from '../course-seed.js';
import { demoCourse } from './demo-course.en.js';
import { demoCourseIt } from './demo-course.it.js';
import { demoCourseDe } from './demo-course.de.js';
import { demoCourseFr } from './demo-course.fr.js';

function words(markdown: string): number {
  return (markdown.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).length;
}

function lessons(course: CourseSeed): CourseSeed['modules'][number]['lessons'] {
  return course.modules.flatMap((module) => module.lessons);
}

function quizzes(course: CourseSeed): CourseSeed['modules'][number]['quizzes'] {
  return course.modules.flatMap((module) => module.quizzes);
}

describe.each([
  ['English', demoCourse, 'en'],
  ['Italian', demoCourseIt, 'it'],
  ['German', demoCourseDe, 'de'],
  ['French', demoCourseFr, 'fr'],
] as const)('demo course (%s)', (_name, course, locale) => {
  it('is in its language, accredited for 8 hours by the demo board, open for self-enrolment', () => {
    expect(course.locale).toBe(locale);
    expect(course.title.length).toBeGreaterThan(10);
    expect(course.summary.length).toBeGreaterThan(80);
    expect(course.accreditation).toEqual({ body: 'Demo Accreditation Board', reference: expect.any(String), hours: 8 });
    expect(course.selfEnrolment).toBe(true);
  });

  it('has at least 3 modules and 8 lessons', () => {
    expect(course.modules.length).toBeGreaterThanOrEqual(3);
    expect(lessons(course).length).toBeGreaterThanOrEqual(8);
    for (const module of course.modules) {
      expect(module.title.trim()).not.toBe('');
      expect(module.lessons.length).toBeGreaterThan(0);
    }
  });

  it('has lessons of real substance: Markdown with headings and lists, 150–300 words, estimated minutes', () => {
    for (const lesson of lessons(course)) {
      expect(lesson.title.trim()).not.toBe('');
      const count = words(lesson.body);
      expect({ title: lesson.title, inRange: count >= 150 && count <= 300 }).toEqual({ title: lesson.title, inRange: true });
      expect(lesson.body).toMatch(/^## /m);
      expect(lesson.body).toMatch(/^(- |1\. )/m);
      expect(Number.isInteger(lesson.minutes) && lesson.minutes > 0).toBe(true);
    }
  });

  it('ends with a valid final quiz: 6–8 questions, single and multiple, pass mark 70, 3 attempts', () => {
    const last = course.modules[course.modules.length - 1]!;
    const final = last.quizzes[last.quizzes.length - 1]!;
    expect(final.passMark).toBe(70);
    expect(final.maxAttempts).toBe(3);
    expect(final.questions.length).toBeGreaterThanOrEqual(6);
    expect(final.questions.length).toBeLessThanOrEqual(8);
    const kinds = new Set(final.questions.map((question) => question.kind));
    expect(kinds).toEqual(new Set(['single', 'multiple']));
  });

  it('has only quizzes that pass validateQuizDefinition and validateQuizSettings', () => {
    for (const quiz of quizzes(course)) {
      expect(validateQuizDefinition(quiz.questions)).toEqual([]);
      expect(validateQuizSettings(quiz)).toEqual([]);
      expect(quiz.title.trim()).not.toBe('');
    }
  });
});

describe.each([
  ['Italian', demoCourseIt],
  ['German', demoCourseDe],
  ['French', demoCourseFr],
] as const)('%s edition', (_name, edition) => {
  it('has the same structure as the English one', () => {
    const shape = (course: CourseSeed) =>
      course.modules.map((module) => ({
        lessons: module.lessons.map((lesson) => ({ minutes: lesson.minutes, video: lesson.videoUrl ?? null })),
        quizzes: module.quizzes.map((quiz) => ({
          passMark: quiz.passMark,
          maxAttempts: quiz.maxAttempts,
          shuffleQuestions: quiz.shuffleQuestions,
          shuffleOptions: quiz.shuffleOptions,
          questions: quiz.questions.map((question) => ({
            kind: question.kind,
            correct: question.options.map((option) => option.correct),
          })),
        })),
      }));
    expect(shape(edition)).toEqual(shape(demoCourse));
    expect(edition.accreditation.hours).toBe(demoCourse.accreditation.hours);
    expect(edition.completion).toEqual(demoCourse.completion);
  });

  it('is translated, not copied', () => {
    const en = lessons(demoCourse);
    lessons(edition).forEach((lesson, index) => {
      expect(lesson.title).not.toBe(en[index]!.title);
      expect(lesson.body).not.toBe(en[index]!.body);
    });
    expect(edition.title).not.toBe(demoCourse.title);
  });
});
