import { op } from './operations';
import { request } from './client';

/** Safe publishing (issue 22 point 4): the changes a publish would make, a cohort's version status and moves, a learner's offer. */
const ops = {
  courseChanges: op('GET', '/api/courses/{id}/changes'),
  cohortVersionStatus: op('GET', '/api/cohorts/{id}/version-status'),
  migrateCohort: op('POST', '/api/cohorts/{id}/version-migration'),
  versionOffer: op('GET', '/api/enrolments/{id}/version-offer'),
  acceptVersion: op('POST', '/api/enrolments/{id}/version-upgrade'),
};

export const publishingKeys = {
  changes: (id: string) => ['course', id, 'changes'] as const,
  cohortStatus: (id: string) => ['cohort', id, 'version-status'] as const,
  offer: (id: string) => ['enrolment', id, 'version-offer'] as const,
};

export const fetchChanges = (id: string) => request(ops.courseChanges, { params: { id } });
export const fetchCohortVersionStatus = (id: string) => request(ops.cohortVersionStatus, { params: { id } });
export const migrateCohort = (id: string, learners: 'all' | 'not-started') => request(ops.migrateCohort, { params: { id }, query: { learners } });
export const fetchVersionOffer = (id: string) => request(ops.versionOffer, { params: { id } });
export const acceptVersion = (id: string) => request(ops.acceptVersion, { params: { id } });
