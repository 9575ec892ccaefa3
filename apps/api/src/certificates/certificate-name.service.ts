import { Injectable } from '@nestjs/common';
import { recordAudit } from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { DomainError, conflict, notFound, isUuid } from '@kindling/common';
import type { CertificateNameRequestDto, CertificateNameView } from './dto/certificate-name.dto.js';

// A SELECT around the UPDATE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not rows.
const WITHDRAW_PENDING = `WITH w AS (UPDATE certificate_name_requests SET status = 'withdrawn', decided_at = now()
                                 WHERE user_id = $1 AND status = 'pending' RETURNING id)
                          SELECT id FROM w`;


/**
 * The user `u` (a column reference) is enrolled through organisation `$org` in an accredited
 * course (an enrolment that is not withdrawn, or a certificate of an accredited course there):
 * the managers of that organisation decide on the user's certificate-name requests.
 */
const ENROLLED_IN_ORG = (user: string, org: string) => `(
  EXISTS (SELECT 1 FROM enrolments e JOIN course_versions cv ON cv.id = e.course_version_id
           WHERE e.user_id = ${user} AND e.organization_id = ${org} AND e.status <> 'withdrawn'
             AND (cv.accreditation_body IS NOT NULL OR cv.accreditation_hours IS NOT NULL))
  OR EXISTS (SELECT 1 FROM certificates c
              WHERE c.user_id = ${user} AND c.organization_id = ${org} AND (c.accreditation_body IS NOT NULL OR c.hours IS NOT NULL)))`;

interface RequestRow {
  id: string;
  user_id: string;
  display_name: string;
  email: string | null;
  previous_name: string;
  requested_name: string;
  status: 'pending' | 'approved' | 'rejected';
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  to_reissue: number;
}

/** Trimmed, inner whitespace collapsed, Unicode NFC: the form stored and printed. */
export function normaliseCertificateName(raw: string): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new DomainError('invalid', 'certificateName must not be empty');
  if (name.length > 200) throw new DomainError('invalid', 'certificateName must be at most 200 characters');
  return name;
}

/**
 * A learner's legal name for certificates (users.certificate_name; NULL → the display name).
 * Before any enrolment in an accredited course it changes at once; afterwards a change is a
 * request that a manager of an organisation the learner is enrolled through approves or
 * rejects. Every step is an audit event. Re-issuing existing certificates with the approved
 * name stays the manager's act (POST /api/certificates/:id/reissue).
 */
@Injectable()
export class CertificateNameService {
  constructor(private readonly dataSource: DataSource) {}

  async view(userId: string, em: EntityManager = this.dataSource.manager): Promise<CertificateNameView> {
    const users: { name: string; certificate_name: string | null; approval_required: boolean }[] = await em.query(
      `SELECT name, certificate_name, user_has_accredited_enrolment(id) AS approval_required FROM users WHERE id = $1`,
      [userId],
    );
    const user = users[0];
    if (!user) throw notFound('user');
    const requests: { id: string; requested_name: string; status: string; requested_at: Date; decided_at: Date | null; decision_note: string | null }[] =
      await em.query(
        `(SELECT id, requested_name, status, requested_at, decided_at, decision_note FROM certificate_name_requests
           WHERE user_id = $1 AND status = 'pending')
         UNION ALL
         (SELECT id, requested_name, status, requested_at, decided_at, decision_note FROM certificate_name_requests
           WHERE user_id = $1 AND status IN ('approved', 'rejected') ORDER BY decided_at DESC LIMIT 1)`,
        [userId],
      );
    const pending = requests.find((r) => r.status === 'pending');
    const decided = requests.find((r) => r.status !== 'pending');
    return {
      displayName: user.name,
      certificateName: user.certificate_name,
      effectiveName: user.certificate_name ?? user.name,
      approvalRequired: user.approval_required,
      pendingRequest: pending
        ? { id: pending.id, requestedName: pending.requested_name, requestedAt: new Date(pending.requested_at).toISOString() }
        : null,
      lastDecision: decided
        ? {
            status: decided.status as 'approved' | 'rejected',
            requestedName: decided.requested_name,
            decidedAt: new Date(decided.decided_at!).toISOString(),
            note: decided.decision_note,
          }
        : null,
    };
  }

