import type { Locale, QuizQuestionDefinition } from '@kindling/domain';

/**
 * A whole course as the course-authoring API takes it: the course body of `POST /api/courses`,
 * then per module `POST /api/courses/:id/modules`, `POST /api/modules/:id/lessons` and
 * `POST /api/modules/:id/quizzes`, in order. The demo seeder posts it through the service layer.
 */
export interface CourseSeed {
  title: string;
  summary: string;
  locale: Locale;
  accreditation: { body: string; reference: string; hours: number };
  completion: { minMinutes?: number };
  selfEnrolment: boolean;
  modules: ModuleSeed[];
}

export interface ModuleSeed {
  title: string;
  lessons: LessonSeed[];
  quizzes: QuizSeed[];
}

export interface LessonSeed {
  title: string;
  /** Markdown. */
  body: string;
  /** Estimated minutes, including the practice task. */
  minutes: number;
  videoUrl?: string;
  /** The video's text alternative (transcript or description): publishing refuses a video without it. */
  videoText?: string;
}

export interface QuizSeed {
  title: string;
  /** Percentage needed to pass, 0–100. */
  passMark: number;
  maxAttempts: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  questions: QuizQuestionDefinition[];
}
