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

/** A renewal round the sweep created: a new enrolment for an expiring certificate. */
export interface RenewalRow {
  id: string;
  user_id: string;
  organization_id: string;
  cohort_id: string;
  course_id: string;
  course_version_id: string;
  round: number;
  renews_certificate_id: string;
}

/**
 * Certificates whose course requires renewal (valid_until set from the course's validity in
 * months, issue 16): how many of an organisation's valid certificates expire within a window
 * and how many have expired, per cohort (issue 18 point 3). Revoked certificates are left out, and
 * so are certificates whose holder completed the renewal round that renews them.
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
          -- renewed: the holder completed the renewal round (its own certificate counts from then on)
          AND NOT EXISTS (SELECT 1 FROM enrolments r WHERE r.renews_certificate_id = c.id AND r.status = 'completed')
        GROUP BY co.id, co.name
        ORDER BY co.name NULLS LAST`,
      [organizationId, now, withinDays],
    );
  }

  /**
   * Renewal rounds (issue 18 point 3): for every valid certificate that expires after `now` and
   * at most `leadDays` days later, a new enrolment of its holder in the course's CURRENT published
   * version, in the same cohort, as the next round, due on the day the certificate expires. The
   * earlier round is marked superseded (the cohort's figures count each person once, by the
   * newest round). Not renewed: a withdrawn enrolment, an erased person or one who is no longer a
   * member of the organisation, an archived or unpublished course, an enrolment without a cohort
   * (self-enrolment), a revoked certificate.
   *
   * Exactly one renewal per certificate, whatever restarts or concurrent workers do: the unique
   * constraint on renews_certificate_id (and the (user, course, scope, round) key) with
   * ON CONFLICT DO NOTHING. Certificates already renewed are left out before the batch limit, so
   * old renewals never fill a batch.
   */
  claimRenewals(now: Date, leadDays: number, limit: number, em: EntityManager): Promise<RenewalRow[]> {
    return queryRows<RenewalRow>(
      em,
      `WITH due AS (
         SELECT ce.id AS certificate_id, e.user_id, e.course_id, e.cohort_id, e.organization_id, e.round + 1 AS round,
                (ce.valid_until AT TIME ZONE 'UTC')::date AS due_on, v.id AS version_id,
                (SELECT count(*) FROM lessons l WHERE l.course_version_id = v.id)::int AS lessons,
                (SELECT count(*) FROM quizzes q WHERE q.course_version_id = v.id)::int AS quizzes
           FROM certificates ce
           JOIN enrolments e ON e.id = ce.enrolment_id AND e.status = 'completed' AND e.superseded_at IS NULL
           JOIN cohorts co ON co.id = e.cohort_id
           JOIN users u ON u.id = e.user_id AND u.erased_at IS NULL
           JOIN memberships m ON m.user_id = e.user_id AND m.organization_id = e.organization_id
           JOIN courses c ON c.id = e.course_id AND c.archived_at IS NULL
           JOIN course_versions v ON v.id = c.published_version_id
          WHERE ce.status = 'valid' AND ce.valid_until IS NOT NULL
            AND ce.valid_until > $1::timestamptz AND ce.valid_until <= $1::timestamptz + make_interval(days => $2)
            AND NOT EXISTS (SELECT 1 FROM enrolments r WHERE r.renews_certificate_id = ce.id)
          ORDER BY ce.valid_until, ce.id
          LIMIT $3
       ), inserted AS (
         INSERT INTO enrolments (user_id, course_id, course_version_id, cohort_id, organization_id, items_total, lessons_total,
                                 round, renews_certificate_id, due_on)
         SELECT user_id, course_id, version_id, cohort_id, organization_id, lessons + quizzes, lessons, round, certificate_id, due_on
           FROM due ORDER BY user_id, course_id
         ON CONFLICT DO NOTHING
         RETURNING id, user_id, organization_id, cohort_id, course_id, course_version_id, round, renews_certificate_id
       ), superseded AS (
         UPDATE enrolments o SET superseded_at = $1::timestamptz
           FROM inserted i JOIN certificates ce ON ce.id = i.renews_certificate_id
          WHERE o.id = ce.enrolment_id
         RETURNING o.id
       )
       SELECT * FROM inserted`,
      [now.toISOString(), leadDays, limit],
    );
  }
}