  /** Applies the name at once, or (enrolled in an accredited course) files it for approval, replacing a pending request. */
  async set(actor: Actor, raw: string): Promise<CertificateNameView> {
    const name = normaliseCertificateName(raw);
    return this.dataSource.transaction(async (em) => {
      const users: { name: string; certificate_name: string | null; approval_required: boolean; unproven: boolean }[] = await em.query(
        `SELECT name, certificate_name, user_has_accredited_enrolment(id) AS approval_required,
                (email IS NOT NULL AND email_verified_at IS NULL) AS unproven
           FROM users WHERE id = $1 FOR UPDATE`,
        [actor.userId],
      );
      const user = users[0];
      if (!user) throw notFound('user');
      // Nothing binds to an address nobody proved: a squatter's name must not outlive the takeover by the real owner.
      if (user.unproven) throw new DomainError('forbidden', 'confirm your e-mail address before setting the name on your certificates');
      const current = user.certificate_name ?? user.name;
      const withdrawn: { id: string }[] = await em.query(
        WITHDRAW_PENDING,
        [actor.userId],
      );
      if (name === current) {
        if (withdrawn.length === 0) throw conflict('certificateName is already your certificate name');
        await this.audit(em, null, actor.userId, 'certificate-name.request-withdrawn', actor.userId, { requestId: withdrawn[0]!.id });
        return this.view(actor.userId, em);
      }
      if (!user.approval_required) {
        await em.query(`UPDATE users SET certificate_name = $2, updated_at = now() WHERE id = $1`, [actor.userId, name]);
        await this.audit(em, null, actor.userId, 'certificate-name.changed', actor.userId, { from: current, to: name });
        return this.view(actor.userId, em);
      }
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO certificate_name_requests (user_id, requested_name, previous_name) VALUES ($1, $2, $3) RETURNING id`,
        [actor.userId, name, current],
      );
      await this.audit(em, null, actor.userId, 'certificate-name.requested', actor.userId, { requestId: inserted[0]!.id, from: current, to: name });
      return this.view(actor.userId, em);
    });
  }

  async withdraw(actor: Actor): Promise<CertificateNameView> {
    return this.dataSource.transaction(async (em) => {
      const rows: { id: string }[] = await em.query(
        WITHDRAW_PENDING,
        [actor.userId],
      );
      if (!rows[0]) throw notFound('pending certificate-name request');
      await this.audit(em, null, actor.userId, 'certificate-name.request-withdrawn', actor.userId, { requestId: rows[0].id });
      return this.view(actor.userId, em);
    });
  }

  async list(organizationId: string, status: 'pending' | 'approved' | 'rejected'): Promise<CertificateNameRequestDto[]> {
    const rows: RequestRow[] = await this.dataSource.query(
      `SELECT r.id, r.user_id, u.name AS display_name, u.email, r.previous_name, r.requested_name, r.status, r.requested_at, r.decided_at,
              r.decision_note,
              (SELECT count(*)::int FROM certificates c
                WHERE c.user_id = r.user_id AND c.organization_id = $1 AND c.status = 'valid' AND c.holder_name <> r.requested_name) AS to_reissue
         FROM certificate_name_requests r JOIN users u ON u.id = r.user_id
        WHERE r.status = $2 AND ${ENROLLED_IN_ORG('r.user_id', '$1')}
          AND ($2 = 'pending' OR r.decided_in_organization_id = $1)
        ORDER BY r.requested_at ${status === 'pending' ? 'ASC' : 'DESC'}
        LIMIT 500`,
      [organizationId, status],
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      previousName: r.previous_name,
      requestedName: r.requested_name,
      status: r.status,
      requestedAt: new Date(r.requested_at).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
      note: r.decision_note,
      certificatesToReissue: r.to_reissue,
    }));
  }

  /** Approve or reject a pending request of a learner enrolled through the organisation (404 otherwise). */
  async decide(actor: Actor, organizationId: string, requestId: string, decision: 'approved' | 'rejected', note?: string): Promise<CertificateNameRequestDto> {
    if (!isUuid(requestId)) throw notFound('certificate-name request');
    const text = note?.trim() ? note.trim() : null;
    await this.dataSource.transaction(async (em) => {
      const rows: { id: string; user_id: string; status: string; requested_name: string; previous_name: string }[] = await em.query(
        `SELECT r.id, r.user_id, r.status, r.requested_name, r.previous_name FROM certificate_name_requests r
          WHERE r.id = $1 AND ${ENROLLED_IN_ORG('r.user_id', '$2')} FOR UPDATE OF r`,
        [requestId, organizationId],
      );
      const request = rows[0];
      if (!request) throw notFound('certificate-name request');
      if (request.status !== 'pending') throw conflict(`this certificate-name request was already ${request.status}`);
      if (request.user_id === actor.userId) throw new DomainError('forbidden', 'you cannot decide on your own certificate-name request');
      await em.query(
        `UPDATE certificate_name_requests SET status = $2, decided_at = now(), decided_by = $3, decided_in_organization_id = $4, decision_note = $5 WHERE id = $1`,
        [requestId, decision, actor.userId, organizationId, text],
      );
      if (decision === 'approved') {
        await em.query(`UPDATE users SET certificate_name = $2, updated_at = now() WHERE id = $1`, [request.user_id, request.requested_name]);
      }
      await this.audit(em, organizationId, actor.userId, `certificate-name.${decision}`, request.user_id, {
        requestId,
        from: request.previous_name,
        to: request.requested_name,
        ...(text ? { note: text } : {}),
      });
    });
    const decided = await this.list(organizationId, decision);
    return decided.find((r) => r.id === requestId)!;
  }

  private audit(em: EntityManager, organizationId: string | null, actorId: string, action: string, userId: string, data: Record<string, unknown>) {
    return recordAudit(em, { organizationId, actorId, action, subjectType: 'user', subjectId: userId, data });
  }
}
