import { normalizeTextAnswer, type QuestionKind } from './definition.js';

/** The grading rule, in words, for the OpenAPI description and the learner's quiz page. */
export const MULTIPLE_CHOICE_RULE =
  'Each question scores 1 point when the set of chosen options is exactly the set of correct options, and 0 otherwise ' +
  '(no partial credit; an unanswered question scores 0). The score is 100 × points ÷ questions, rounded to 2 decimals; ' +
  'the attempt passes when the score is at least the pass mark. Ordering: the options must be in the correct order; matching: every ' +
  'option paired with its match; short text: the answer equals an accepted answer after normalisation (Unicode NFC, case, whitespace).';

export interface GradableOption {
  id: string;
  correct: boolean;
  /** Matching: the id of this option's match (a choice shown to the learner). */
  matchId?: string;
}

/** A stored question with its option ids and the correct flags (server side only). */
export interface GradableQuestion {
  id: string;
  kind: QuestionKind;
  /** In the correct order for ordering questions. */
  options: readonly GradableOption[];
  /** Short text: the accepted answers. */
  acceptedAnswers?: readonly string[];
}

/** A learner's answer to one question (`POST /api/attempts/:id/submission`). */
export interface SubmittedAnswer {
  questionId: string;
  /** Choice kinds: the chosen options; ordering: every option in the learner's order; others: empty or absent. */
  optionIds?: readonly string[];
  /** Matching: each option paired with a choice (a match id). */
  pairs?: readonly { optionId: string; choiceId: string }[];
  /** Short text: the typed answer. */
  text?: string;
}

export interface QuestionGrade {
  questionId: string;
  answered: boolean;
  correct: boolean;
  chosenOptionIds: string[];
  correctOptionIds: string[];
  /** Matching: the learner's pairs (option id → choice id). */
  pairs?: { optionId: string; choiceId: string }[];
  /** Short text: the typed answer as given. */
  text?: string;
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
  const answerOf = new Map<string, SubmittedAnswer>();
  for (const answer of answers) {
    if (!answerOf.has(answer.questionId)) answerOf.set(answer.questionId, answer);
  }

