import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { type CertificateLocale, CERTIFICATE_LOCALES, type CertificateRenderer, sha256Hex } from '@kindling/certificates';
import { recordAudit } from '@kindling/db';
import { DataSource } from 'typeorm';
import { CERTIFICATE_RENDERER } from './certificate-renderer.provider.js';
import { certificateStorageKey, PDF_STORAGE, type PdfStorage } from '@kindling/storage';
import { isUuid } from '@kindling/common';

export type IssueOutcome =
  | { outcome: 'issued'; certificateId: string; number: string }
  | { outcome: 'exists'; certificateId: string }
  | { outcome: 'skipped'; reason: string };

export type ReissueOutcome =
  | { outcome: 'reissued'; certificateId: string; version: number }
  | { outcome: 'already-applied'; certificateId: string; version: number }
  | { outcome: 'skipped'; reason: string };

interface EnrolmentFacts {
  status: string;
  completed_at: Date | null;
  user_id: string;
  organization_id: string | null;
  holder_name: string;
  course_title: string;
  locale: string;
  hours: string | null;
  accreditation_body: string | null;
  accreditation_reference: string | null;
  organization_name: string | null;
  certificate_id: string | null;
}

interface ReissueRequestFacts {
  id: string;
  certificate_id: string;
  version: number;
  holder_name: string;
  reason: string;
  requested_by: string | null;
  status: 'pending' | 'applied' | 'cancelled';
}

interface CertificateFacts {
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
}

/** ≥128 bits of randomness, URL-safe (base64url of 18 bytes = 24 characters, 144 bits). */
export function newVerificationCode(): string {
  return randomBytes(18).toString('base64url');
}

export function formatCertificateNumber(year: number, value: number): string {
  return `KND-${year}-${String(value).padStart(6, '0')}`;
}

const asLocale = (locale: string): CertificateLocale =>
  (CERTIFICATE_LOCALES as readonly string[]).includes(locale) ? (locale as CertificateLocale) : 'en';


/** Raised inside a transaction to roll it back without an error (someone else won the race). */
class LostRace extends Error {}

/**
 * Issues and re-issues certificates. Issuing: (1) one statement reserves the enrolment's
 * number (once per enrolment, reused by retries: sequential per year without gaps); (2) the
 * PDF is rendered outside any transaction; (3) ONE transaction locks the enrolment, returns
 * if a certificate exists, stores the PDF and inserts certificate + document (the
 * certificate's FK to its current document is deferred to the commit). So a certificate never
 * exists without its PDF and exists at most once per enrolment (uq_certificates_enrolment +
 * ON CONFLICT DO NOTHING).
 */
