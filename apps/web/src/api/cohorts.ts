import { download, operations, request } from './index';
import type { CohortBody, LearnerBulkAction, Query, ReminderSchedule } from './index';

export const cohortKeys = {
  organizations: ['organizations'] as const,
  cohorts: (orgId: string) => ['cohorts', orgId] as const,
  summary: (id: string) => ['cohort', id, 'summary'] as const,
  funnel: (id: string) => ['cohort', id, 'funnel'] as const,
  overdue: (id: string) => ['cohort', id, 'overdue'] as const,
  distribution: (id: string) => ['cohort', id, 'distribution'] as const,
  progress: (id: string, query: Query) => ['cohort', id, 'progress', query] as const,
  job: (id: string) => ['job', id] as const,
  cohort: (id: string) => ['cohort', id, 'detail'] as const,
  publishedCourses: ['courses'] as const,
};

export const fetchOrganizations = () => request(operations.listOrganizations);
export const fetchCohorts = (orgId: string) => request(operations.listCohorts, { params: { orgId } });
export const createCohort = (orgId: string, body: CohortBody) => request(operations.createCohort, { params: { orgId }, body });
export const fetchCourses = () => request(operations.listCourses, { query: { pageSize: 100 } });

export const fetchSummary = (id: string) => request(operations.cohortSummary, { params: { id } });
export const fetchFunnel = (id: string) => request(operations.cohortFunnel, { params: { id } });
export const fetchOverdue = (id: string, pageSize = 20) => request(operations.cohortOverdue, { params: { id }, query: { pageSize } });
export const fetchCohort = (id: string) => request(operations.getCohort, { params: { id } });
export const fetchDistribution = (id: string) => request(operations.scoreDistribution, { params: { id } });
export const fetchProgress = (id: string, query: Query) => request(operations.cohortProgress, { params: { id }, query });
export const downloadProgress = (id: string, format: 'csv' | 'xlsx', query: Query) =>
  download(operations.cohortProgress, `cohort-progress.${format}`, { params: { id }, query: { ...query, format, page: undefined, pageSize: undefined } });

/** A CSV text or a spreadsheet file (sent as its bytes); `sheet` and `mapping` correct what the server proposed. */
export const uploadEnrolments = (id: string, body: string | Blob, dryRun: boolean, options: { sheet?: string; mapping?: string } = {}) =>
  request(operations.enrolCsv, {
    params: { id },
    body,
    query: { ...(dryRun ? { dryRun: true } : {}), ...(options.sheet ? { sheet: options.sheet } : {}), ...(options.mapping ? { mapping: options.mapping } : {}) },
  });
export const fetchReminders = (id: string) => request(operations.cohortReminders, { params: { id } });
export const saveReminders = (id: string, body: ReminderSchedule) => request(operations.saveCohortReminders, { params: { id }, body });
export const fetchJob = (id: string) => request(operations.getJob, { params: { id } });
export const downloadJobResult = (id: string, name: string) => download(operations.jobResult, name, { params: { id } });
export const uploadPupils = (id: string, csv: string) => request(operations.createPupils, { params: { id }, body: csv });

/** One person from the "add one person" form (no file). */
export const enrolOne = (id: string, learner: { email: string; firstName?: string; lastName?: string; language?: 'en' | 'it' | 'de' | 'fr'; employeeNumber?: string; group?: string }) =>
  request(operations.enrolLearners, { params: { id }, body: { learners: [learner] } });
export const resendInvitation = (enrolmentId: string) => request(operations.resendInvitation, { params: { id: enrolmentId } });
export const remindLearner = (enrolmentId: string) => request(operations.remindLearner, { params: { id: enrolmentId } });
export const withdrawLearner = (enrolmentId: string) => request(operations.withdrawLearner, { params: { id: enrolmentId } });
export const runLearnerAction = (cohortId: string, body: LearnerBulkAction) => request(operations.learnerActions, { params: { id: cohortId }, body });
