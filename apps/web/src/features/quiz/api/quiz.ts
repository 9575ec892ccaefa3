import { operations, request } from '../../../api';
import type { SubmissionBody } from '../../../api';

export const attemptKey = (id: string) => ['attempt', id] as const;

export const startAttempt = (enrolmentId: string, quizId: string) =>
  request(operations.startAttempt, { params: { id: enrolmentId, quizId } });
export const fetchAttempt = (id: string) => request(operations.getAttempt, { params: { id } });
export const submitAttempt = (id: string, body: SubmissionBody) =>
  request(operations.submitAttempt, { params: { id }, body });