@Injectable()
export class CertificateIssuer {
  private readonly logger = new Logger(CertificateIssuer.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(PDF_STORAGE) private readonly storage: PdfStorage,
    @Inject(CERTIFICATE_RENDERER) private readonly renderer: CertificateRenderer,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  verificationUrl(code: string): string {
    return `${this.config.publicUrl}/verify/${code}`;
  }

  async issue(enrolmentId: string): Promise<IssueOutcome> {
    if (!isUuid(enrolmentId)) return { outcome: 'skipped', reason: 'not an enrolment id' };
    const reservation = await this.reserveNumber(enrolmentId);
    if (reservation.outcome !== 'reserved') return reservation;
    const { facts, number } = reservation;

    // Rendered outside any transaction: no lock and no connection is held meanwhile.
    const issuedAt = new Date();
    const certificateId = randomUUID();
    const documentId = randomUUID();
    const code = newVerificationCode();
    const hours = facts.hours === null ? null : Number(facts.hours);
    const pdf = await this.renderer.render({
      number,
      holderName: facts.holder_name,
      courseTitle: facts.course_title,
      hours,
      accreditationBody: facts.accreditation_body,
      accreditationReference: facts.accreditation_reference,
      completedAt: facts.completed_at!,
      issuedAt,
      organizationName: facts.organization_name,
      verificationUrl: this.verificationUrl(code),
      locale: asLocale(facts.locale),
    });

    let writtenKey: string | null = null;
    try {
      return await this.dataSource.transaction(async (em) => {
        // Checked in a statement AFTER the lock: a subquery of the locking statement would see the
        // snapshot from before the wait (READ COMMITTED) and miss a certificate committed meanwhile.
        const locked: { status: string }[] = await em.query(`SELECT status FROM enrolments WHERE id = $1 FOR UPDATE`, [enrolmentId]);
        const existing: { id: string }[] = await em.query(`SELECT id FROM certificates WHERE enrolment_id = $1`, [enrolmentId]);
        if (existing[0]) return { outcome: 'exists', certificateId: existing[0].id } as const;
        if (locked[0]?.status !== 'completed') return { outcome: 'skipped', reason: `enrolment is ${locked[0]?.status ?? 'gone'}` } as const;
        const inserted: { id: string }[] = await em.query(
          `INSERT INTO certificates (id, enrolment_id, organization_id, user_id, number, holder_name, course_title, locale, hours,
             accreditation_body, accreditation_reference, organization_name, completed_at, issued_at, current_document_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           ON CONFLICT (enrolment_id) DO NOTHING RETURNING id`,
          [
            certificateId, enrolmentId, facts.organization_id, facts.user_id, number, facts.holder_name, facts.course_title, facts.locale,
            hours, facts.accreditation_body, facts.accreditation_reference, facts.organization_name, facts.completed_at, issuedAt, documentId,
          ],
        );
        if (inserted.length === 0) throw new LostRace();
        const key = certificateStorageKey(certificateId, 1);
        writtenKey = key;
        await this.storage.put(em, key, pdf);
        await em.query(
          `INSERT INTO certificate_documents (id, certificate_id, version, verification_code, holder_name, sha256, storage_key, created_at)
           VALUES ($1, $2, 1, $3, $4, $5, $6, $7)`,
          [documentId, certificateId, code, facts.holder_name, sha256Hex(pdf), key, issuedAt],
        );
        await recordAudit(em, {
          organizationId: facts.organization_id,
          actorId: null,
          action: 'certificate.issued',
          subjectType: 'certificate',
          subjectId: certificateId,
          data: { number, enrolmentId, userId: facts.user_id },
        });
        return { outcome: 'issued', certificateId, number } as const;
      });
    } catch (error) {
      if (writtenKey) await this.storage.discard(writtenKey).catch(() => undefined);
      if (error instanceof LostRace) {
        const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM certificates WHERE enrolment_id = $1`, [enrolmentId]);
        return rows[0] ? { outcome: 'exists', certificateId: rows[0].id } : { outcome: 'skipped', reason: 'lost a race' };
      }
      throw error;
    }
  }

  /**
   * The enrolment's number: reserved once by reserve_certificate_number() — one statement, so
   * the year's counter is locked only while the server runs it — and reused by every retry,
   * so a failed or killed issue leaves no gap.
   */
  private async reserveNumber(
    enrolmentId: string,
  ): Promise<Exclude<IssueOutcome, { outcome: 'issued' }> | { outcome: 'reserved'; facts: EnrolmentFacts; number: string }> {
    const facts = await this.readEnrolment(enrolmentId);
    if (!facts) return { outcome: 'skipped', reason: 'enrolment not found' };
    if (facts.certificate_id) return { outcome: 'exists', certificateId: facts.certificate_id };
    if (facts.status !== 'completed' || !facts.completed_at) return { outcome: 'skipped', reason: `enrolment is ${facts.status}` };
    const rows: { number: string | null }[] = await this.dataSource.query(`SELECT reserve_certificate_number($1, $2) AS number`, [
      enrolmentId,
      new Date().getUTCFullYear(),
    ]);
    const number = rows[0]?.number;
    if (!number) return { outcome: 'skipped', reason: 'enrolment not found' };
    return { outcome: 'reserved', facts, number };
  }

  /**
   * A new document version with the same number and a new code; the old document is kept,
   * marked superseded. Everything comes from the certificate_reissues row the API wrote
   * (holder name, requesting manager, reason, version); the row is locked and marked applied
   * in the same transaction, so a redelivered job is a no-op and an unknown id does nothing.
   */
  async reissue(reissueId: string): Promise<ReissueOutcome> {
    if (!isUuid(reissueId)) return { outcome: 'skipped', reason: 'not a re-issue id' };
    let writtenKey: string | null = null;
    try {
      return await this.dataSource.transaction(async (em) => {
        // The certificate first, then the request: the same lock order as the API's request path.
        const requests: ReissueRequestFacts[] = await em.query(
          `SELECT r.id, r.certificate_id, r.version, r.holder_name, r.reason, r.requested_by, r.status FROM certificate_reissues r WHERE r.id = $1`,
          [reissueId],
        );
        if (!requests[0]) return { outcome: 'skipped', reason: 're-issue request not found' } as const;
        const certificateId = requests[0].certificate_id;
        const rows: (CertificateFacts & { status: string })[] = await em.query(
          `SELECT c.id, c.organization_id, c.number, c.course_title, c.locale, c.hours, c.accreditation_body, c.accreditation_reference,
                  c.organization_name, c.completed_at, c.current_document_id, c.status
             FROM certificates c WHERE c.id = $1 FOR UPDATE`,
          [certificateId],
        );
        const cert = rows[0];
        if (!cert) return { outcome: 'skipped', reason: 'certificate not found' } as const;
        const locked: ReissueRequestFacts[] = await em.query(
          `SELECT r.id, r.certificate_id, r.version, r.holder_name, r.reason, r.requested_by, r.status FROM certificate_reissues r WHERE r.id = $1 FOR UPDATE`,
          [reissueId],
        );
        const request = locked[0]!;
        if (request.status === 'applied') return { outcome: 'already-applied', certificateId, version: request.version } as const;
        if (request.status !== 'pending') return { outcome: 'skipped', reason: `re-issue request is ${request.status}` } as const;
        if (cert.status === 'revoked') {
          await em.query(`UPDATE certificate_reissues SET status = 'cancelled', finished_at = now() WHERE id = $1`, [reissueId]);
          return { outcome: 'skipped', reason: 'certificate was revoked' } as const;
        }
        // After the lock, in its own statement: sees a version committed while this one waited.
        const versions: { max_version: number }[] = await em.query(
          `SELECT max(version)::int AS max_version FROM certificate_documents WHERE certificate_id = $1`,
          [certificateId],
        );
        const next = versions[0]!.max_version + 1;
        if (request.version < next) {
          await em.query(`UPDATE certificate_reissues SET status = 'applied', finished_at = now() WHERE id = $1`, [reissueId]);
          return { outcome: 'already-applied', certificateId, version: request.version } as const;
        }
        const holderName = request.holder_name;
        const issuedAt = new Date();
        const documentId = randomUUID();
        const code = newVerificationCode();
        const hours = cert.hours === null ? null : Number(cert.hours);
        const pdf = await this.renderer.render({
          number: cert.number,
          holderName,
          courseTitle: cert.course_title,
          hours,
          accreditationBody: cert.accreditation_body,
          accreditationReference: cert.accreditation_reference,
          completedAt: cert.completed_at,
          issuedAt,
          organizationName: cert.organization_name,
          verificationUrl: this.verificationUrl(code),
          locale: asLocale(cert.locale),
        });
        const key = certificateStorageKey(certificateId, next);
        writtenKey = key;
        await this.storage.put(em, key, pdf);
        await em.query(
          `INSERT INTO certificate_documents (id, certificate_id, version, verification_code, holder_name, sha256, storage_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [documentId, certificateId, next, code, holderName, sha256Hex(pdf), key, issuedAt],
        );
        await em.query(`UPDATE certificate_documents SET superseded_at = $2 WHERE certificate_id = $1 AND id <> $3 AND superseded_at IS NULL`, [
          certificateId, issuedAt, documentId,
        ]);
        await em.query(`UPDATE certificates SET current_document_id = $2, holder_name = $3 WHERE id = $1`, [certificateId, documentId, holderName]);
        await em.query(`UPDATE certificate_reissues SET status = 'applied', finished_at = now(), document_id = $2 WHERE id = $1`, [reissueId, documentId]);
        await recordAudit(em, {
          organizationId: cert.organization_id,
          actorId: request.requested_by,
          action: 'certificate.reissued',
          subjectType: 'certificate',
          subjectId: certificateId,
          data: { number: cert.number, version: next, reissueId, reason: request.reason },
        });
        return { outcome: 'reissued', certificateId, version: next } as const;
      });
    } catch (error) {
      if (writtenKey) await this.storage.discard(writtenKey).catch(() => undefined);
      throw error;
    }
  }

  private async readEnrolment(enrolmentId: string): Promise<EnrolmentFacts | null> {
    const rows: EnrolmentFacts[] = await this.dataSource.query(
      `SELECT e.status, e.completed_at, e.user_id, e.organization_id, COALESCE(u.certificate_name, u.name) AS holder_name, cv.title AS course_title, cv.locale,
              cv.accreditation_hours AS hours, cv.accreditation_body, cv.accreditation_reference, o.name AS organization_name,
              (SELECT c.id FROM certificates c WHERE c.enrolment_id = e.id) AS certificate_id
         FROM enrolments e
         JOIN users u ON u.id = e.user_id
         JOIN course_versions cv ON cv.id = e.course_version_id
         LEFT JOIN organizations o ON o.id = e.organization_id
        WHERE e.id = $1`,
      [enrolmentId],
    );
    if (!rows[0]) this.logger.warn(`certificate requested for unknown enrolment ${enrolmentId}`);
    return rows[0] ?? null;
  }
}
