import type { EnrolmentDetail, OutlineModule, SelfAssessmentPhase } from '../api';

/** One place in a course a learner can go to, in outline order. */
export type Step =
  | { kind: 'self-assessment'; phase: SelfAssessmentPhase; key: string; href: string; done: boolean; locked: boolean }
  | { kind: 'lesson'; id: string; key: string; href: string; title: string; minutes: number | null; module: OutlineModule; done: boolean; locked: false }
  | { kind: 'quiz'; id: string; key: string; href: string; title: string; module: OutlineModule; done: boolean; locked: false };

/** The course in order: pre self-assessment, each module's lessons then quizzes, post self-assessment. */
export function buildSteps(enrolment: EnrolmentDetail): Step[] {
  const base = `/learn/${enrolment.id}`;
  const lessonDone = new Set(enrolment.lessons.filter((l) => l.completedAt).map((l) => l.lessonId));
  const quizPassed = new Set(enrolment.quizzes.filter((q) => q.passed).map((q) => q.quizId));
  const content: Step[] = enrolment.course.modules.flatMap((module): Step[] => [
    ...module.lessons.map((lesson): Step => ({
      kind: 'lesson',
      id: lesson.id,
      key: `lesson-${lesson.id}`,
      href: `${base}/lessons/${lesson.id}`,
      title: lesson.title,
      minutes: lesson.minutes,
      module,
      done: lessonDone.has(lesson.id),
      locked: false,
    })),
    ...module.quizzes.map((quiz): Step => ({
      kind: 'quiz',
      id: quiz.id,
      key: `quiz-${quiz.id}`,
      href: `${base}/quizzes/${quiz.id}`,
      title: quiz.title,
      module,
      done: quizPassed.has(quiz.id),
      locked: false,
    })),
  ]);
  if (!enrolment.selfAssessment.required) return content;
  const contentDone = content.every((step) => step.done);
  return [
    {
      kind: 'self-assessment',
      phase: 'pre',
      key: 'self-assessment-pre',
      href: `${base}/self-assessment/pre`,
      done: enrolment.selfAssessment.pre,
      locked: false,
    },
    ...content,
    {
      kind: 'self-assessment',
      phase: 'post',
      key: 'self-assessment-post',
      href: `${base}/self-assessment/post`,
      done: enrolment.selfAssessment.post,
      locked: !contentDone && !enrolment.selfAssessment.post,
    },
  ];
}

/** Where "continue" leads: the last lesson opened (any device), else the first step not done. */
export function resumeStep(enrolment: EnrolmentDetail, steps: Step[]): Step | undefined {
  if (enrolment.selfAssessment.required && !enrolment.selfAssessment.pre) return steps[0];
  const last = steps.find((s) => s.kind === 'lesson' && s.id === enrolment.lastLessonId);
  if (last) {
    if (!last.done) return last;
    const after = steps.slice(steps.indexOf(last) + 1).find((s) => !s.done && !s.locked);
    if (after) return after;
  }
  const firstOpen = steps.find((s) => !s.done && !s.locked);
  return firstOpen ?? last ?? steps.find((s) => s.kind === 'lesson') ?? steps[0];
}

export function neighbours(steps: Step[], key: string): { previous?: Step; next?: Step } {
  const index = steps.findIndex((s) => s.key === key);
  if (index < 0) return {};
  const previous = steps[index - 1];
  const next = steps[index + 1];
  return { ...(previous ? { previous } : {}), ...(next ? { next } : {}) };
}
