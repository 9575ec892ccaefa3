import { Inject, Injectable } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { BrandingRepository, CertificatesRepository, CredentialsRepository, type CertificateSummaryRow, recordAudit, writeOutbox } from '@kindling/db';
import { JobName } from '@kindling/queue';
import { DataSource } from 'typeorm';
import { PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import { type Actor, isAdmin, managedOrganizations } from '../common/auth/actor.js';
import { DomainError, conflict, notFound, isUuid, msg } from '@kindling/common';
import type { CertificatePageDto, CertificateSummaryDto, ReissueAcceptedDto } from './dto/certificate-responses.dto.js';

export interface CertificatePdf {
  bytes: Buffer;
  filename: string;
  status: 'valid' | 'revoked';
  sha256: string;
}

/**
 * Certificates as learners and managers see them. Every query is scoped: the holder
 * (user_id), managers of the certificate's organisation, or an admin; anyone else finds
 * nothing (404).
 */
@Injectable()
export class CertificatesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    @Inject(PDF_STORAGE) private readonly storage: PdfStorage,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly credentials: CredentialsRepository,
    private readonly branding: BrandingRepository,
  ) {}

  private toSummary(r: CertificateSummaryRow): CertificateSummaryDto {
    return {
      id: r.id,
      number: r.number,
      status: r.status,
      holderName: r.holder_name,
      courseTitle: r.course_title,
      hours: r.hours === null ? null : Number(r.hours),
      accreditation: { body: r.accreditation_body, reference: r.accreditation_reference },
      organization: r.organization_name,
      enrolmentId: r.enrolment_id,
      userId: r.user_id,
      completedAt: new Date(r.completed_at).toISOString(),
      issuedAt: new Date(r.issued_at).toISOString(),
      version: r.version,
      verificationCode: r.verification_code,
      verificationUrl: `${this.config.publicUrl}/verify/${r.verification_code}`,
      sha256: r.sha256,
      pdfUrl: `/api/certificates/${r.id}/pdf`,
      revokedAt: r.revoked_at ? new Date(r.revoked_at).toISOString() : null,
      revocationReason: r.revocation_reason,
    };
  }

  async mine(actor: Actor): Promise<CertificateSummaryDto[]> {
    const rows = await this.certificates.listOfUser(actor.userId);
    return rows.map((r) => this.toSummary(r));
  }

  async search(organizationId: string, q: string | undefined, page = 1, pageSize = 50): Promise<CertificatePageDto> {
    const term = q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const { rows, total } = await this.certificates.searchInOrganization(organizationId, term, pageSize, (page - 1) * pageSize);
    return { items: rows.map((r) => this.toSummary(r)), total, page, pageSize };
  }

  /**
   * The current PDF. After revocation the holder gets 410 Gone naming the date and reason
   * (a revoked certificate must not circulate as a fresh download); managers and admins
   * still get the file, as the record, with X-Certificate-Status: revoked.
   */
  async pdf(actor: Actor, certificateId: string): Promise<CertificatePdf> {
    if (!isUuid(certificateId)) throw notFound('certificate');
    const managed = managedOrganizations(actor);
    const row = await this.certificates.findForDownload(certificateId, actor.userId, managed, isAdmin(actor));
    if (!row) throw notFound('certificate');
    if (row.status === 'revoked' && !row.is_manager) {
      const on = row.revoked_at ? new Date(row.revoked_at).toISOString().slice(0, 10) : '—';
      throw new DomainError('gone', row.revocation_reason
        ? msg('errors.certificate.revokedOn', { number: row.number, date: on, reason: row.revocation_reason })
        : msg('errors.certificate.revokedOnNoReason', { number: row.number, date: on }));
    }
    // The holder's data was erased: the PDF (which printed the name) is gone; the certificate still verifies.
    if (row.holder_erased_at) throw new DomainError('gone', msg('office2.certificate.holderErased', { number: row.number }));
    const bytes = await this.storage.get(row.storage_key);
    if (!bytes) throw new Error(`stored PDF ${row.storage_key} of certificate ${row.id} is missing`);
    if (row.user_id !== actor.userId) {
      // A download by staff (a manager of the organisation, an admin) is an audit event; the holder's own is not.
      await recordAudit(this.dataSource.manager, {
        organizationId: row.organization_id,
        actorId: actor.userId,
        action: 'certificate.downloaded',
        subjectType: 'certificate',
        subjectId: row.id,
        data: { number: row.number, version: row.version, status: row.status, as: isAdmin(actor) && !managed.includes(row.organization_id ?? '') ? 'admin' : 'manager' },
      });
    }
    return { bytes, filename: `${row.number}.pdf`, status: row.status, sha256: row.sha256 };
  }

  async revoke(actor: Actor, certificateId: string, reason: string): Promise<CertificateSummaryDto> {
    if (!isUuid(certificateId)) throw notFound('certificate');
    const text = reason.trim();
    if (text.length < 3) throw new DomainError('invalid', msg('errors.certificate.reasonTooShort'));
    return this.dataSource.transaction(async (em) => {
      const cert = await this.certificates.lockManaged(certificateId, managedOrganizations(actor), isAdmin(actor), em);
      if (!cert) throw notFound('certificate');
      if (cert.status === 'revoked') throw conflict(msg('errors.certificate.alreadyRevoked', { number: cert.number }));
      await this.certificates.revoke(certificateId, actor.userId, text, em);
      // Every document's signed credential is revoked in the issuer's published status list.
      const signed = await this.credentials.statusIndices(certificateId, false, em);
      await this.credentials.setStatusBits(signed.issuer, signed.indices, em);
      await recordAudit(em, {
        organizationId: cert.organization_id,
        actorId: actor.userId,
        action: 'certificate.revoked',
        subjectType: 'certificate',
        subjectId: certificateId,
        data: { number: cert.number, reason: text },
      });
      return this.toSummary((await this.certificates.summary(certificateId, em))!);
    });
  }

  /**
   * The manager's re-issue after a name correction: the name is the holder's approved
   * certificate name from the database (users.certificate_name, else users.name), never one the
   * caller types. The request row (name, actor, reason, version), its outbox row (only the
   * row's id) and the audit event are written in one transaction; the worker renders it.
   */
  async requestReissue(actor: Actor, certificateId: string, reason: string, useCurrentBranding = false): Promise<ReissueAcceptedDto> {
    if (!isUuid(certificateId)) throw notFound('certificate');
    const why = reason.trim().replace(/\s+/g, ' ');
    if (why.length < 3) throw new DomainError('invalid', msg('errors.certificate.reasonTooShort'));
    return this.dataSource.transaction(async (em) => {
      const cert = await this.certificates.lockManagedForReissue(certificateId, managedOrganizations(actor), isAdmin(actor), em);
      if (!cert) throw notFound('certificate');
      if (cert.status === 'revoked') throw conflict(msg('errors.certificate.revokedNoReissue', { number: cert.number }));
      if (await this.certificates.hasPendingReissue(certificateId, em)) throw conflict(msg('errors.certificate.reissuePending', { number: cert.number }));
      if (await this.certificates.hasPendingNameRequest(cert.user_id, em)) {
        throw conflict(msg('errors.certificate.nameChangePending', { number: cert.number }));
      }
      if (cert.approved_name === cert.holder_name && !useCurrentBranding) {
        throw conflict(msg('errors.certificate.alreadyApprovedName', { number: cert.number }));
      }
      const version = (await this.certificates.maxVersion(certificateId, em)) + 1;
      const reissueId = await this.certificates.insertReissue(certificateId, version, cert.approved_name, why, actor.userId, em);
      if (useCurrentBranding) await this.branding.setReissueUsesCurrent(reissueId, true, em);
      const fresh = await writeOutbox(em, JobName.ReissueCertificate, `${certificateId}-v${version}`, { reissueId });
      if (!fresh) throw conflict(msg('errors.certificate.reissuePending', { number: cert.number }));
      await recordAudit(em, {
        organizationId: cert.organization_id,
        actorId: actor.userId,
        action: 'certificate.reissue-requested',
        subjectType: 'certificate',
        subjectId: certificateId,
        data: { number: cert.number, version, reissueId, holderName: cert.approved_name, reason: why, useCurrentBranding },
      });
      return { certificateId, version, status: 'pending' as const };
    });
  }
}
