import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { queryFirst, queryRows } from '../sql.js';

/**
 * The scheduled steps go out once per learner; 'manual' is a manager's "remind" and may repeat
 * (rate-limited); 'renewal' tells the learner about a renewal round, once per renewal enrolment
 * (written by the renewal sweep with the enrolment, not by claimDue).
 */
export type ReminderStep = 'invitation' | 'due_soon' | 'overdue' | 'manual' | 'renewal';
export const REMINDER_STEPS: readonly ReminderStep[] = ['invitation', 'due_soon', 'overdue'];
/** A manager may remind one learner again after this many hours. */
export const MANUAL_REMINDER_EVERY_HOURS = 24;

/** Everything one weekly digest e-mail needs, read when it is sent. */
export interface DigestDeliveryRow {
  id: string;
  sent_at: Date | null;
  email: string | null;
  name: string;
  locale: string;
  still_manager: boolean;
  weekly_digest: boolean;
  cohort_id: string;
  organization_id: string;
  cohort_name: string;
  course_title: string;
  organization_name: string;
  due_on: string | null;
  enrolled: number;
  completed: number;
  overdue: number;
  not_started: number;
  pending_invitations: number;
  completed_this_week: number;
}

/** A cohort's reminder schedule (null days: that step is off). */
export interface ReminderScheduleRow {
  reminders_enabled: boolean;
  invitation_reminder_days: number | null;
  due_soon_days: number | null;
  overdue_reminder: boolean;
  weekly_digest: boolean;
  due_on: string | null;
}

/** Everything one reminder e-mail needs, read when it is sent. */
export interface ReminderDeliveryRow {
  id: string;
  step: ReminderStep;
  enrolment_id: string;
  /** a renewal round: the day the renewed certificate expires (ISO, UTC) */
  renews_valid_until: string | null;
  sent_at: Date | null;
  email: string | null;
  name: string;
  locale: string;
  enrolment_status: string;
  opted_out: boolean;
  reminders_enabled: boolean;
  course_title: string;
  organization_name: string;
  due_on: string | null;
  invited_days: number;
}

/** The learners whose step is due: active, not opted out, reachable by e-mail, in an enabled cohort. */
const ELIGIBLE = `
  FROM enrolments e
  JOIN cohorts c ON c.id = e.cohort_id AND c.reminders_enabled
  JOIN users u ON u.id = e.user_id AND u.email IS NOT NULL
 WHERE e.status = 'active'
   AND NOT EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.user_id = e.user_id)`;

/**
 * Reminder bookkeeping. Claiming a step inserts one row per (enrolment, step) — the unique key
 * makes a second sweep (another worker, a restart, time moving on) claim nothing already
 * claimed. Sending marks the row first (`sent_at`), so a delivered-again job sends nothing.
 */
