import { z } from 'zod';
import type { AuthorQuiz, QuizBody } from '../../../api';

const option = z.object({
  /** The stored option this one continues (absent: added in the editor); sent back so translations follow it. */
  id: z.string().optional(),
  text: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong'),
  correct: z.boolean(),
  match: z.string().trim().max(1000, 'validation.tooLong'),
  feedback: z.string().trim().max(2000, 'validation.tooLong'),
});

export const QUESTION_KINDS = ['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text'] as const;
export type QuestionKindValue = (typeof QUESTION_KINDS)[number];
const CHOICE = new Set<QuestionKindValue>(['single', 'multiple', 'true-false']);

/** Accepted answers and tags are edited as text: one answer per line, tags separated by commas. */
const lines = (v: string) => v.split('\n').map((l) => l.trim()).filter((l) => l !== '');
const commaList = (v: string) => [...new Set(v.split(',').map((l) => l.trim()).filter((l) => l !== ''))];

export const question = z
  .object({
    /** The stored question this one continues (absent: added in the editor); sent back so translations follow it. */
    id: z.string().optional(),
    prompt: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
    kind: z.enum(QUESTION_KINDS),
    options: z.array(option),
    feedback: z.string().trim().max(2000, 'validation.tooLong'),
    acceptedAnswers: z.string().max(5000, 'validation.tooLong'),
    tags: z.string().max(500, 'validation.tooLong'),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'short-text') {
      if (lines(q.acceptedAnswers).length === 0) ctx.addIssue({ code: 'custom', path: ['acceptedAnswers'], message: 'authoring2.editor.acceptedRequired' });
      return;
    }
    if (q.options.length < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'authoring.quiz.minOptions' });
    if (q.kind === 'true-false' && q.options.length !== 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'authoring2.editor.trueFalseTwo' });
    if (q.kind === 'matching') {
      q.options.forEach((o, i) => {
        if (o.match === '') ctx.addIssue({ code: 'custom', path: ['options', i, 'match'], message: 'validation.required' });
      });
    }
    if (!CHOICE.has(q.kind)) return;
    const correct = q.options.filter((o) => o.correct).length;
    if ((q.kind === 'single' || q.kind === 'true-false') && correct !== 1) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'authoring.quiz.singleOneCorrect' });
    }
    if (q.kind === 'multiple' && correct < 1) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'authoring.quiz.atLeastOneCorrect' });
    }
  });

export const quizSchema = z.object({
  title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  passMark: z
    .string()
    .trim()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 0 && Number(v) <= 100, 'authoring.quiz.passMarkRange'),
  maxAttempts: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 100), 'authoring.quiz.maxAttemptsRange'),
  shuffleQuestions: z.boolean(),
  shuffleOptions: z.boolean(),
  revealAnswers: z.boolean(),
  timeLimitMinutes: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 600), 'authoring2.editor.timeLimitRange'),
  drawCount: z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 200), 'authoring2.editor.drawCountRange'),
  drawTag: z.string().trim().max(60, 'validation.tooLong'),
  /** The draw takes its questions from the course's question bank (then the quiz may have none of its own). */
  drawFromBank: z.boolean(),
  questions: z.array(question),
}).superRefine((v, ctx) => {
  if (v.questions.length === 0 && !v.drawFromBank) ctx.addIssue({ code: 'custom', path: ['questions'], message: 'authoring.quiz.minQuestions' });
  if (v.drawFromBank && v.drawCount === '') ctx.addIssue({ code: 'custom', path: ['drawCount'], message: 'bank.drawCountRequired' });
});

/** The course's question bank: questions only, the same checks as a quiz's. */
export const bankSchema = z.object({ questions: z.array(question) });
export type BankValues = z.infer<typeof bankSchema>;

export type QuizValues = z.infer<typeof quizSchema>;
export const QUIZ_FIELDS = ['title', 'passMark', 'maxAttempts', 'timeLimitMinutes', 'questions'] as const;

export const emptyQuestion = (): QuizValues['questions'][number] => ({
  prompt: '',
  kind: 'single',
  feedback: '',
  acceptedAnswers: '',
  tags: '',
  options: [
    { text: '', correct: true, match: '', feedback: '' },
    { text: '', correct: false, match: '', feedback: '' },
  ],
});

export function quizDefaults(quiz?: AuthorQuiz): QuizValues {
  if (!quiz) return { title: '', passMark: '70', maxAttempts: '', shuffleQuestions: false, shuffleOptions: false, revealAnswers: true, timeLimitMinutes: '', drawCount: '', drawTag: '', drawFromBank: false, questions: [emptyQuestion()] };
  const draw = quiz.draws[0];
  return {
    title: quiz.title,
    passMark: String(quiz.passMark),
    maxAttempts: quiz.maxAttempts === null ? '' : String(quiz.maxAttempts),
    shuffleQuestions: quiz.shuffleQuestions,
    shuffleOptions: quiz.shuffleOptions,
    revealAnswers: quiz.revealAnswers !== 'never',
    timeLimitMinutes: quiz.timeLimitMinutes === null ? '' : String(quiz.timeLimitMinutes),
    drawCount: draw ? String(draw.count) : '',
    drawTag: draw?.tag ?? '',
    drawFromBank: draw?.from === 'bank',
    questions: quiz.questions.map(questionValues),
  };
}

/** A stored question as the editor's values. */
export function questionValues(q: AuthorQuiz['questions'][number]): QuizValues['questions'][number] {
  return {
    id: q.id,
    prompt: q.prompt,
    kind: q.kind,
    feedback: q.feedback ?? '',
    acceptedAnswers: q.acceptedAnswers.join('\n'),
    tags: q.tags.join(', '),
    options: q.options.map((o) => ({ id: o.id, text: o.text, correct: o.correct, match: o.match ?? '', feedback: o.feedback ?? '' })),
  };
}

/** The API body (a quiz is always sent whole: creating and replacing take the same body). */
export function quizBody(v: QuizValues): QuizBody {
  return {
    title: v.title,
    passMark: Number(v.passMark),
    maxAttempts: v.maxAttempts ? Number(v.maxAttempts) : null,
    shuffleQuestions: v.shuffleQuestions,
    shuffleOptions: v.shuffleOptions,
    revealAnswers: v.revealAnswers ? 'passed-or-exhausted' : 'never',
    timeLimitMinutes: v.timeLimitMinutes ? Number(v.timeLimitMinutes) : null,
    draws: v.drawCount ? [{ count: Number(v.drawCount), ...(v.drawTag ? { tag: v.drawTag } : {}), ...(v.drawFromBank ? { from: 'bank' as const } : {}) }] : [],
    questions: v.questions.map(questionBody),
  };
}

/** One question of the editor as the API takes it (quizzes and the question bank alike). */
export function questionBody(q: QuizValues['questions'][number]): QuizBody['questions'][number] {
  return {
    ...(q.id ? { id: q.id } : {}),
    prompt: q.prompt,
    kind: q.kind,
    options: q.kind === 'short-text' ? [] : q.options.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      text: o.text,
      ...(CHOICE.has(q.kind) ? { correct: o.correct } : {}),
      ...(q.kind === 'matching' ? { match: o.match } : {}),
      ...(CHOICE.has(q.kind) && o.feedback ? { feedback: o.feedback } : {}),
    })),
    ...(q.kind === 'short-text' ? { acceptedAnswers: lines(q.acceptedAnswers) } : {}),
    ...(commaList(q.tags).length > 0 ? { tags: commaList(q.tags) } : {}),
    ...(q.feedback ? { feedback: q.feedback } : {}),
  };
}
