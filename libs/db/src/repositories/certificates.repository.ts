import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { editionText } from './edition-sql.js';
import { queryFirst, queryRows } from '../sql.js';

/**
 * The certificates aggregate: certificates, their documents (versions), number reservations,
 * re-issue requests, certificate-name requests and the public verification lookups. Rows are
 * returned as the database spells them (snake_case, typed once here); the services shape the
 * API answers. Methods that may run inside a caller's transaction take `db` last.
 */
type Db = EntityManager | DataSource;
type CertificateStatus = 'valid' | 'revoked';

/** A certificate with its current document, as learners and managers see it. */
export interface CertificateSummaryRow {
  id: string;
  number: string;
  status: CertificateStatus;
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

/** The summary plus what a download needs: where the PDF is, and whether the caller manages it. */
export interface CertificateDownloadRow extends CertificateSummaryRow {
  storage_key: string;
  organization_id: string | null;
  is_manager: boolean;
  holder_erased_at: Date | null;
}

export interface LockedCertificateRow {
  status: string;
  organization_id: string | null;
  number: string;
}

export interface ReissueCandidateRow extends LockedCertificateRow {
  holder_name: string;
  approved_name: string;
  user_id: string;
}

/** One document as the public verification answers it. */
export interface VerificationRow {
  status: CertificateStatus;
  number: string;
  holder_name: string;
  course_title: string;
  hours: string | null;
  accreditation_body: string | null;
  accreditation_reference: string | null;
  organization_name: string | null;
  completed_at: Date;
  issued_at: Date;
  sha256: string;
  version: number;
  revoked_at: Date | null;
  revocation_reason: string | null;
  superseded_at: Date | null;
  current_code: string;
  valid_until: Date | null;
  /** set when the holder's data was erased (issue 18): no name is shown */
  holder_erased_at: Date | null;
}

/** What issuing needs to know about an enrolment. */
export interface EnrolmentFactsRow {
  status: string;
  completed_at: Date | null;
  user_id: string;
  organization_id: string | null;
  holder_name: string;
  course_title: string;
  /** The course version's language. */
  locale: string;
  /** The learner's language (users.locale). */
  learner_locale: string | null;
  hours: string | null;
  /** Learning time credited to the enrolment, in seconds. */
  learning_seconds: number;
  /** The course version's minimum learning time; null when none is set. */
  min_minutes: number | null;
  accreditation_body: string | null;
  accreditation_reference: string | null;
  organization_name: string | null;
  certificate_id: string | null;
}

export interface ReissueRequestRow {
  id: string;
  certificate_id: string;
  version: number;
  holder_name: string;
  reason: string;
  requested_by: string | null;
  status: 'pending' | 'applied' | 'cancelled';
}

/** What re-issuing copies from the certificate onto the new document. */
export interface CertificateFactsRow {
  id: string;
  organization_id: string | null;
  number: string;
  course_title: string;
  locale: string;
  hours: string | null;
  accreditation_body: string | null;
  accreditation_reference: string | null;
  organization_name: string | null;
  completed_at: Date;
  current_document_id: string;
  status: string;
}

export interface NewCertificate {
  id: string;
  enrolmentId: string;
  organizationId: string | null;
  userId: string;
  number: string;
  holderName: string;
  courseTitle: string;
  locale: string;
  hours: number | null;
  accreditationBody: string | null;
  accreditationReference: string | null;
  organizationName: string | null;
  completedAt: Date;
  issuedAt: Date;
  currentDocumentId: string;
}

/** Everything a first issue writes, for `issueCertificate` (one statement: `issue_certificate`). */
export interface CertificateIssue {
  certificate: NewCertificate;
  storageKey: string;
  /** The PDF for stored_files (PostgreSQL store), or null when the directory store has written it. */
  pdf: Buffer | null;
  sha256: string;
  verificationCode: string;
  credentialJson: string;
  statusIndex: number;
  brandingVersionId: string | null;
  validUntil: Date | null;
}

export type CertificateIssueOutcome =
  | { outcome: 'issued'; certificateId: string }
  | { outcome: 'exists'; certificateId: string }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'lost' };

