import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryRows } from '../sql.js';

type Db = EntityManager | DataSource;

export interface ExpiryCountRow {
  cohort_id: string | null;
  cohort_name: string | null;
  expiring: number;
  expired: number;
}

/**
 * Certificates whose course requires renewal (valid_until set from the course's validity in
 * months, issue 16): how many of an organisation's valid certificates expire within a window
 * and how many have expired, per cohort (issue 18 point 3). Revoked certificates are left out.
 */
@Injectable()
export class RecertificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  expiryCounts(organizationId: string, now: Date, withinDays: number, db: Db = this.dataSource): Promise<ExpiryCountRow[]> {
    return queryRows<ExpiryCountRow>(
      db,
      `SELECT co.id AS cohort_id, co.name AS cohort_name,
              (count(*) FILTER (WHERE c.valid_until >= $2 AND c.valid_until < $2 + make_interval(days => $3)))::int AS expiring,
              (count(*) FILTER (WHERE c.valid_until < $2))::int AS expired
         FROM certificates c
         JOIN enrolments e ON e.id = c.enrolment_id
         LEFT JOIN cohorts co ON co.id = e.cohort_id
        WHERE c.organization_id = $1 AND c.status = 'valid' AND c.valid_until IS NOT NULL
        GROUP BY co.id, co.name
        ORDER BY co.name NULLS LAST`,
      [organizationId, now, withinDays],
    );
  }
}
