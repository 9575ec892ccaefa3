import { download, operations, request } from '../../../api';

export const AUDIT_PAGE_SIZE = 50;

/** The families of actions a manager filters by (the API's ?type=). */
export const AUDIT_TYPES = ['certificate', 'membership', 'enrolment', 'cohort', 'report', 'auth', 'sso', 'organization', 'user'] as const;

export interface AuditFilter {
  person: string;
  type: string;
  from: string;
  to: string;
}

export const auditKey = (orgId: string, filter?: AuditFilter) => ['audit', orgId, filter ?? null] as const;

const queryOf = (f: AuditFilter) => ({
  ...(f.person ? { person: f.person } : {}),
  ...(f.type ? { type: f.type } : {}),
  ...(f.from ? { from: f.from } : {}),
  ...(f.to ? { to: f.to } : {}),
});

/** Newest first; `before` (an event's id) pages to older events. */
export const fetchAuditEvents = (orgId: string, filter: AuditFilter, before?: string) =>
  request(operations.auditEvents, {
    params: { orgId },
    query: { ...queryOf(filter), before: before === undefined ? undefined : Number(before), limit: AUDIT_PAGE_SIZE },
  });

/** The filtered log as CSV, in the reader's language. */
export const downloadAuditCsv = (orgId: string, filter: AuditFilter) =>
  download(operations.auditEvents, 'audit-log.csv', { params: { orgId }, query: { ...queryOf(filter), format: 'csv' } });

/** The people a manager can filter by: the organisation's members. */
export const fetchAuditPeople = (orgId: string) => request(operations.listMembers, { params: { orgId } });