export interface NewCertificateDocument {
  id: string;
  certificateId: string;
  version: number;
  verificationCode: string;
  holderName: string;
  sha256: string;
  storageKey: string;
  createdAt: Date;
}

export interface CertificateNameRow {
  name: string;
  certificate_name: string | null;
  approval_required: boolean;
}

export interface CertificateNameRequestBrief {
  id: string;
  requested_name: string;
  status: string;
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
}

export type NameRequestStatus = 'pending' | 'approved' | 'rejected';

/** A certificate-name request as a manager lists it. */
export interface CertificateNameRequestRow {
  id: string;
  user_id: string;
  display_name: string;
  email: string | null;
  previous_name: string;
  requested_name: string;
  status: NameRequestStatus;
  requested_at: Date;
  decided_at: Date | null;
  decision_note: string | null;
  to_reissue: number;
}

export interface LockedNameRequestRow {
  id: string;
  user_id: string;
  status: string;
  requested_name: string;
  previous_name: string;
}

const SELECT_SUMMARY = `
  SELECT c.id, c.number, c.status, c.holder_name, c.course_title, c.hours, c.accreditation_body, c.accreditation_reference,
         c.organization_name, c.enrolment_id, c.user_id, c.completed_at, c.issued_at, c.revoked_at, c.revocation_reason,
         d.version, d.verification_code, d.sha256
    FROM certificates c JOIN certificate_documents d ON d.id = c.current_document_id`;

const SELECT_VERIFICATION = `
  SELECT c.status, c.number, d.holder_name, c.course_title, c.hours, c.accreditation_body, c.accreditation_reference,
         c.organization_name, c.completed_at, d.created_at AS issued_at, d.sha256, d.version, c.revoked_at, c.revocation_reason,
         d.superseded_at, cur.verification_code AS current_code, c.valid_until, c.holder_erased_at
    FROM certificate_documents d
    JOIN certificates c ON c.id = d.certificate_id
    JOIN certificate_documents cur ON cur.id = c.current_document_id`;

const SELECT_REISSUE = `SELECT r.id, r.certificate_id, r.version, r.holder_name, r.reason, r.requested_by, r.status FROM certificate_reissues r WHERE r.id = $1`;

// A SELECT around the UPDATE keeps the statement a plain row query.
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