  const perQuestion = questions.map((question): QuestionGrade => gradeQuestion(question, answerOf.get(question.id)));

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

function gradeQuestion(question: GradableQuestion, answer: SubmittedAnswer | undefined): QuestionGrade {
  const base = { questionId: question.id };
  switch (question.kind) {
    case 'ordering': {
      const chosen = [...(answer?.optionIds ?? [])];
      const correctOptionIds = question.options.map((option) => option.id);
      const answered = chosen.length > 0;
      const correct = answered && chosen.length === correctOptionIds.length && chosen.every((id, i) => id === correctOptionIds[i]);
      return { ...base, answered, correct, chosenOptionIds: chosen, correctOptionIds };
    }
    case 'matching': {
      const pairs = [...(answer?.pairs ?? [])].map((p) => ({ optionId: p.optionId, choiceId: p.choiceId }));
      const choiceOf = new Map<string, string>();
      for (const pair of pairs) if (!choiceOf.has(pair.optionId)) choiceOf.set(pair.optionId, pair.choiceId);
      const answered = pairs.length > 0;
      const correct = answered && question.options.every((option) => option.matchId !== undefined && choiceOf.get(option.id) === option.matchId);
      return { ...base, answered, correct, chosenOptionIds: [], correctOptionIds: [], pairs };
    }
    case 'short-text': {
      const text = typeof answer?.text === 'string' ? answer.text : '';
      const given = normalizeTextAnswer(text);
      const answered = given.length > 0;
      const correct = answered && (question.acceptedAnswers ?? []).some((accepted) => normalizeTextAnswer(accepted) === given);
      return { ...base, answered, correct, chosenOptionIds: [], correctOptionIds: [], text };
    }
    default: {
      const chosen = [...new Set(answer?.optionIds ?? [])];
      const correctOptionIds = question.options.filter((option) => option.correct).map((option) => option.id);
      const correctSet = new Set(correctOptionIds);
      const answered = chosen.length > 0;
      const correct =
        answered && chosen.length === correctSet.size && chosen.every((optionId) => correctSet.has(optionId));
      return { ...base, answered, correct, chosenOptionIds: chosen, correctOptionIds };
    }
  }
}

/** The longest typed answer accepted in a submission. */
export const MAX_TEXT_ANSWER_LENGTH = 500;

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
    const at = `answer ${index + 1}`;
    const optionIds: unknown = answer.optionIds ?? [];
    if (!Array.isArray(optionIds) || !optionIds.every((id): id is string => typeof id === 'string')) {
      errors.push(`${at}: optionIds of question "${questionId}" must be a list of option ids`);
      return;
    }
    const text: unknown = answer.text;
    const pairs: unknown = answer.pairs;
    if (question.kind !== 'short-text' && text !== undefined) errors.push(`${at}: question "${questionId}" takes no text`);
    if (question.kind !== 'matching' && pairs !== undefined) errors.push(`${at}: question "${questionId}" takes no pairs`);
    if (question.kind === 'short-text') {
      if (optionIds.length > 0) errors.push(`${at}: question "${questionId}" is answered with text, not options`);
      if (text !== undefined && typeof text !== 'string') errors.push(`${at}: text of question "${questionId}" must be a text`);
      else if (typeof text === 'string' && text.length > MAX_TEXT_ANSWER_LENGTH) {
        errors.push(`${at}: text of question "${questionId}" is longer than ${MAX_TEXT_ANSWER_LENGTH} characters`);
      }
      return;
    }
    if (question.kind === 'matching') {
      if (optionIds.length > 0) errors.push(`${at}: question "${questionId}" is answered with pairs, not options`);
      if (pairs === undefined) return;
      if (!Array.isArray(pairs)) {
        errors.push(`${at}: pairs of question "${questionId}" must be a list of {optionId, choiceId}`);
        return;
      }
      const options = new Set(question.options.map((o) => o.id));
      const choices = new Set(question.options.flatMap((o) => (o.matchId === undefined ? [] : [o.matchId])));
      const paired = new Set<string>();
      (pairs as unknown[]).forEach((raw) => {
        const pair = raw as { optionId?: unknown; choiceId?: unknown } | null;
        if (typeof pair?.optionId !== 'string' || typeof pair.choiceId !== 'string') {
          errors.push(`${at}: pairs of question "${questionId}" must be a list of {optionId, choiceId}`);
          return;
        }
        if (!options.has(pair.optionId)) errors.push(`${at}: option "${pair.optionId}" does not belong to question "${questionId}"`);
        else if (paired.has(pair.optionId)) errors.push(`${at}: option "${pair.optionId}" is paired more than once`);
        if (!choices.has(pair.choiceId)) errors.push(`${at}: choice "${pair.choiceId}" does not belong to question "${questionId}"`);
        paired.add(pair.optionId);
      });
      return;
    }
    const known = new Set(question.options.map((option) => option.id));
    const chosen = new Set<string>();
    for (const optionId of optionIds) {
      if (!known.has(optionId)) errors.push(`${at}: option "${optionId}" does not belong to question "${questionId}"`);
      else if (chosen.has(optionId)) errors.push(`${at}: option "${optionId}" is chosen more than once`);
      chosen.add(optionId);
    }
    if ((question.kind === 'single' || question.kind === 'true-false') && chosen.size > 1) {
      errors.push(`${at}: question "${questionId}" is single-choice; choose one option, not ${chosen.size}`);
    }
    if (question.kind === 'ordering' && optionIds.length > 0 && chosen.size !== known.size) {
      errors.push(`${at}: question "${questionId}" is an ordering; give every one of its ${known.size} options once, in your order`);
    }
  });
  return errors;
}
