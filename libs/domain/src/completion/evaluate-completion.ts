/** What an enrolment has done so far, against what its course requires. */
export interface CompletionInput {
  lessonsTotal: number;
  lessonsCompleted: number;
  quizzesTotal: number;
  quizzesPassed: number;
  /** The course has a pre/post self-assessment. */
  requiresSelfAssessment: boolean;
  preDone: boolean;
  postDone: boolean;
  /** Minimum learning time in minutes; absent, null or 0 means none. */
  minMinutes?: number | null;
  learningMinutes: number;
}

/** A requirement not yet met, as a stable code (translate it in the interface). */
export type MissingRequirement =
  | 'lessons'
  | 'quizzes'
  | 'pre-self-assessment'
  | 'post-self-assessment'
  | 'learning-time';

export interface CompletionState {
  complete: boolean;
  /** Share of required items (lessons + quizzes) done: an integer 0–100, 100 only when all are done. */
  progressPercent: number;
  /** Codes of the unmet requirements, in the order a learner meets them. */
  missing: MissingRequirement[];
  /** The same, in English sentences with the numbers (for logs, audit entries and API messages). */
  details: string[];
}

function count(name: keyof CompletionInput, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`);
  return value;
}

/**
 * Whether an enrolment is complete, and how far along it is.
 *
 * Complete when every lesson is completed, every quiz is passed, the pre and post
 * self-assessments are submitted (when the course has one) and the learning time reaches
 * `minMinutes` (when set). `progressPercent` counts lessons and quizzes only:
 * floor(100 × done ÷ required), so 100 appears only when every item is done; a course with no
 * lessons and no quizzes counts as 100. Counts above the totals (e.g. after content was
 * removed) are capped at the totals.
 *
 * @throws RangeError when a count is not a non-negative integer or a time is negative.
 */
export function evaluateCompletion(input: CompletionInput): CompletionState {
  const lessonsTotal = count('lessonsTotal', input.lessonsTotal);
  const quizzesTotal = count('quizzesTotal', input.quizzesTotal);
  const lessonsDone = Math.min(count('lessonsCompleted', input.lessonsCompleted), lessonsTotal);
  const quizzesDone = Math.min(count('quizzesPassed', input.quizzesPassed), quizzesTotal);
  if (!Number.isFinite(input.learningMinutes) || input.learningMinutes < 0) {
    throw new RangeError('learningMinutes must be a non-negative number');
  }
  const minMinutes = input.minMinutes ?? 0;
  if (!Number.isFinite(minMinutes) || minMinutes < 0) throw new RangeError('minMinutes must be a non-negative number');

  const required = lessonsTotal + quizzesTotal;
  const done = lessonsDone + quizzesDone;
  const progressPercent = required === 0 ? 100 : Math.floor((100 * done) / required);

  const missing: MissingRequirement[] = [];
  const details: string[] = [];
  if (input.requiresSelfAssessment && !input.preDone) {
    missing.push('pre-self-assessment');
    details.push('the self-assessment before the course is not submitted');
  }
  if (lessonsDone < lessonsTotal) {
    missing.push('lessons');
    details.push(`${lessonsDone} of ${lessonsTotal} lessons completed`);
  }
  if (quizzesDone < quizzesTotal) {
    missing.push('quizzes');
    details.push(`${quizzesDone} of ${quizzesTotal} quizzes passed`);
  }
  if (minMinutes > 0 && input.learningMinutes < minMinutes) {
    missing.push('learning-time');
    details.push(`${input.learningMinutes} of ${minMinutes} minutes of learning time`);
  }
  if (input.requiresSelfAssessment && !input.postDone) {
    missing.push('post-self-assessment');
    details.push('the self-assessment after the course is not submitted');
  }
  return { complete: missing.length === 0, progressPercent, missing, details };
}
