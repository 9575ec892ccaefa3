/** How a question is answered: exactly one option, or any number of options. */
export type QuestionKind = 'single' | 'multiple';

export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple'];

/** A question as an author writes it (the body of `POST /api/modules/:id/quizzes`). */
export interface QuizQuestionDefinition {
  prompt: string;
  kind: QuestionKind;
  options: { text: string; correct: boolean }[];
  /** The author's explanation, shown in the review after a submission. */
  feedback?: string;
}

/** Quiz settings as an author writes them. */
export interface QuizSettings {
  /** Percentage needed to pass, 0–100. */
  passMark: number;
  /** Attempts allowed; absent or null means unlimited. */
  maxAttempts?: number | null;
}

const PROMPT_PREVIEW_LENGTH = 40;

function preview(prompt: string): string {
  const flat = prompt.replace(/\s+/g, ' ').trim();
  if (flat.length <= PROMPT_PREVIEW_LENGTH) return flat;
  // cut at a word boundary when there is one in the second half of the preview
  const cut = flat.slice(0, PROMPT_PREVIEW_LENGTH + 1);
  const space = cut.lastIndexOf(' ');
  const end = space > PROMPT_PREVIEW_LENGTH / 2 ? space : PROMPT_PREVIEW_LENGTH;
  return `${flat.slice(0, end).trimEnd()}…`;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Checks the questions of a quiz before it is saved. Every message names the question by its
 * number and the start of its prompt, e.g.
 * `question 2 ("What is kindness?"): single-choice question has 2 correct options`.
 *
 * Rules: at least one question; a non-empty prompt; kind `single` or `multiple`; at least two
 * options, each with a non-empty text, no two with the same text; at least one correct option;
 * exactly one correct option for a single-choice question.
 */
export function validateQuizDefinition(questions: readonly QuizQuestionDefinition[]): string[] {
  if (!Array.isArray(questions) || questions.length === 0) return ['the quiz has no questions'];
  const errors: string[] = [];
  questions.forEach((question, index) => {
    const number = index + 1;
    const hasPrompt = isNonEmptyString(question?.prompt);
    const where = hasPrompt ? `question ${number} ("${preview(question.prompt)}")` : `question ${number}`;
    if (!hasPrompt) errors.push(`${where}: prompt is empty`);
    if (!QUESTION_KINDS.includes(question?.kind)) {
      errors.push(`${where}: kind must be "single" or "multiple"`);
    }
    const options: QuizQuestionDefinition['options'] = Array.isArray(question?.options) ? question.options : [];
    if (options.length < 2) {
      errors.push(`${where}: has ${options.length} option${options.length === 1 ? '' : 's'}; at least 2 are needed`);
    }
    const firstWithText = new Map<string, number>();
    options.forEach((option, optionIndex) => {
      if (!isNonEmptyString(option?.text)) {
        errors.push(`${where}: option ${optionIndex + 1} has no text`);
      } else {
        const normalized = option.text.trim().toLowerCase();
        const earlier = firstWithText.get(normalized);
        if (earlier === undefined) firstWithText.set(normalized, optionIndex + 1);
        else errors.push(`${where}: options ${earlier} and ${optionIndex + 1} have the same text`);
      }
      if (typeof option?.correct !== 'boolean') {
        errors.push(`${where}: option ${optionIndex + 1} must say whether it is correct (true or false)`);
      }
    });
    const correct = options.filter((option) => option?.correct === true).length;
    if (options.length > 0 && correct === 0) errors.push(`${where}: no option is marked correct`);
    if (question?.kind === 'single' && correct > 1) {
      errors.push(`${where}: single-choice question has ${correct} correct options`);
    }
  });
  return errors;
}

/** Checks a quiz's pass mark (0–100) and maximum attempts (a positive integer, or unlimited). */
export function validateQuizSettings(settings: QuizSettings): string[] {
  const errors: string[] = [];
  if (typeof settings.passMark !== 'number' || !Number.isFinite(settings.passMark) || settings.passMark < 0 || settings.passMark > 100) {
    errors.push('passMark: must be a number from 0 to 100');
  }
  const { maxAttempts } = settings;
  if (maxAttempts !== undefined && maxAttempts !== null && (!Number.isInteger(maxAttempts) || maxAttempts < 1)) {
    errors.push('maxAttempts: must be a positive integer (or absent for unlimited attempts)');
  }
  return errors;
}
