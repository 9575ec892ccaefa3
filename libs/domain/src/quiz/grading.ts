import type { QuestionKind } from './definition.js';

/** The grading rule, in words, for the OpenAPI description and the learner's quiz page. */
export const MULTIPLE_CHOICE_RULE =
  'Each question scores 1 point when the set of chosen options is exactly the set of correct options, and 0 otherwise ' +
  '(no partial credit; an unanswered question scores 0). The score is 100 × points ÷ questions, rounded to 2 decimals; ' +
  'the attempt passes when the score is at least the pass mark.';

export interface GradableOption {
  id: string;
  correct: boolean;
}

/** A stored question with its option ids and the correct flags (server side only). */
export interface GradableQuestion {
  id: string;
  kind: QuestionKind;
  options: readonly GradableOption[];
}

/** A learner's answer to one question (`POST /api/attempts/:id/submission`). */
export interface SubmittedAnswer {
  questionId: string;
  optionIds: readonly string[];
}

export interface QuestionGrade {
  questionId: string;
  answered: boolean;
  correct: boolean;
  chosenOptionIds: string[];
  correctOptionIds: string[];
}

export interface AttemptGrade {
  /** 100 × correct ÷ total, rounded to 2 decimals (0 for a quiz without questions). */
  scorePercent: number;
  correctCount: number;
  total: number;
  /** `scorePercent >= passMark`; null when no pass mark was given. */
  passed: boolean | null;
  /** One entry per question, in the order of `questions`. */
  perQuestion: QuestionGrade[];
}

/** 100 × part ÷ whole rounded half up to 2 decimals; exact for integer inputs. */
export function percentTwoDecimals(part: number, whole: number): number {
  if (whole === 0) return 0;
  // 10000·part/whole is one correctly rounded division, so an exact .5 stays exact.
  return Math.round((10000 * part) / whole) / 100;
}

/**
 * Grades an attempt. See {@link MULTIPLE_CHOICE_RULE}: a question scores 1 only when the chosen
 * option set equals the set of correct options exactly (no partial credit), an unanswered
 * question (no answer, or an empty option list) scores 0, and
 * `scorePercent = round2(100 × correct ÷ total)`, `passed = scorePercent >= passMark`.
 *
 * Grading is total (never throws): answers to unknown questions are ignored, option ids are
 * taken as a set, and when a question is answered twice only the first answer counts. Reject
 * such submissions beforehand with {@link validateAnswersShape}.
 */
export function gradeAttempt(
  questions: readonly GradableQuestion[],
  answers: readonly SubmittedAnswer[],
  passMark?: number,
): AttemptGrade {
  const answerOf = new Map<string, readonly string[]>();
  for (const answer of answers) {
    if (!answerOf.has(answer.questionId)) answerOf.set(answer.questionId, answer.optionIds);
  }

  const perQuestion = questions.map((question): QuestionGrade => {
    const chosen = [...new Set(answerOf.get(question.id) ?? [])];
    const correctOptionIds = question.options.filter((option) => option.correct).map((option) => option.id);
    const correctSet = new Set(correctOptionIds);
    const answered = chosen.length > 0;
    const correct =
      answered && chosen.length === correctSet.size && chosen.every((optionId) => correctSet.has(optionId));
    return { questionId: question.id, answered, correct, chosenOptionIds: chosen, correctOptionIds };
  });

  const correctCount = perQuestion.filter((grade) => grade.correct).length;
  const total = questions.length;
  const scorePercent = percentTwoDecimals(correctCount, total);
  return {
    scorePercent,
    correctCount,
    total,
    passed: passMark === undefined ? null : scorePercent >= passMark,
    perQuestion,
  };
}

/**
 * Checks the shape of a submission against the attempt's questions: unknown question ids,
 * a question answered twice, unknown or repeated option ids, more than one option for a
 * single-choice question. Leaving a question unanswered is allowed (it scores 0).
 */
export function validateAnswersShape(
  questions: readonly GradableQuestion[],
  answers: readonly SubmittedAnswer[],
): string[] {
  if (!Array.isArray(answers)) return ['answers: must be a list of {questionId, optionIds}'];
  const errors: string[] = [];
  const byId = new Map(questions.map((question) => [question.id, question]));
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const questionId: unknown = answer?.questionId;
    if (typeof questionId !== 'string') {
      errors.push(`answer ${index + 1}: questionId must be a string`);
      return;
    }
    const question = byId.get(questionId);
    if (question === undefined) {
      errors.push(`answer ${index + 1}: unknown question "${questionId}"`);
      return;
    }
    if (seen.has(questionId)) {
      errors.push(`answer ${index + 1}: question "${questionId}" is answered more than once`);
      return;
    }
    seen.add(questionId);
    const optionIds: unknown = answer.optionIds;
    if (!Array.isArray(optionIds) || !optionIds.every((id): id is string => typeof id === 'string')) {
      errors.push(`answer ${index + 1}: optionIds of question "${questionId}" must be a list of option ids`);
      return;
    }
    const known = new Set(question.options.map((option) => option.id));
    const chosen = new Set<string>();
    for (const optionId of optionIds) {
      if (!known.has(optionId)) errors.push(`answer ${index + 1}: option "${optionId}" does not belong to question "${questionId}"`);
      else if (chosen.has(optionId)) errors.push(`answer ${index + 1}: option "${optionId}" is chosen more than once`);
      chosen.add(optionId);
    }
    if (question.kind === 'single' && chosen.size > 1) {
      errors.push(`answer ${index + 1}: question "${questionId}" is single-choice; choose one option, not ${chosen.size}`);
    }
  });
  return errors;
}
