import { z } from 'zod';
import type { AuthorQuiz, QuizBody } from '../../../api';

const option = z.object({ text: z.string().trim().min(1, 'validation.required').max(1000, 'validation.tooLong'), correct: z.boolean() });

const question = z
  .object({
    prompt: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
    kind: z.enum(['single', 'multiple']),
    options: z.array(option).min(2, 'authoring.quiz.minOptions'),
    feedback: z.string().trim().max(2000, 'validation.tooLong'),
  })
  .superRefine((q, ctx) => {
    const correct = q.options.filter((o) => o.correct).length;
    if (q.kind === 'single' && correct !== 1) {
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
  questions: z.array(question).min(1, 'authoring.quiz.minQuestions'),
});

export type QuizValues = z.infer<typeof quizSchema>;
export const QUIZ_FIELDS = ['title', 'passMark', 'maxAttempts', 'questions'] as const;

export const emptyQuestion = (): QuizValues['questions'][number] => ({
  prompt: '',
  kind: 'single',
  feedback: '',
  options: [
    { text: '', correct: true },
    { text: '', correct: false },
  ],
});

export function quizDefaults(quiz?: AuthorQuiz): QuizValues {
  if (!quiz) return { title: '', passMark: '70', maxAttempts: '', shuffleQuestions: false, shuffleOptions: false, revealAnswers: true, questions: [emptyQuestion()] };
  return {
    title: quiz.title,
    passMark: String(quiz.passMark),
    maxAttempts: quiz.maxAttempts === null ? '' : String(quiz.maxAttempts),
    shuffleQuestions: quiz.shuffleQuestions,
    shuffleOptions: quiz.shuffleOptions,
    revealAnswers: quiz.revealAnswers !== 'never',
    questions: quiz.questions.map((q) => ({
      prompt: q.prompt, kind: q.kind, feedback: q.feedback ?? '', options: q.options.map((o) => ({ text: o.text, correct: o.correct })),
    })),
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
    questions: v.questions.map((q) => ({
      prompt: q.prompt, kind: q.kind, options: q.options.map((o) => ({ text: o.text, correct: o.correct })),
      ...(q.feedback ? { feedback: q.feedback } : {}),
    })),
  };
}
