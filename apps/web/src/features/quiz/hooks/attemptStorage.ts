import { isRecord, readSession, removeSession, writeSession } from '../../../lib/storage';

/** Answers so far, by question id. */
export type Answers = Record<string, string[]>;

// Kept in sessionStorage so that a reload before submitting resumes the same attempt with the
// same answers. Only the learner's own choices are stored: the client never learns the correct ones.
const attemptOfQuiz = (enrolmentId: string, quizId: string) => `kindling.quiz.${enrolmentId}.${quizId}.attempt`;
const answersOfAttempt = (attemptId: string) => `kindling.attempt.${attemptId}.answers`;

function asAnswers(value: unknown): Answers {
  const answers: Answers = {};
  if (!isRecord(value)) return answers;
  for (const [questionId, optionIds] of Object.entries(value)) {
    if (Array.isArray(optionIds)) answers[questionId] = optionIds.filter((id): id is string => typeof id === 'string');
  }
  return answers;
}

export const attemptStorage = {
  attemptId(enrolmentId: string, quizId: string): string | null {
    const value = readSession(attemptOfQuiz(enrolmentId, quizId));
    return typeof value === 'string' ? value : null;
  },
  rememberAttempt(enrolmentId: string, quizId: string, attemptId: string): void {
    writeSession(attemptOfQuiz(enrolmentId, quizId), attemptId);
  },
  answers(attemptId: string): Answers {
    return asAnswers(readSession(answersOfAttempt(attemptId)));
  },
  saveAnswers(attemptId: string, answers: Answers): void {
    writeSession(answersOfAttempt(attemptId), answers);
  },
  forget(enrolmentId: string, quizId: string, attemptId: string | null): void {
    removeSession(attemptOfQuiz(enrolmentId, quizId), ...(attemptId ? [answersOfAttempt(attemptId)] : []));
  },
};
