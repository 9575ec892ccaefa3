import { Inject, Injectable } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { recordAudit, writeOutbox } from '@kindling/db';
import { JobName } from '@kindling/queue';
import { DataSource } from 'typeorm';
import { PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import { type Actor, isAdmin, managedOrganizations } from '../common/auth/actor.js';
import { DomainError, conflict, notFound, isUuid } from '@kindling/common';
import type { CertificatePageDto, CertificateSummaryDto, ReissueAcceptedDto } from './dto/certificate-responses.dto.js';


interface CertificateRow {
  id: string;
  number: string;
  status: 'valid' | 'revoked';
  holder_name: string;
  course_title: string;
  hours: string | null;
  accreditation_body: string | null;
  accreditation_reference: string | null;
  organization_name: string | null;
  enrolment_id: string;
  user_id: string;
  completed_at: Date;
  issued_at: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
  version: number;
  verification_code: string;
  sha256: string;
}

const SELECT_SUMMARY = `
  SELECT c.id, c.number, c.status, c.holder_name, c.course_title, c.hours, c.accreditation_body, c.accreditation_reference,
         c.organization_name, c.enrolment_id, c.user_id, c.completed_at, c.issued_at, c.revoked_at, c.revocation_reason,
         d.version, d.verification_code, d.sha256
    FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id`;

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
    @Inject(PDF_STORAGE) private readonly storage: PdfStorage,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  private toSummary(r: CertificateRow): CertificateSummaryDto {
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
    const rows: CertificateRow[] = await this.dataSource.query(`${SELECT_SUMMARY} WHERE c.user_id = $1 ORDER BY c.issued_at DESC`, [actor.userId]);
    return rows.map((r) => this.toSummary(r));
  }

  async search(organizationId: string, q: string | undefined, page = 1, pageSize = 50): Promise<CertificatePageDto> {
    const term = q?.trim() ? `%${q.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const where = `WHERE c.organization_id = $1 AND ($2::text IS NULL OR c.number ILIKE $2 OR c.holder_name ILIKE $2)`;
    const [rows, count] = await Promise.all([
      this.dataSource.query(`${SELECT_SUMMARY} ${where} ORDER BY c.issued_at DESC, c.id LIMIT $3 OFFSET $4`, [
        organizationId, term, pageSize, (page - 1) * pageSize,
      ]) as Promise<CertificateRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS n FROM certificates c ${where}`, [organizationId, term]) as Promise<{ n: number }[]>,
    ]);
    return { items: rows.map((r) => this.toSummary(r)), total: count[0]?.n ?? 0, page, pageSize };
  }

  /**
   * The current PDF. After revocation the holder gets 410 Gone naming the date and reason
   * (a revoked certificate must not circulate as a fresh download); managers and admins
   * still get the file, as the record, with X-Certificate-Status: revoked.
   */
  async pdf(actor: Actor, certificateId: string): Promise<CertificatePdf> {
    if (!isUuid(certificateId)) throw notFound('certificate');
    const managed = managedOrganizations(actor);
    const rows: (CertificateRow & { storage_key: string; is_manager: boolean; organization_id: string | null })[] = await this.dataSource.query(
      `${SELECT_SUMMARY.replace('d.sha256', 'd.sha256, d.storage_key, c.organization_id, (c.organization_id = ANY($3::uuid[]) OR $4) AS is_manager')}
        WHERE c.id = $1 AND (c.user_id = $2 OR c.organization_id = ANY($3::uuid[]) OR $4)`,
      [certificateId, actor.userId, managed, isAdmin(actor)],
    );
    const row = rows[0];
    if (!row) throw notFound('certificate');
    if (row.status === 'revoked' && !row.is_manager) {
      const on = row.revoked_at ? new Date(row.revoked_at).toISOString().slice(0, 10) : 'an earlier date';
      throw new DomainError('gone', `certificate ${row.number} was revoked on ${on}: ${row.revocation_reason ?? 'no reason given'}`);
    }
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
    if (text.length < 3) throw new DomainError('invalid', 'reason must be at least 3 characters');
    return this.dataSource.transaction(async (em) => {
      const scope = [certificateId, managedOrganizations(actor), isAdmin(actor)];
      const visible: { status: string; organization_id: string | null; number: string }[] = await em.query(
        `SELECT status, organization_id, number FROM certificates c WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3) FOR UPDATE`,
        scope,
      );
      const cert = visible[0];
      if (!cert) throw notFound('certificate');
      if (cert.status === 'revoked') throw conflict(`certificate ${cert.number} is already revoked`);
      await em.query(
        `UPDATE certificates SET status = 'revoked', revoked_at = now(), revoked_by = $2, revocation_reason = $3 WHERE id = $1`,
        [certificateId, actor.userId, text],
      );
      await recordAudit(em, {
        organizationId: cert.organization_id,
        actorId: actor.userId,
        action: 'certificate.revoked',
        subjectType: 'certificate',
        subjectId: certificateId,
        data: { number: cert.number, reason: text },
      });
      const rows: CertificateRow[] = await em.query(`${SELECT_SUMMARY} WHERE c.id = $1`, [certificateId]);
      return this.toSummary(rows[0]!);
    });
  }

  /**
   * The manager's re-issue after a name correction: the name is the holder's approved
   * certificate name from the database (users.certificate_name, else users.name), never one the
   * caller types. The request row (name, actor, reason, version), its outbox row (only the
   * row's id) and the audit event are written in one transaction; the worker renders it.
   */
  async requestReissue(actor: Actor, certificateId: string, reason: string): Promise<ReissueAcceptedDto> {
    if (!isUuid(certificateId)) throw notFound('certificate');
    const why = reason.trim().replace(/\s+/g, ' ');
    if (why.length < 3) throw new DomainError('invalid', 'reason must be at least 3 characters');
    return this.dataSource.transaction(async (em) => {
      const rows: { status: string; organization_id: string | null; number: string; holder_name: string; approved_name: string; user_id: string }[] =
        await em.query(
          `SELECT c.status, c.organization_id, c.number, c.holder_name, c.user_id, COALESCE(u.certificate_name, u.name) AS approved_name
             FROM certificates c JOIN users u ON u.id = c.user_id
            WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3) FOR UPDATE OF c`,
          [certificateId, managedOrganizations(actor), isAdmin(actor)],
        );
      const cert = rows[0];
      if (!cert) throw notFound('certificate');
      if (cert.status === 'revoked') throw conflict(`certificate ${cert.number} is revoked; a revoked certificate is not re-issued`);
      const pending: unknown[] = await em.query(`SELECT 1 FROM certificate_reissues WHERE certificate_id = $1 AND status = 'pending'`, [certificateId]);
      if (pending.length > 0) throw conflict(`a re-issue of certificate ${cert.number} is already pending; try again when it is done`);
      const waiting: unknown[] = await em.query(`SELECT 1 FROM certificate_name_requests WHERE user_id = $1 AND status = 'pending'`, [cert.user_id]);
      if (waiting.length > 0) {
        throw conflict(`the holder of certificate ${cert.number} has a certificate-name change waiting for approval; approve or reject it first`);
      }
      if (cert.approved_name === cert.holder_name) {
        throw conflict(
          `certificate ${cert.number} already carries the holder's approved certificate name; a re-issue prints the approved name, so correct the name first`,
        );
      }
      const versions: { max_version: number }[] = await em.query(
        `SELECT max(version)::int AS max_version FROM certificate_documents WHERE certificate_id = $1`,
        [certificateId],
      );
      const version = versions[0]!.max_version + 1;
      const inserted: { id: string }[] = await em.query(
        `INSERT INTO certificate_reissues (certificate_id, version, holder_name, reason, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [certificateId, version, cert.approved_name, why, actor.userId],
      );
      const reissueId = inserted[0]!.id;
      const fresh = await writeOutbox(em, JobName.ReissueCertificate, `${certificateId}-v${version}`, { reissueId });
      if (!fresh) throw conflict(`a re-issue of certificate ${cert.number} is already pending; try again when it is done`);
      await recordAudit(em, {
        organizationId: cert.organization_id,
        actorId: actor.userId,
        action: 'certificate.reissue-requested',
        subjectType: 'certificate',
        subjectId: certificateId,
        data: { number: cert.number, version, reissueId, holderName: cert.approved_name, reason: why },
      });
      return { certificateId, version, status: 'pending' as const };
    });
  }
}