@Injectable()
export class CertificatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  // ── Certificates as learners and managers see them ────────────────────────────────────

  /** The holder's certificates, newest first. */
  listOfUser(userId: string): Promise<CertificateSummaryRow[]> {
    return queryRows(this.dataSource, `${SELECT_SUMMARY} WHERE c.user_id = $1 ORDER BY c.issued_at DESC`, [userId]);
  }

  /** One page of an organisation's certificates whose number or holder name matches `term` (an ILIKE pattern, or null for all). */
  async searchInOrganization(organizationId: string, term: string | null, limit: number, offset: number): Promise<{ rows: CertificateSummaryRow[]; total: number }> {
    const where = `WHERE c.organization_id = $1 AND ($2::text IS NULL OR c.number ILIKE $2 OR c.holder_name ILIKE $2)`;
    const [rows, count] = await Promise.all([
      queryRows<CertificateSummaryRow>(this.dataSource, `${SELECT_SUMMARY} ${where} ORDER BY c.issued_at DESC, c.id LIMIT $3 OFFSET $4`, [
        organizationId, term, limit, offset,
      ]),
      queryFirst<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM certificates c ${where}`, [organizationId, term]),
    ]);
    return { rows, total: count?.n ?? 0 };
  }

  /** The certificate if the caller is its holder, manages its organisation, or is an admin; null otherwise. */
  findForDownload(certificateId: string, userId: string, managed: string[], admin: boolean): Promise<CertificateDownloadRow | null> {
    return queryFirst(
      this.dataSource,
      `${SELECT_SUMMARY.replace('d.sha256', 'd.sha256, d.storage_key, c.organization_id, c.holder_erased_at, (c.organization_id = ANY($3::uuid[]) OR $4) AS is_manager')}
        WHERE c.id = $1 AND (c.user_id = $2 OR c.organization_id = ANY($3::uuid[]) OR $4)`,
      [certificateId, userId, managed, admin],
    );
  }

  /** The summary of one certificate (inside the caller's transaction, to see its own change). */
  summary(certificateId: string, db: Db = this.dataSource): Promise<CertificateSummaryRow | null> {
    return queryFirst(db, `${SELECT_SUMMARY} WHERE c.id = $1`, [certificateId]);
  }

  /** Locks a certificate the caller manages (its organisation, or admin) for revocation; null if out of reach. */
  lockManaged(certificateId: string, managed: string[], admin: boolean, db: Db = this.dataSource): Promise<LockedCertificateRow | null> {
    return queryFirst(
      db,
      `SELECT status, organization_id, number FROM certificates c WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3) FOR UPDATE`,
      [certificateId, managed, admin],
    );
  }

  async revoke(certificateId: string, actorId: string, reason: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE certificates SET status = 'revoked', revoked_at = now(), revoked_by = $2, revocation_reason = $3 WHERE id = $1`, [
      certificateId, actorId, reason,
    ]);
  }

  /** Locks a certificate the caller manages for a re-issue request, with the holder's approved certificate name. */
  lockManagedForReissue(certificateId: string, managed: string[], admin: boolean, db: Db = this.dataSource): Promise<ReissueCandidateRow | null> {
    return queryFirst(
      db,
      `SELECT c.status, c.organization_id, c.number, c.holder_name, c.user_id, COALESCE(u.certificate_name, u.name) AS approved_name
         FROM certificates c JOIN users u ON u.id = c.user_id
        WHERE c.id = $1 AND (c.organization_id = ANY($2::uuid[]) OR $3) FOR UPDATE OF c`,
      [certificateId, managed, admin],
    );
  }

  async hasPendingReissue(certificateId: string, db: Db = this.dataSource): Promise<boolean> {
    return (await queryRows(db, `SELECT 1 FROM certificate_reissues WHERE certificate_id = $1 AND status = 'pending'`, [certificateId])).length > 0;
  }

  /** The highest document version of a certificate (run after its lock: sees versions committed meanwhile). */
  async maxVersion(certificateId: string, db: Db = this.dataSource): Promise<number> {
    const row = await queryFirst<{ max_version: number }>(db, `SELECT max(version)::int AS max_version FROM certificate_documents WHERE certificate_id = $1`, [
      certificateId,
    ]);
    return row!.max_version;
  }

  /** Files a re-issue (the worker reads everything from this row); returns its id. */
  async insertReissue(certificateId: string, version: number, holderName: string, reason: string, requestedBy: string, db: Db = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO certificate_reissues (certificate_id, version, holder_name, reason, requested_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [certificateId, version, holderName, reason, requestedBy],
    );
    return row!.id;
  }

  // ── Public verification ───────────────────────────────────────────────────────────────

  byVerificationCode(code: string): Promise<VerificationRow | null> {
    return queryFirst(this.dataSource, `${SELECT_VERIFICATION} WHERE d.verification_code = $1`, [code]);
  }

  /** The current document of the certificate with this printed number (`KND-2026-000001`). */
  byNumber(number: string): Promise<VerificationRow | null> {
    return queryFirst(this.dataSource, `${SELECT_VERIFICATION} WHERE c.number = $1 AND d.id = c.current_document_id`, [number]);
  }

  /** The newest document with this SHA-256 (lower-case hex). */
  bySha256(hash: string): Promise<VerificationRow | null> {
    return queryFirst(this.dataSource, `${SELECT_VERIFICATION} WHERE d.sha256 = $1 ORDER BY d.created_at DESC LIMIT 1`, [hash]);
  }

  // ── Issuing (worker) ──────────────────────────────────────────────────────────────────

  enrolmentFacts(enrolmentId: string): Promise<EnrolmentFactsRow | null> {
    return queryFirst(
      this.dataSource,
      `SELECT e.status, e.completed_at, e.user_id, e.organization_id, COALESCE(u.certificate_name, u.name) AS holder_name,
              ${editionText({ kind: 'course', field: 'title', fallback: 'cv.title', versionExpr: 'cv.id', lineageExpr: 'e.course_id', userExpr: 'e.user_id' })} AS course_title,
              cv.locale,
              u.locale AS learner_locale, cv.accreditation_hours AS hours, e.learning_seconds, cv.min_minutes, cv.accreditation_body, cv.accreditation_reference, o.name AS organization_name,
              (SELECT c.id FROM certificates c WHERE c.enrolment_id = e.id) AS certificate_id
         FROM enrolments e
         JOIN users u ON u.id = e.user_id
         JOIN course_versions cv ON cv.id = e.course_version_id
         LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.id = $1`,
      [enrolmentId],
    );
  }

  /** The enrolment's certificate number, reserved once by reserve_certificate_number() and reused by every retry; null for an unknown enrolment. */
  async reserveNumber(enrolmentId: string, year: number): Promise<string | null> {
    const row = await queryFirst<{ number: string | null }>(this.dataSource, `SELECT reserve_certificate_number($1, $2) AS number`, [enrolmentId, year]);
    return row?.number ?? null;
  }

  /** Locks the enrolment; its status, or null when it is gone. */
  async lockEnrolment(enrolmentId: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ status: string }>(db, `SELECT status FROM enrolments WHERE id = $1 FOR UPDATE`, [enrolmentId]);
    return row?.status ?? null;
  }

  async certificateIdOfEnrolment(enrolmentId: string, db: Db = this.dataSource): Promise<string | null> {
    const row = await queryFirst<{ id: string }>(db, `SELECT id FROM certificates WHERE enrolment_id = $1`, [enrolmentId]);
    return row?.id ?? null;
  }

  /** Inserts the certificate unless the enrolment has one (ON CONFLICT DO NOTHING); true when inserted. */
  async insertCertificate(c: NewCertificate, db: Db = this.dataSource): Promise<boolean> {
    const rows = await queryRows<{ id: string }>(
      db,
      `INSERT INTO certificates (id, enrolment_id, organization_id, user_id, number, holder_name, course_title, locale, hours,
         accreditation_body, accreditation_reference, organization_name, completed_at, issued_at, current_document_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (enrolment_id) DO NOTHING RETURNING id`,
      [
        c.id, c.enrolmentId, c.organizationId, c.userId, c.number, c.holderName, c.courseTitle, c.locale,
        c.hours, c.accreditationBody, c.accreditationReference, c.organizationName, c.completedAt, c.issuedAt, c.currentDocumentId,
      ],
    );
    return rows.length > 0;
  }

  /**
   * A first issue's records in one round trip (migration IssueCertificateFunction): locks the
   * enrolment, then — unless a certificate exists or the enrolment is no longer completed —
   * inserts certificate, PDF (when given), document with its credential, and the audit event.
   */
  async issueCertificate(i: CertificateIssue): Promise<CertificateIssueOutcome> {
    const c = i.certificate;
    const row = await queryFirst<{ outcome: string; certificate_id: string | null; detail: string | null }>(
      this.dataSource,
      `SELECT outcome, certificate_id, detail FROM issue_certificate($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        c.enrolmentId, c.id, c.currentDocumentId,
        JSON.stringify({
          organizationId: c.organizationId, userId: c.userId, number: c.number, holderName: c.holderName, courseTitle: c.courseTitle,
          locale: c.locale, hours: c.hours, accreditationBody: c.accreditationBody, accreditationReference: c.accreditationReference,
          organizationName: c.organizationName, completedAt: c.completedAt.toISOString(), issuedAt: c.issuedAt.toISOString(),
        }),
        i.storageKey, i.pdf, i.sha256, i.verificationCode, i.credentialJson, i.statusIndex, i.brandingVersionId, i.validUntil,
      ],
    );
    if (row?.outcome === 'issued' || row?.outcome === 'exists') return { outcome: row.outcome, certificateId: row.certificate_id! };
    if (row?.outcome === 'skipped') return { outcome: 'skipped', reason: row.detail ?? 'enrolment is gone' };
    return { outcome: 'lost' };
  }

  async insertDocument(d: NewCertificateDocument, db: Db = this.dataSource): Promise<void> {
    await db.query(
      `INSERT INTO certificate_documents (id, certificate_id, version, verification_code, holder_name, sha256, storage_key, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [d.id, d.certificateId, d.version, d.verificationCode, d.holderName, d.sha256, d.storageKey, d.createdAt],
    );
  }

  // ── Re-issuing (worker) ───────────────────────────────────────────────────────────────

  /** A re-issue request; `lock` takes its row lock (after the certificate's: the API's lock order). */
  reissueRequest(reissueId: string, lock: boolean, db: Db = this.dataSource): Promise<ReissueRequestRow | null> {
    return queryFirst(db, lock ? `${SELECT_REISSUE} FOR UPDATE` : SELECT_REISSUE, [reissueId]);
  }

  lockCertificate(certificateId: string, db: Db = this.dataSource): Promise<CertificateFactsRow | null> {
    return queryFirst(
      db,
      `SELECT c.id, c.organization_id, c.number, c.course_title, c.locale, c.hours, c.accreditation_body, c.accreditation_reference,
              c.organization_name, c.completed_at, c.current_document_id, c.status
         FROM certificates c WHERE c.id = $1 FOR UPDATE`,
      [certificateId],
    );
  }

  /** Closes a re-issue request without a new document. */
  async finishReissue(reissueId: string, status: 'applied' | 'cancelled', db: Db = this.dataSource): Promise<void> {
    await db.query(
      status === 'applied'
        ? `UPDATE certificate_reissues SET status = 'applied', finished_at = now() WHERE id = $1`
        : `UPDATE certificate_reissues SET status = 'cancelled', finished_at = now() WHERE id = $1`,
      [reissueId],
    );
  }

  /** Makes `document` the certificate's current one: older documents superseded, the holder name updated, the request applied. */
  async applyReissue(reissueId: string, certificateId: string, documentId: string, holderName: string, at: Date, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE certificate_documents SET superseded_at = $2 WHERE certificate_id = $1 AND id <> $3 AND superseded_at IS NULL`, [
      certificateId, at, documentId,
    ]);
    await db.query(`UPDATE certificates SET current_document_id = $2, holder_name = $3 WHERE id = $1`, [certificateId, documentId, holderName]);
    await db.query(`UPDATE certificate_reissues SET status = 'applied', finished_at = now(), document_id = $2 WHERE id = $1`, [reissueId, documentId]);
  }

  // ── The sweep (worker) ────────────────────────────────────────────────────────────────

  /** pg_try_advisory_xact_lock: true when this transaction holds the lock. */
  async tryTransactionLock(key: number, db: Db = this.dataSource): Promise<boolean> {
    const row = await queryFirst<{ ok: boolean }>(db, `SELECT pg_try_advisory_xact_lock($1) AS ok`, [key]);
    return row?.ok === true;
  }

  /** Completed enrolments without a certificate whose completion is older than `delayMs`, oldest first. */
  async completedWithoutCertificate(delayMs: number, limit: number, db: Db = this.dataSource): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      db,
      `SELECT e.id FROM enrolments e
        WHERE e.status = 'completed' AND e.completed_at < now() - make_interval(secs => $1::double precision / 1000)
          AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.enrolment_id = e.id)
        ORDER BY e.completed_at LIMIT $2`,
      [delayMs, limit],
    );
    return rows.map((r) => r.id);
  }

  // ── Certificate names ─────────────────────────────────────────────────────────────────

  /** The user's display and certificate names, and whether a change needs approval; null for an unknown user. */
  nameOf(userId: string, db: Db = this.dataSource): Promise<CertificateNameRow | null> {
    return queryFirst(db, `SELECT name, certificate_name, user_has_accredited_enrolment(id) AS approval_required FROM users WHERE id = $1`, [userId]);
  }

  /** Locks the user for a name change; `unproven` when the account has an address nobody proved. */
  lockNameOf(userId: string, db: Db = this.dataSource): Promise<(CertificateNameRow & { unproven: boolean }) | null> {
    return queryFirst(
      db,
      `SELECT name, certificate_name, user_has_accredited_enrolment(id) AS approval_required,
              (email IS NOT NULL AND email_verified_at IS NULL) AS unproven
         FROM users WHERE id = $1 FOR UPDATE`,
      [userId],
    );
  }

  /** The user's pending request and their latest decided one. */
  nameRequestsOf(userId: string, db: Db = this.dataSource): Promise<CertificateNameRequestBrief[]> {
    return queryRows(
      db,
      `(SELECT id, requested_name, status, requested_at, decided_at, decision_note FROM certificate_name_requests
         WHERE user_id = $1 AND status = 'pending')
       UNION ALL
       (SELECT id, requested_name, status, requested_at, decided_at, decision_note FROM certificate_name_requests
         WHERE user_id = $1 AND status IN ('approved', 'rejected') ORDER BY decided_at DESC LIMIT 1)`,
      [userId],
    );
  }

  async hasPendingNameRequest(userId: string, db: Db = this.dataSource): Promise<boolean> {
    return (await queryRows(db, `SELECT 1 FROM certificate_name_requests WHERE user_id = $1 AND status = 'pending'`, [userId])).length > 0;
  }

  /** Withdraws the user's pending request; the withdrawn request's id, or null when none was pending. */
  async withdrawPendingNameRequest(userId: string, db: Db = this.dataSource): Promise<string | null> {
    return (await queryFirst<{ id: string }>(db, WITHDRAW_PENDING, [userId]))?.id ?? null;
  }

  async setCertificateName(userId: string, name: string, db: Db = this.dataSource): Promise<void> {
    await db.query(`UPDATE users SET certificate_name = $2, updated_at = now() WHERE id = $1`, [userId, name]);
  }

  async insertNameRequest(userId: string, requestedName: string, previousName: string, db: Db = this.dataSource): Promise<string> {
    const row = await queryFirst<{ id: string }>(
      db,
      `INSERT INTO certificate_name_requests (user_id, requested_name, previous_name) VALUES ($1, $2, $3) RETURNING id`,
      [userId, requestedName, previousName],
    );
    return row!.id;
  }

  /** Requests of learners enrolled through the organisation (decided ones: decided there), at most 500. */
  nameRequestsInOrganization(organizationId: string, status: NameRequestStatus): Promise<CertificateNameRequestRow[]> {
    return queryRows(
      this.dataSource,
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
  }

  /** Locks a request of a learner enrolled through the organisation; null otherwise. */
  lockNameRequestInOrganization(requestId: string, organizationId: string, db: Db = this.dataSource): Promise<LockedNameRequestRow | null> {
    return queryFirst(
      db,
      `SELECT r.id, r.user_id, r.status, r.requested_name, r.previous_name FROM certificate_name_requests r
        WHERE r.id = $1 AND ${ENROLLED_IN_ORG('r.user_id', '$2')} FOR UPDATE OF r`,
      [requestId, organizationId],
    );
  }

  async decideNameRequest(
    requestId: string,
    decision: 'approved' | 'rejected',
    actorId: string,
    organizationId: string,
    note: string | null,
    db: Db = this.dataSource,
  ): Promise<void> {
    await db.query(
      `UPDATE certificate_name_requests SET status = $2, decided_at = now(), decided_by = $3, decided_in_organization_id = $4, decision_note = $5 WHERE id = $1`,
      [requestId, decision, actorId, organizationId, note],
    );
  }
}
