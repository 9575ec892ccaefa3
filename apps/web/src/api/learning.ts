import { operations, request } from './index';

export const enrolmentKey = (id: string) => ['enrolment', id] as const;
export const lessonKey = (id: string) => ['lesson', id] as const;

export const fetchEnrolment = (id: string) => request(operations.getEnrolment, { params: { id } });
export const fetchLesson = (id: string) => request(operations.getLesson, { params: { id } });
export const completeLesson = (enrolmentId: string, lessonId: string) =>
  request(operations.completeLesson, { params: { id: enrolmentId, lessonId } });
export const sendHeartbeat = (enrolmentId: string) => request(operations.heartbeat, { params: { id: enrolmentId } });
