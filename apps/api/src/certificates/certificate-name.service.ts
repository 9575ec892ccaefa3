import { Injectable } from '@nestjs/common';
import { CertificatesRepository, type NameRequestStatus, recordAudit } from '@kindling/db';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../common/auth/actor.js';
import { DomainError, conflict, notFound, isUuid, msg } from '@kindling/common';
import type { CertificateNameRequestDto, CertificateNameView } from './dto/certificate-name.dto.js';

/** Trimmed, inner whitespace collapsed, Unicode NFC: the form stored and printed. */
export function normaliseCertificateName(raw: string): string {
  const name = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length === 0) throw new DomainError('invalid', msg('errors.certificateName.empty'));
  if (name.length > 200) throw new DomainError('invalid', msg('errors.certificateName.tooLong'));
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
  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
  ) {}

  async view(userId: string, em: EntityManager = this.dataSource.manager): Promise<CertificateNameView> {
    const user = await this.certificates.nameOf(userId, em);
    if (!user) throw notFound('user');
    const requests = await this.certificates.nameRequestsOf(userId, em);
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
      const user = await this.certificates.lockNameOf(actor.userId, em);
      if (!user) throw notFound('user');
      // Nothing binds to an address nobody proved: a squatter's name must not outlive the takeover by the real owner.
      if (user.unproven) throw new DomainError('forbidden', msg('errors.certificateName.unproven'));
      const current = user.certificate_name ?? user.name;
      const withdrawn = await this.certificates.withdrawPendingNameRequest(actor.userId, em);
      if (name === current) {
        if (withdrawn === null) throw conflict(msg('errors.certificateName.unchanged'));
        await this.audit(em, null, actor.userId, 'certificate-name.request-withdrawn', actor.userId, { requestId: withdrawn });
        return this.view(actor.userId, em);
      }
      if (!user.approval_required) {
        await this.certificates.setCertificateName(actor.userId, name, em);
        await this.audit(em, null, actor.userId, 'certificate-name.changed', actor.userId, { from: current, to: name });
        return this.view(actor.userId, em);
      }
      const requestId = await this.certificates.insertNameRequest(actor.userId, name, current, em);
      await this.audit(em, null, actor.userId, 'certificate-name.requested', actor.userId, { requestId, from: current, to: name });
      return this.view(actor.userId, em);
    });
  }

  async withdraw(actor: Actor): Promise<CertificateNameView> {
    return this.dataSource.transaction(async (em) => {
      const requestId = await this.certificates.withdrawPendingNameRequest(actor.userId, em);
      if (requestId === null) throw notFound('pendingCertificateNameRequest');
      await this.audit(em, null, actor.userId, 'certificate-name.request-withdrawn', actor.userId, { requestId });
      return this.view(actor.userId, em);
    });
  }

  async list(organizationId: string, status: NameRequestStatus): Promise<CertificateNameRequestDto[]> {
    const rows = await this.certificates.nameRequestsInOrganization(organizationId, status);
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
    if (!isUuid(requestId)) throw notFound('certificateNameRequest');
    const text = note?.trim() ? note.trim() : null;
    await this.dataSource.transaction(async (em) => {
      const request = await this.certificates.lockNameRequestInOrganization(requestId, organizationId, em);
      if (!request) throw notFound('certificateNameRequest');
      if (request.status !== 'pending') throw conflict(msg('errors.certificateName.alreadyDecided', { status: request.status }));
      if (request.user_id === actor.userId) throw new DomainError('forbidden', msg('errors.certificateName.ownRequest'));
      await this.certificates.decideNameRequest(requestId, decision, actor.userId, organizationId, text, em);
      if (decision === 'approved') await this.certificates.setCertificateName(request.user_id, request.requested_name, em);
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
