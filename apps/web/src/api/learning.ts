import { operations, request } from './index';

export const enrolmentKey = (id: string) => ['enrolment', id] as const;
export const lessonKey = (id: string) => ['lesson', id] as const;

export const fetchEnrolment = (id: string) => request(operations.getEnrolment, { params: { id } });
export const fetchLesson = (id: string) => request(operations.getLesson, { params: { id } });
export const completeLesson = (enrolmentId: string, lessonId: string) =>
  request(operations.completeLesson, { params: { id: enrolmentId, lessonId } });
/** `start`: the learner opens the course or comes back to the tab (a new span: nothing is credited for the time before). */
export const sendHeartbeat = (enrolmentId: string, start = false) =>
  request(operations.heartbeat, { params: { id: enrolmentId }, body: { start } });
