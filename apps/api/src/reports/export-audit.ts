import type { ReportCohort, ReportsRepository } from '@kindling/db';
import type { Actor } from '../common/auth/actor.js';

/** The action of every export's audit event; `data.kind` says which export. */
export const EXPORT_AUDIT_ACTION = 'report.exported';

export interface ExportAuditData {
  /** progress: names and e-mails of the cohort; impact: pseudonymous per-learner scores. */
  kind: 'progress' | 'impact';
  format: 'csv' | 'xlsx';
  [more: string]: unknown;
}

/**
 * Records that `actor` exported data of `cohort` — before the file is streamed, so a download
 * that is cut short is on record too. The event belongs to the cohort's organisation (its
 * managers see it in GET /api/organizations/:id/audit-events).
 */
export async function auditExport(reports: ReportsRepository, actor: Actor, cohort: ReportCohort, data: ExportAuditData): Promise<void> {
  await reports.recordExport({
    organizationId: cohort.organization_id,
    actorId: actor.userId,
    action: EXPORT_AUDIT_ACTION,
    subjectType: 'cohort',
    subjectId: cohort.id,
    data: { cohortId: cohort.id, cohortName: cohort.name, ...data },
  });
}
