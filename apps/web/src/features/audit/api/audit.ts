import { operations, request } from '../../../api';

export const AUDIT_PAGE_SIZE = 50;
export const auditKey = (orgId: string) => ['audit', orgId] as const;

/** Newest first; `before` (an event's id) pages to older events. */
export const fetchAuditEvents = (orgId: string, before?: string) =>
  request(operations.auditEvents, { params: { orgId }, query: { before: before === undefined ? undefined : Number(before), limit: AUDIT_PAGE_SIZE } });
