import { operations, request } from './index';

export const myEnrolmentsKey = ['enrolments', 'mine'] as const;
export const coursesKey = ['courses'] as const;

export const fetchMyEnrolments = () => request(operations.myEnrolments);
export const fetchCourses = () => request(operations.listCourses, { query: { pageSize: 100 } });
export const selfEnrol = (courseId: string) => request(operations.selfEnrol, { params: { id: courseId } });
