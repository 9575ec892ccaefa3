import { Injectable } from '@nestjs/common';
import { conflict, DomainError, invalid, isUuid, msg, notFound } from '@kindling/common';
import { EnrolmentsRepository, MANUAL_REMINDER_EVERY_HOURS, recordAudit, recordAuditBatch, RemindersRepository, ReportsRepository, writeOutbox } from '@kindling/db';
import { InvitationService } from '@kindling/enrolment';
import { JobName } from '@kindling/queue';
import { DataSource } from 'typeorm';
import type { Scope } from '../common/auth/access.service.js';
import { BULK_LIMIT, type LearnerBulkActionDto, type LearnerBulkResultDto, type SentDto } from './dto/learner-actions.dto.js';

/** An invitation may be sent again to the same person after this many minutes. */
export const INVITATION_RESEND_EVERY_MINUTES = 10;

const tooSoon = (message: ReturnType<typeof msg>, seconds: number) =>
  new DomainError('too_many_requests', message, { 'Retry-After': String(Math.max(1, Math.ceil(seconds))) });

/**
 * What a manager does to learners from the learners table: resend an invitation, remind by hand,
 * and the same for many at once (a selection or a filter). Reminders by hand are deliveries of
 * their own step, sent by the worker like the scheduled ones (same opt-out, same unsubscribe link).
 */
@Injectable()
export class LearnerActionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly enrolments: EnrolmentsRepository,
    private readonly reminders: RemindersRepository,
    private readonly reports: ReportsRepository,
    private readonly invitations: InvitationService,
  ) {}

  /** A fresh invitation link for a learner who has not accepted yet; the earlier links stop working. */
  async resendInvitation(scope: Scope, enrolmentId: string, now = new Date()): Promise<SentDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    return this.dataSource.transaction(async (em) => {
      const row = await this.enrolments.lockManaged(enrolmentId, scope, em);
      if (!row || !row.organization_id) throw notFound('enrolment');
      if (row.status !== 'active') throw conflict(msg('office1.invitation.notActive'));
      const learner = await this.reminders.learnerContact(row.user_id, em);
      if (!learner) throw notFound('enrolment');
      if (learner.has_password) throw conflict(msg('office1.invitation.accepted'));
      if (!learner.email) throw conflict(msg('office1.remind.noEmail'));
      const last = learner.last_invited_at ? new Date(learner.last_invited_at).getTime() : 0;
      const wait = last + INVITATION_RESEND_EVERY_MINUTES * 60_000 - now.getTime();
      if (wait > 0) throw tooSoon(msg('office1.invitation.rateLimited', { minutes: INVITATION_RESEND_EVERY_MINUTES }), wait / 1000);
      await this.reminders.retireInvitations(row.user_id, em);
      await this.invitations.inviteMany(em, [{ userId: row.user_id, email: learner.email, name: learner.name, organizationId: row.organization_id }], scope.userId);
      await recordAudit(em, {
        organizationId: row.organization_id,
        actorId: scope.userId,
        action: 'enrolment.invitation_resent',
        subjectType: 'enrolment',
        subjectId: row.id,
        data: { userId: row.user_id },
      });
      return { queued: true };
    });
  }

  /** A reminder e-mail now (at most one per learner per MANUAL_REMINDER_EVERY_HOURS hours). */
  async remind(scope: Scope, enrolmentId: string, now = new Date()): Promise<SentDto> {
    if (!isUuid(enrolmentId)) throw notFound('enrolment');
    return this.dataSource.transaction(async (em) => {
      const row = await this.enrolments.lockManaged(enrolmentId, scope, em);
      if (!row) throw notFound('enrolment');
      if (row.status !== 'active') throw conflict(msg('office1.remind.notActive'));
      const learner = await this.reminders.learnerContact(row.user_id, em);
      if (!learner?.email) throw conflict(msg('office1.remind.noEmail'));
      if (learner.opted_out) throw conflict(msg('office1.remind.optedOut'));
      const [claimed] = await this.reminders.claimManual(null, [row.id], now, em);
      if (!claimed) throw tooSoon(msg('office1.remind.rateLimited', { hours: MANUAL_REMINDER_EVERY_HOURS }), 3600);
      await writeOutbox(em, JobName.SendReminder, claimed.id, { deliveryId: claimed.id });
      return { queued: true };
    });
  }

  /** Remind or withdraw every learner of a selection, or of a filter of the cohort's progress list. */
  async bulk(scope: Scope, cohortId: string, dto: LearnerBulkActionDto, now = new Date()): Promise<LearnerBulkResultDto> {
    if (!isUuid(cohortId)) throw notFound('cohort');
    const cohort = await this.reports.cohort(cohortId, scope);
    if (!cohort) throw notFound('cohort');
    const filtered = dto.q !== undefined || dto.status !== undefined;
    if (!dto.enrolmentIds && !filtered) throw invalid(msg('office1.bulk.nothingChosen'));
    if (dto.enrolmentIds?.length === 0) throw invalid(msg('office1.bulk.nothingChosen'));
    const ids = await this.reports.progressIds(
      cohort,
      { ...(dto.q !== undefined ? { q: dto.q } : {}), ...(dto.status ? { status: dto.status } : {}), ...(dto.enrolmentIds ? { ids: [...new Set(dto.enrolmentIds)] } : {}) },
      BULK_LIMIT + 1,
    );
    if (ids.length > BULK_LIMIT) throw invalid(msg('office1.bulk.tooMany', { max: BULK_LIMIT }));
    return this.dataSource.transaction(async (em) => {
      if (dto.action === 'remind') {
        const claimed = await this.reminders.claimManual(cohort.id, ids, now, em);
        for (const c of claimed) await writeOutbox(em, JobName.SendReminder, c.id, { deliveryId: c.id });
        await recordAudit(em, {
          organizationId: cohort.organization_id,
          actorId: scope.userId,
          action: 'cohort.learners_reminded',
          subjectType: 'cohort',
          subjectId: cohort.id,
          data: { matched: ids.length, reminded: claimed.length },
        });
        return { action: dto.action, matched: ids.length, done: claimed.length, skipped: ids.length - claimed.length };
      }
      const withdrawn = await this.reminders.withdrawActive(cohort.id, ids, em);
      await recordAuditBatch(
        em,
        withdrawn.map((w) => ({
          organizationId: w.organization_id,
          actorId: scope.userId,
          action: 'enrolment.withdrawn',
          subjectType: 'enrolment',
          subjectId: w.id,
          data: { userId: w.user_id, bulk: true },
        })),
      );
      return { action: dto.action, matched: ids.length, done: withdrawn.length, skipped: ids.length - withdrawn.length };
    });
  }
}
