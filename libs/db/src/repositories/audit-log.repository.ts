import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

/** One audit event with the names it refers to, resolved when it is read (never stored in the append-only row). */
export interface AuditLogRow {
  id: string;
  at: Date;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: Record<string, unknown>;
  actor_name: string | null;
  actor_erased: boolean;
  person_id: string | null;
  person_name: string | null;
  person_erased: boolean;
  cohort_name: string | null;
  certificate_number: string | null;
}

export interface AuditLogFilter {
  organizationId: string;
  /** events this person did or that concern them (as the subject, the enrolment's learner or the certificate's holder) */
  personId: string | null;
  /** an exact action (`certificate.revoked`) or a family (`certificate`: every `certificate.*`) */
  action: string | null;
  /** inclusive bounds, ISO instants */
  from: Date | null;
  until: Date | null;
  before: number | null;
  limit: number;
}

const UUID = `'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'`;
const asUuid = (expr: string) => `(CASE WHEN ${expr} ~ ${UUID} THEN (${expr})::uuid END)`;

/**
 * The audit log as people read it (issue 18 point 8). Audit rows are append-only and reference
 * people, cohorts and certificates by id; their names are joined here, at read time, so an
 * erased person reads as "erased person" in every old event without the log being rewritten.
 */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async page(f: AuditLogFilter, db: Db = this.dataSource): Promise<AuditLogRow[]> {
    const family = f.action && !f.action.includes('.') ? f.action : null;
    const exact = f.action && f.action.includes('.') ? f.action : null;
    return queryRows<AuditLogRow>(
      db,
      `SELECT e.id, e.at, e.actor_id, e.action, e.subject_type, e.subject_id, e.data,
              a.name AS actor_name, (a.erased_at IS NOT NULL) AS actor_erased,
              p.id AS person_id, p.name AS person_name, (p.erased_at IS NOT NULL) AS person_erased,
              co.name AS cohort_name, cert.number AS certificate_number
         FROM audit_events e
         LEFT JOIN users a ON a.id = e.actor_id
         LEFT JOIN certificates cert ON e.subject_type = 'certificate' AND cert.id = ${asUuid('e.subject_id')}
         LEFT JOIN users p ON p.id = COALESCE(
              CASE WHEN e.subject_type = 'user' THEN ${asUuid('e.subject_id')} END,
              ${asUuid("e.data->>'userId'")},
              cert.user_id)
         LEFT JOIN cohorts co ON co.id = COALESCE(CASE WHEN e.subject_type = 'cohort' THEN ${asUuid('e.subject_id')} END, ${asUuid("e.data->>'cohortId'")})
        WHERE e.organization_id = $1
          AND ($2::uuid IS NULL OR e.actor_id = $2 OR p.id = $2)
          AND ($3::text IS NULL OR e.action = $3)
          AND ($4::text IS NULL OR e.action LIKE $4 || '.%' OR e.action LIKE $4 || '-%')
          AND ($5::timestamptz IS NULL OR e.at >= $5)
          AND ($6::timestamptz IS NULL OR e.at <= $6)
          AND ($7::bigint IS NULL OR e.id < $7)
        ORDER BY e.at DESC, e.id DESC
        LIMIT $8`,
      [f.organizationId, f.personId, exact, family, f.from, f.until, f.before, f.limit],
    );
  }
}
