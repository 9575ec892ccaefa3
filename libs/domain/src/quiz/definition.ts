/**
 * How a question is answered:
 * - `single`: exactly one option; `multiple`: any number of options (the chosen set must equal the correct set);
 * - `true-false`: two options (the author's wording of true and false), one of them correct;
 * - `ordering`: the options are written in their correct order and shown shuffled; the learner puts them in order;
 * - `matching`: each option has a `match`; the learner pairs every option with one of the (shuffled) matches;
 * - `short-text`: no options; the learner types an answer compared with `acceptedAnswers` after
 *   normalisation (Unicode NFC, case, surrounding and repeated whitespace).
 */
export type QuestionKind = 'single' | 'multiple' | 'true-false' | 'ordering' | 'matching' | 'short-text';

export const QUESTION_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text'];

/** Kinds answered by choosing options whose `correct` flag decides the grade. */
export const CHOICE_KINDS: readonly QuestionKind[] = ['single', 'multiple', 'true-false'];

/** An option as an author writes it. */
export interface QuizOptionDefinition {
  /** When editing: the stored option this one continues (its translations follow it). */
  id?: string;
  text: string;
  /** Required for single, multiple and true-false; ignored for ordering and matching. */
  correct?: boolean;
  /** Matching only: the text this option is paired with. */
  match?: string;
  /** Shown in the review to a learner who chose this option (choice kinds). */
  feedback?: string;
}

/** A question as an author writes it (the body of `POST /api/modules/:id/quizzes`). */
export interface QuizQuestionDefinition {
  /** When editing: the stored question this one continues (it keeps the id, and the language editions' texts follow it). */
  id?: string;
  prompt: string;
  kind: QuestionKind;
  /** Absent or empty for short-text. */
  options: QuizOptionDefinition[];
  /** Short-text only: the answers that score (compared after normalisation). */
  acceptedAnswers?: string[];
  /** The author's explanation, shown in the review after a submission. */
  feedback?: string;
  /** Labels used by the quiz's draws (question bank). */
  tags?: string[];
}

/** One random draw per attempt: `count` questions from the quiz's pool, only those tagged `tag` when given. */
export interface QuizDraw {
  count: number;
  tag?: string;
  /** 'bank': from the course's question bank (issue 22 point 5); absent: from the quiz's own questions. */
  from?: 'bank';
}

/** Quiz settings as an author writes them. */
export interface QuizSettings {
  /** Percentage needed to pass, 0–100. */
  passMark: number;
  /** Attempts allowed; absent or null means unlimited. */
  maxAttempts?: number | null;
  /** Minutes from the start of an attempt to its submission; absent or null: no limit. */
  timeLimitMinutes?: number | null;
  /** Random draws per attempt; absent or empty: every question is asked. */
  draws?: QuizDraw[] | null;
}

/**
 * Normalises a typed answer for comparison: Unicode NFC, lower case (locale-independent),
 * whitespace trimmed and runs of whitespace collapsed to one space.
 */
export function normalizeTextAnswer(value: string): string {
  return value.normalize('NFC').toLowerCase().normalize('NFC').replace(/\s+/gu, ' ').trim();
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
 * Rules: at least one question; a non-empty prompt; a known kind; except for short-text at least
 * two options, each with a non-empty text, no two with the same text; for choice kinds at least
 * one correct option, exactly one for single choice and true/false (which has exactly two options);
 * for matching a distinct `match` per option; for short-text no options and at least one accepted answer.
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
      errors.push(`${where}: kind must be one of ${QUESTION_KINDS.map((k) => `"${k}"`).join(', ')}`);
      return;
    }
    const options: QuizOptionDefinition[] = Array.isArray(question?.options) ? question.options : [];
    if (question.tags !== undefined && (!Array.isArray(question.tags) || !question.tags.every(isNonEmptyString))) {
      errors.push(`${where}: tags must be a list of non-empty texts`);
    }
    if (question.kind === 'short-text') {
      if (options.length > 0) errors.push(`${where}: a short-text question has no options (use acceptedAnswers)`);
      const accepted = Array.isArray(question.acceptedAnswers) ? question.acceptedAnswers : [];
      if (!accepted.some(isNonEmptyString)) errors.push(`${where}: a short-text question needs at least one accepted answer`);
      else if (!accepted.every(isNonEmptyString)) errors.push(`${where}: an accepted answer is empty`);
      return;
    }
    if (Array.isArray(question.acceptedAnswers) && question.acceptedAnswers.length > 0) {
      errors.push(`${where}: only a short-text question has accepted answers`);
    }
    if (question.kind === 'true-false' && options.length !== 2) {
      errors.push(`${where}: a true/false question has exactly 2 options, not ${options.length}`);
      return;
    }
    if (options.length < 2) {
      errors.push(`${where}: has ${options.length} option${options.length === 1 ? '' : 's'}; at least 2 are needed`);
    }
    const firstWithText = new Map<string, number>();
    const firstWithMatch = new Map<string, number>();
    options.forEach((option, optionIndex) => {
      if (!isNonEmptyString(option?.text)) {
        errors.push(`${where}: option ${optionIndex + 1} has no text`);
      } else {
        const normalized = option.text.trim().toLowerCase();
        const earlier = firstWithText.get(normalized);
        if (earlier === undefined) firstWithText.set(normalized, optionIndex + 1);
        else errors.push(`${where}: options ${earlier} and ${optionIndex + 1} have the same text`);
      }
      if (CHOICE_KINDS.includes(question.kind) && typeof option?.correct !== 'boolean') {
        errors.push(`${where}: option ${optionIndex + 1} must say whether it is correct (true or false)`);
      }
      if (question.kind === 'matching') {
        if (!isNonEmptyString(option?.match)) errors.push(`${where}: option ${optionIndex + 1} has no match`);
        else {
          const normalized = option.match.trim().toLowerCase();
          const earlier = firstWithMatch.get(normalized);
          if (earlier === undefined) firstWithMatch.set(normalized, optionIndex + 1);
          else errors.push(`${where}: options ${earlier} and ${optionIndex + 1} have the same match`);
        }
      }
    });
    if (!CHOICE_KINDS.includes(question.kind)) return;
    const correct = options.filter((option) => option?.correct === true).length;
    if (options.length > 0 && correct === 0) errors.push(`${where}: no option is marked correct`);
    if ((question.kind === 'single' || question.kind === 'true-false') && correct > 1) {
      errors.push(`${where}: ${question.kind === 'single' ? 'single-choice' : 'true/false'} question has ${correct} correct options`);
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
  const { timeLimitMinutes } = settings;
  if (timeLimitMinutes !== undefined && timeLimitMinutes !== null && (!Number.isInteger(timeLimitMinutes) || timeLimitMinutes < 1 || timeLimitMinutes > 600)) {
    errors.push('timeLimitMinutes: must be a whole number of minutes from 1 to 600 (or absent for no limit)');
  }
  return errors;
}