@Injectable()
export class RemindersRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Claims every step that is due at `now` (a day boundary in UTC) and returns the new rows'
   * ids. Steps: the invitation unaccepted N days after enrolment (no password yet, an open
   * invitation from the cohort's organisation); "due soon" from N days before the due date up
   * to it; "overdue" after the due date. A learner who is overdue before ever getting "due soon"
   * gets only "overdue". Steps already claimed are left out before the batch limit: otherwise
   * a batch of old claims would fill the limit and hide the new ones (ON CONFLICT still guards
   * against a race).
   */
  async claimDue(now: Date, limit: number, em: EntityManager): Promise<{ id: string; step: ReminderStep }[]> {
    const today = now.toISOString().slice(0, 10);
    return queryRows<{ id: string; step: ReminderStep }>(
      em,
      `INSERT INTO reminder_deliveries (enrolment_id, step)
       SELECT id, step FROM (
         SELECT e.id, 'invitation' AS step ${ELIGIBLE}
            AND c.invitation_reminder_days IS NOT NULL
            AND u.password_hash IS NULL
            AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.enrolment_id = e.id AND d.step = 'invitation')
            AND e.created_at <= $1::timestamptz - make_interval(days => c.invitation_reminder_days)
            AND EXISTS (SELECT 1 FROM one_time_tokens t WHERE t.user_id = u.id AND t.kind = 'invitation' AND t.used_at IS NULL
                          AND (t.organization_id IS NULL OR t.organization_id = c.organization_id))
         UNION ALL
         SELECT e.id, 'due_soon' ${ELIGIBLE}
            AND c.due_soon_days IS NOT NULL AND coalesce(e.due_on, c.due_on) IS NOT NULL
            AND $2::date BETWEEN coalesce(e.due_on, c.due_on) - c.due_soon_days AND coalesce(e.due_on, c.due_on)
            AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.enrolment_id = e.id AND d.step = 'due_soon')
         UNION ALL
         SELECT e.id, 'overdue' ${ELIGIBLE}
            AND c.overdue_reminder AND coalesce(e.due_on, c.due_on) IS NOT NULL AND $2::date > coalesce(e.due_on, c.due_on)
            AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.enrolment_id = e.id AND d.step = 'overdue')
         LIMIT $3
       ) due
       ON CONFLICT (enrolment_id, step) WHERE step <> 'manual' DO NOTHING
       RETURNING id, step`,
      [now.toISOString(), today, limit],
    );
  }

  /** The 'renewal' e-mail of each new renewal enrolment: one delivery each (the unique (enrolment, step) key keeps it once). */
  claimRenewalNotices(enrolmentIds: string[], em: EntityManager): Promise<{ id: string; enrolment_id: string }[]> {
    return queryRows<{ id: string; enrolment_id: string }>(
      em,
      `INSERT INTO reminder_deliveries (enrolment_id, step)
       SELECT e, 'renewal' FROM unnest($1::uuid[]) AS e
       ON CONFLICT (enrolment_id, step) WHERE step <> 'manual' DO NOTHING
       RETURNING id, enrolment_id`,
      [enrolmentIds],
    );
  }

  /**
   * A manager's "remind now" for these enrolments of one cohort: one 'manual' delivery each for
   * the active learners with an e-mail who did not opt out and were not reminded by hand in the
   * last MANUAL_REMINDER_EVERY_HOURS hours. Answers the new rows; the caller writes their outbox rows.
   */
  claimManual(cohortId: string | null, enrolmentIds: string[], now: Date, em: EntityManager): Promise<{ id: string; enrolment_id: string }[]> {
    return queryRows<{ id: string; enrolment_id: string }>(
      em,
      `INSERT INTO reminder_deliveries (enrolment_id, step)
       SELECT e.id, 'manual'
         FROM enrolments e
         JOIN users u ON u.id = e.user_id AND u.email IS NOT NULL
        WHERE ($1::uuid IS NULL OR e.cohort_id = $1) AND e.id = ANY($2::uuid[]) AND e.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.user_id = e.user_id)
          AND NOT EXISTS (SELECT 1 FROM reminder_deliveries d WHERE d.enrolment_id = e.id AND d.step = 'manual'
                            AND d.created_at > $3::timestamptz - make_interval(hours => $4))
       RETURNING id, enrolment_id`,
      [cohortId, enrolmentIds, now.toISOString(), MANUAL_REMINDER_EVERY_HOURS],
    );
  }

  /** What a manager's "remind" or "resend invitation" needs to know about the learner of an enrolment. */
  learnerContact(userId: string, em: EntityManager): Promise<{ email: string | null; name: string; has_password: boolean; opted_out: boolean; last_invited_at: Date | null } | null> {
    return queryFirst(
      em,
      `SELECT u.email, u.name, u.password_hash IS NOT NULL AS has_password,
              EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.user_id = u.id) AS opted_out,
              (SELECT max(t.created_at) FROM one_time_tokens t WHERE t.user_id = u.id AND t.kind = 'invitation') AS last_invited_at
         FROM users u WHERE u.id = $1`,
      [userId],
    );
  }

  /** The open invitation links of an account stop working (a new one is about to be sent; only the newest counts). */
  async retireInvitations(userId: string, em: EntityManager): Promise<void> {
    await em.query(`UPDATE one_time_tokens SET used_at = now() WHERE user_id = $1 AND kind = 'invitation' AND used_at IS NULL`, [userId]);
  }

  /** Withdraws the active enrolments among `ids` of one cohort; answers the ones withdrawn (for the audit log). */
  withdrawActive(cohortId: string, ids: string[], em: EntityManager): Promise<{ id: string; user_id: string; organization_id: string }[]> {
    return queryRows(
      em,
      `UPDATE enrolments SET status = 'withdrawn', withdrawn_at = now()
        WHERE cohort_id = $1 AND id = ANY($2::uuid[]) AND status = 'active'
       RETURNING id, user_id, organization_id`,
      [cohortId, ids],
    );
  }

  /**
   * Claims this week's digest (weeks start on Monday, UTC) for every manager of every cohort whose
   * digest is switched on and that still has active learners. The unique (cohort, manager, week)
   * key makes it once per week whatever restarts or second workers do.
   */
  claimDigests(now: Date, em: EntityManager): Promise<{ id: string }[]> {
    return queryRows<{ id: string }>(
      em,
      `INSERT INTO manager_digest_deliveries (cohort_id, user_id, week_start)
       SELECT c.id, m.user_id, date_trunc('week', $1::timestamptz AT TIME ZONE 'UTC')::date
         FROM cohorts c
         JOIN memberships m ON m.organization_id = c.organization_id AND m.role = 'manager'
         JOIN users u ON u.id = m.user_id AND u.email IS NOT NULL
        WHERE c.weekly_digest
          AND EXISTS (SELECT 1 FROM enrolments e WHERE e.cohort_id = c.id AND e.status = 'active')
       ON CONFLICT ON CONSTRAINT uq_manager_digest_deliveries_week DO NOTHING
       RETURNING id`,
      [now.toISOString()],
    );
  }

  /** The digest with its cohort's figures at `now`; null when unknown. */
  findDigest(id: string, now: Date): Promise<DigestDeliveryRow | null> {
    return queryFirst<DigestDeliveryRow>(
      this.db,
      `SELECT d.id, d.sent_at, u.email, u.name, u.locale,
              EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = u.id AND m.organization_id = c.organization_id AND m.role = 'manager') AS still_manager,
              c.weekly_digest, c.id AS cohort_id, c.organization_id, c.name AS cohort_name, org.name AS organization_name,
              (SELECT cv.title FROM course_versions cv WHERE cv.course_id = c.course_id ORDER BY (cv.status = 'published') DESC, cv.version DESC LIMIT 1) AS course_title,
              to_char(c.due_on, 'YYYY-MM-DD') AS due_on,
              count(e.id) FILTER (WHERE e.status <> 'withdrawn')::int AS enrolled,
              count(e.id) FILTER (WHERE e.status = 'completed')::int AS completed,
              count(e.id) FILTER (WHERE e.status = 'active' AND coalesce(e.due_on, c.due_on) < ($2::timestamptz AT TIME ZONE 'UTC')::date)::int AS overdue,
              count(e.id) FILTER (WHERE e.status = 'active' AND e.progress_percent = 0)::int AS not_started,
              count(e.id) FILTER (WHERE e.status = 'active' AND lu.password_hash IS NULL)::int AS pending_invitations,
              count(e.id) FILTER (WHERE e.status = 'completed' AND e.completed_at > $2::timestamptz - interval '7 days')::int AS completed_this_week
         FROM manager_digest_deliveries d
         JOIN users u ON u.id = d.user_id
         JOIN cohorts c ON c.id = d.cohort_id
         JOIN organizations org ON org.id = c.organization_id
         LEFT JOIN enrolments e ON e.cohort_id = c.id AND e.superseded_at IS NULL
         LEFT JOIN users lu ON lu.id = e.user_id
        WHERE d.id = $1
        GROUP BY d.id, u.id, c.id, org.id`,
      [id, now.toISOString()],
    );
  }

  async markDigestSent(id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(this.db, `UPDATE manager_digest_deliveries SET sent_at = now() WHERE id = $1 AND sent_at IS NULL AND skipped_reason IS NULL RETURNING id`, [id]);
    return rows.length === 1;
  }

  async unmarkDigestSent(id: string): Promise<void> {
    await queryRows(this.db, `UPDATE manager_digest_deliveries SET sent_at = NULL WHERE id = $1 RETURNING id`, [id]);
  }

  async skipDigest(id: string, reason: string): Promise<void> {
    await queryRows(this.db, `UPDATE manager_digest_deliveries SET skipped_reason = $2 WHERE id = $1 AND sent_at IS NULL RETURNING id`, [id, reason]);
  }

  /** The delivery with what its e-mail says; null when unknown. */
  findDelivery(id: string, now: Date, em?: EntityManager): Promise<ReminderDeliveryRow | null> {
    return queryFirst<ReminderDeliveryRow>(
      em ?? this.db,
      `SELECT d.id, d.step, d.enrolment_id, d.sent_at, u.email, u.name, u.locale, e.status AS enrolment_status,
              EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.user_id = u.id) AS opted_out,
              c.reminders_enabled, cv.title AS course_title, org.name AS organization_name,
              to_char(coalesce(e.due_on, c.due_on), 'YYYY-MM-DD') AS due_on,
              (SELECT to_char(rc.valid_until AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM certificates rc WHERE rc.id = e.renews_certificate_id) AS renews_valid_until,
              GREATEST(0, floor(extract(epoch FROM ($2::timestamptz - e.created_at)) / 86400))::int AS invited_days
         FROM reminder_deliveries d
         JOIN enrolments e ON e.id = d.enrolment_id
         JOIN users u ON u.id = e.user_id
         JOIN cohorts c ON c.id = e.cohort_id
         JOIN course_versions cv ON cv.id = e.course_version_id
         JOIN organizations org ON org.id = c.organization_id
        WHERE d.id = $1`,
      [id, now.toISOString()],
    );
  }

  /** Marks a delivery as being sent; false when it was sent (or skipped) already. */
  async markSent(id: string): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(this.db, `UPDATE reminder_deliveries SET sent_at = now() WHERE id = $1 AND sent_at IS NULL AND skipped_reason IS NULL RETURNING id`, [id]);
    return rows.length === 1;
  }

  /** A failed send gives the delivery back, so the job's retry sends it. */
  async unmarkSent(id: string): Promise<void> {
    await queryRows(this.db, `UPDATE reminder_deliveries SET sent_at = NULL WHERE id = $1 RETURNING id`, [id]);
  }

  /** Not sent, for good (withdrawn or completed meanwhile, opted out, cohort switched off). */
  async skip(id: string, reason: string): Promise<void> {
    await queryRows(this.db, `UPDATE reminder_deliveries SET skipped_reason = $2 WHERE id = $1 AND sent_at IS NULL RETURNING id`, [id, reason]);
  }

  /** Opts the learner of a delivery out of reminders; the delivery id is the (unguessable) key of the e-mail's link. */
  async optOutByDelivery(deliveryId: string): Promise<boolean> {
    const rows = await queryRows<{ user_id: string }>(
      this.db,
      `INSERT INTO reminder_opt_outs (user_id)
       SELECT e.user_id FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id WHERE d.id = $1
       ON CONFLICT (user_id) DO UPDATE SET opted_out_at = reminder_opt_outs.opted_out_at
       RETURNING user_id`,
      [deliveryId],
    );
    return rows.length === 1;
  }

  schedule(cohortId: string): Promise<ReminderScheduleRow | null> {
    return queryFirst<ReminderScheduleRow>(
      this.db,
      `SELECT reminders_enabled, invitation_reminder_days, due_soon_days, overdue_reminder, weekly_digest, to_char(due_on, 'YYYY-MM-DD') AS due_on
         FROM cohorts WHERE id = $1`,
      [cohortId],
    );
  }

  async updateSchedule(cohortId: string, s: Omit<ReminderScheduleRow, 'due_on'> & { due_on?: string | null }): Promise<void> {
    await queryRows(
      this.db,
      `UPDATE cohorts SET reminders_enabled = $2, invitation_reminder_days = $3, due_soon_days = $4, overdue_reminder = $5, weekly_digest = $6,
              due_on = CASE WHEN $7::boolean THEN $8::date ELSE due_on END
        WHERE id = $1 RETURNING id`,
      [cohortId, s.reminders_enabled, s.invitation_reminder_days, s.due_soon_days, s.overdue_reminder, s.weekly_digest, s.due_on !== undefined, s.due_on ?? null],
    );
  }

  /** Per step: sent, claimed but not sent yet, skipped — for the schedule screen. */
  counts(cohortId: string): Promise<{ step: ReminderStep; sent: number; pending: number; skipped: number }[]> {
    return queryRows(
      this.db,
      `SELECT d.step, count(*) FILTER (WHERE d.sent_at IS NOT NULL)::int AS sent,
              count(*) FILTER (WHERE d.sent_at IS NULL AND d.skipped_reason IS NULL)::int AS pending,
              count(*) FILTER (WHERE d.skipped_reason IS NOT NULL)::int AS skipped
         FROM reminder_deliveries d JOIN enrolments e ON e.id = d.enrolment_id
        WHERE e.cohort_id = $1 GROUP BY d.step ORDER BY d.step`,
      [cohortId],
    );
  }
}