/**
 * Checks the draws of a quiz against its questions: every count is a positive integer, and the
 * questions of each tag (or all questions) are enough for the draws that take from them, drawn
 * one after the other without repeating a question.
 */
export function validateQuizDraws(
  draws: readonly QuizDraw[] | null | undefined,
  questions: readonly QuizQuestionDefinition[],
  bank: readonly QuizQuestionDefinition[] = [],
): string[] {
  if (draws === undefined || draws === null) return [];
  if (!Array.isArray(draws)) return ['draws: must be a list of {count, tag?, from?}'];
  const errors: string[] = [];
  const taken = new Set<number>();
  const takenFromBank = new Set<number>();
  drawOrder(draws).forEach(({ draw, index }) => {
    if (draw?.from === 'bank') {
      const problem = bankDrawProblem(draw, bank, takenFromBank);
      if (problem) errors.push(`draw ${index + 1}: ${problem}`);
      return;
    }
    const where = `draw ${index + 1}`;
    if (!Number.isInteger(draw?.count) || draw.count < 1) {
      errors.push(`${where}: count must be a positive whole number`);
      return;
    }
    if (draw.tag !== undefined && !isNonEmptyString(draw.tag)) {
      errors.push(`${where}: tag must be a non-empty text when given`);
      return;
    }
    const candidates = questions
      .map((q, i) => ({ q, i }))
      .filter(({ q, i }) => !taken.has(i) && (draw.tag === undefined || (q.tags ?? []).map((t) => t.trim()).includes(draw.tag.trim())));
    if (candidates.length < draw.count) {
      const pool = draw.tag === undefined ? 'questions' : `questions tagged "${draw.tag}"`;
      errors.push(`${where}: asks for ${draw.count} ${pool} but only ${candidates.length} are left to draw from`);
      return;
    }
    // the validation only reserves the first candidates; the real draw is random but never larger
    candidates.slice(0, draw.count).forEach(({ i }) => taken.add(i));
  });
  return errors;
}

/** What is wrong with one bank draw given the bank questions already reserved (`taken`, updated); null when fine. */
function bankDrawProblem(draw: QuizDraw, bank: readonly QuizQuestionDefinition[], taken: Set<number>): string | null {
  if (!Number.isInteger(draw.count) || draw.count < 1) return 'count must be a positive whole number';
  if (draw.tag !== undefined && !isNonEmptyString(draw.tag)) return 'tag must be a non-empty text when given';
  const candidates = bank
    .map((q, i) => ({ q, i }))
    .filter(({ q, i }) => !taken.has(i) && (draw.tag === undefined || (q.tags ?? []).map((t) => t.trim()).includes(draw.tag.trim())));
  if (candidates.length < draw.count) {
    const pool = draw.tag === undefined ? 'bank questions' : `bank questions tagged "${draw.tag}"`;
    return `asks for ${draw.count} ${pool} but only ${candidates.length} are left to draw from`;
  }
  candidates.slice(0, draw.count).forEach(({ i }) => taken.add(i));
  return null;
}

/**
 * The bank draws of a quiz that ask for more questions than the bank holds (with their tag):
 * one entry per draw at fault, for the keyed refusal naming the quiz.
 */
export function bankDrawShortfalls(
  draws: readonly QuizDraw[] | null | undefined,
  bank: readonly QuizQuestionDefinition[],
): { count: number; tag: string | null; available: number }[] {
  const taken = new Set<number>();
  const short: { count: number; tag: string | null; available: number }[] = [];
  for (const { draw } of drawOrder((draws ?? []).filter((d) => d.from === 'bank'))) {
    const tag = draw.tag?.trim();
    const available = bank.filter((q, i) => !taken.has(i) && (tag === undefined || (q.tags ?? []).map((t) => t.trim()).includes(tag)));
    if (available.length < draw.count) short.push({ count: draw.count, tag: tag ?? null, available: available.length });
    const reserved = new Set(available.slice(0, draw.count));
    bank.forEach((q, i) => {
      if (reserved.has(q)) taken.add(i);
    });
  }
  return short;
}

/** Draws are made tagged ones first (in their order), then the untagged ones, so "any" never eats a tag's questions. */
export function drawOrder<D extends { tag?: string }>(draws: readonly D[]): { draw: D; index: number }[] {
  const indexed = draws.map((draw, index) => ({ draw, index }));
  return [...indexed.filter((d) => d.draw?.tag !== undefined), ...indexed.filter((d) => d.draw?.tag === undefined)];
}
