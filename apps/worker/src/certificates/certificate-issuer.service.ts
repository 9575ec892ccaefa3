import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { type CertificateLocale, type CertificateRenderer, certificateLocale, certifiedHours, printedText, sha256Hex } from '@kindling/certificates';
import { BrandingRepository, type CertificateIssueOutcome, CertificatesRepository, CredentialsRepository, type EnrolmentFactsRow, recordAudit } from '@kindling/db';
import { CredentialService } from '@kindling/credentials';
import { translate } from '@kindling/i18n';
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

/** ≥128 bits of randomness, URL-safe (base64url of 18 bytes = 24 characters, 144 bits). */
export function newVerificationCode(): string {
  return randomBytes(18).toString('base64url');
}

/** The enrolment's texts as the certificate prints them (see printedText). */
function printedFacts(f: EnrolmentFactsRow): EnrolmentFactsRow {
  const optional = (v: string | null) => (v === null ? null : printedText(v) || null);
  return {
    ...f,
    holder_name: printedText(f.holder_name),
    course_title: printedText(f.course_title),
    accreditation_body: optional(f.accreditation_body),
    accreditation_reference: optional(f.accreditation_reference),
    organization_name: optional(f.organization_name),
  };
}

export function formatCertificateNumber(year: number, value: number): string {
  return `KND-${year}-${String(value).padStart(6, '0')}`;
}

/** `months` calendar months after `from` (UTC; the 31st becomes the month's last day). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * Issues and re-issues certificates. Issuing: (1) one statement reserves the enrolment's
 * number (once per enrolment, reused by retries: sequential per year without gaps); (2) the
 * PDF is rendered outside any transaction; (3) ONE statement (the database function
 * issue_certificate, one round trip) locks the enrolment, returns if a certificate exists,
 * stores the PDF and inserts certificate + document + audit event (the certificate's FK to its
 * current document is deferred to the commit). So a certificate never exists without its PDF
 * and exists at most once per enrolment (uq_certificates_enrolment + ON CONFLICT DO NOTHING).
 */
@Injectable()
export class CertificateIssuer {
  private readonly logger = new Logger(CertificateIssuer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly certificates: CertificatesRepository,
    @Inject(PDF_STORAGE) private readonly storage: PdfStorage,
    @Inject(CERTIFICATE_RENDERER) private readonly renderer: CertificateRenderer,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
    private readonly credentials: CredentialsRepository,
    private readonly credentialService: CredentialService,
    private readonly branding: BrandingRepository,
  ) {}

  /**
   * Signs the document's Open Badges 3.0 credential (before the PDF: the PDF embeds it).
   * `validUntil` is the certificate's, fixed at first issue.
   */
  private async signCredential(c: {
    documentId: string;
    organizationId: string | null;
    organizationName: string | null;
    courseId: string;
    summary: string;
    courseTitle: string;
    locale: CertificateLocale;
    hours: number | null;
    accreditationBody: string | null;
    accreditationReference: string | null;
    holderName: string;
    email: string | null;
    number: string;
    code: string;
    issuedAt: Date;
    completedAt: Date;
    validUntil: Date | null;
  }): Promise<{ json: string; statusIndex: number }> {
    return this.credentialService.issue({
      documentId: c.documentId,
      organizationId: c.organizationId,
      organizationName: c.organizationName,
      achievement: {
        id: `urn:uuid:${c.courseId}`,
        name: c.courseTitle,
        description: c.summary.trim() || c.courseTitle,
        criteria: translate(c.locale, 'credentials.criteria', { course: c.courseTitle }),
        hours: c.hours,
        accreditationBody: c.accreditationBody,
        accreditationReference: c.accreditationReference,
        language: c.locale,
      },
      holderName: c.holderName,
      holderEmail: c.email,
      certificateNumber: c.number,
      verificationUrl: this.verificationUrl(c.code),
      validFrom: c.issuedAt,
      validUntil: c.validUntil,
      awardedDate: c.completedAt,
    });
  }

  verificationUrl(code: string): string {
    return `${this.config.publicUrl}/verify/${code}`;
  }

  async issue(enrolmentId: string): Promise<IssueOutcome> {
    if (!isUuid(enrolmentId)) return { outcome: 'skipped', reason: 'not an enrolment id' };
    const reservation = await this.reserveNumber(enrolmentId);
    if (reservation.outcome !== 'reserved') return reservation;
    const { number } = reservation;
    // Every text is kept as the PDF prints it, so the record the verification page shows, the
    // signed credential and the PDF say the same thing: a bidi override in a name ("\u202EnosnhoJ
    // nhoJ", which a browser shows as "John Johnson") or a line break is not carried into one and
    // dropped from another.
    const facts = printedFacts(reservation.facts);

    // Rendered outside any transaction: no lock and no connection is held meanwhile.
    const issuedAt = new Date();
    const certificateId = randomUUID();
    const documentId = randomUUID();
    const code = newVerificationCode();
    // The learner's language (else the course's), stored on the certificate for every re-issue;
    // the accredited hours only when the course's minimum learning time was met.
    const locale = certificateLocale(facts.learner_locale, facts.locale);
    const hours = certifiedHours(facts.hours, facts.learning_seconds, facts.min_minutes);
    const extra = await this.credentials.credentialFacts(enrolmentId);
    const validUntil = extra?.validity_months ? addMonths(issuedAt, extra.validity_months) : null;
    const credential = await this.signCredential({
      documentId,
      organizationId: facts.organization_id,
      organizationName: facts.organization_name,
      courseId: extra?.course_id ?? enrolmentId,
      summary: extra?.summary ?? '',
      courseTitle: facts.course_title,
      locale,
      hours,
      accreditationBody: facts.accreditation_body,
      accreditationReference: facts.accreditation_reference,
      holderName: facts.holder_name,
      email: extra?.email ?? null,
      number,
      code,
      issuedAt,
      completedAt: facts.completed_at!,
      validUntil,
    });
    // Branding: the organisation's current version, pinned to the certificate below.
    const branding = facts.organization_id ? await this.branding.current(facts.organization_id) : null;
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
      locale,
      validUntil,
      credentialJson: credential.json,
      branding,
    });

    // One statement writes everything (issue_certificate: lock, look-up, inserts, audit); the
    // directory store has made the file durable first and it is discarded unless it committed.
    const key = certificateStorageKey(certificateId, 1);
    let inline: Buffer | null;
    try {
      inline = await this.storage.stage(key, pdf);
    } catch (error) {
      await this.storage.discard(key).catch(() => undefined);
      throw error;
    }
    const staged = inline === null;
    let result: CertificateIssueOutcome;
    try {
      result = await this.certificates.issueCertificate({
        certificate: {
          id: certificateId,
          enrolmentId,
          organizationId: facts.organization_id,
          userId: facts.user_id,
          number,
          holderName: facts.holder_name,
          courseTitle: facts.course_title,
          locale,
          hours,
          accreditationBody: facts.accreditation_body,
          accreditationReference: facts.accreditation_reference,
          organizationName: facts.organization_name,
          completedAt: facts.completed_at!,
          issuedAt,
          currentDocumentId: documentId,
        },
        storageKey: key,
        pdf: inline,
        sha256: sha256Hex(pdf),
        verificationCode: code,
        credentialJson: credential.json,
        statusIndex: credential.statusIndex,
        brandingVersionId: branding?.id ?? null,
        validUntil,
      });
    } catch (error) {
      // The answer was lost, not necessarily the commit: the file goes only when the certificate
      // is known not to be ours (an orphan file is harmless, a certificate without its PDF is not).
      if (staged) {
        const owner = await this.certificates.certificateIdOfEnrolment(enrolmentId).catch(() => undefined);
        if (owner !== undefined && owner !== certificateId) await this.storage.discard(key).catch(() => undefined);
      }
      throw error;
    }
    if (result.outcome === 'issued') return { outcome: 'issued', certificateId, number };
    if (staged) await this.storage.discard(key).catch(() => undefined);
    if (result.outcome === 'exists') return { outcome: 'exists', certificateId: result.certificateId };
    if (result.outcome === 'skipped') return { outcome: 'skipped', reason: result.reason };
    const winner = await this.certificates.certificateIdOfEnrolment(enrolmentId);
    return winner ? { outcome: 'exists', certificateId: winner } : { outcome: 'skipped', reason: 'lost a race' };
  }

  /**
   * The enrolment's number: reserved once by reserve_certificate_number() — one statement, so
   * the year's counter is locked only while the server runs it — and reused by every retry,
   * so a failed or killed issue leaves no gap.
   */
  private async reserveNumber(
    enrolmentId: string,
  ): Promise<Exclude<IssueOutcome, { outcome: 'issued' }> | { outcome: 'reserved'; facts: EnrolmentFactsRow; number: string }> {
    const facts = await this.readEnrolment(enrolmentId);
    if (!facts) return { outcome: 'skipped', reason: 'enrolment not found' };
    if (facts.certificate_id) return { outcome: 'exists', certificateId: facts.certificate_id };
    if (facts.status !== 'completed' || !facts.completed_at) return { outcome: 'skipped', reason: `enrolment is ${facts.status}` };
    const number = await this.certificates.reserveNumber(enrolmentId, new Date().getUTCFullYear());
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
        const requested = await this.certificates.reissueRequest(reissueId, false, em);
        if (!requested) return { outcome: 'skipped', reason: 're-issue request not found' } as const;
        const certificateId = requested.certificate_id;
        const cert = await this.certificates.lockCertificate(certificateId, em);
        if (!cert) return { outcome: 'skipped', reason: 'certificate not found' } as const;
        const request = (await this.certificates.reissueRequest(reissueId, true, em))!;
        if (request.status === 'applied') return { outcome: 'already-applied', certificateId, version: request.version } as const;
        if (request.status !== 'pending') return { outcome: 'skipped', reason: `re-issue request is ${request.status}` } as const;
        if (cert.status === 'revoked') {
          await this.certificates.finishReissue(reissueId, 'cancelled', em);
          return { outcome: 'skipped', reason: 'certificate was revoked' } as const;
        }
        // After the lock, in its own statement: sees a version committed while this one waited.
        const next = (await this.certificates.maxVersion(certificateId, em)) + 1;
        if (request.version < next) {
          await this.certificates.finishReissue(reissueId, 'applied', em);
          return { outcome: 'already-applied', certificateId, version: request.version } as const;
        }
        const holderName = printedText(request.holder_name);
        const issuedAt = new Date();
        const documentId = randomUUID();
        const code = newVerificationCode();
        const hours = cert.hours === null ? null : Number(cert.hours);
        const locale = certificateLocale(cert.locale, null); // the language chosen at issue, stored on the certificate
        const current = await this.credentials.currentCredential(certificateId, em);
        const validUntil = current?.valid_until ?? null;
        const credential = await this.signCredential({
          documentId,
          organizationId: cert.organization_id,
          organizationName: cert.organization_name,
          courseId: current?.course_id ?? certificateId,
          summary: current?.summary ?? '',
          courseTitle: cert.course_title,
          locale,
          hours,
          accreditationBody: cert.accreditation_body,
          accreditationReference: cert.accreditation_reference,
          holderName,
          email: current?.email ?? null,
          number: cert.number,
          code,
          issuedAt,
          completedAt: cert.completed_at,
          validUntil,
        });
        // Branding: the version captured at first issue, or the current one when the manager chose it.
        const useCurrentBranding = await this.branding.reissueUsesCurrent(reissueId, em);
        const pinnedBranding = await this.branding.versionOfCertificate(certificateId, em);
        const brandingId = useCurrentBranding ? (cert.organization_id && (await this.branding.current(cert.organization_id, em))?.id) : pinnedBranding;
        const branding = brandingId ? await this.branding.byId(brandingId, em) : null;
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
          locale,
          validUntil,
          credentialJson: credential.json,
          branding,
        });
        const key = certificateStorageKey(certificateId, next);
        writtenKey = key;
        await this.storage.put(em, key, pdf);
        await this.certificates.insertDocument(
          { id: documentId, certificateId, version: next, verificationCode: code, holderName, sha256: sha256Hex(pdf), storageKey: key, createdAt: issuedAt },
          em,
        );
        await this.credentials.attachCredential(documentId, credential.json, credential.statusIndex, em);
        await this.certificates.applyReissue(reissueId, certificateId, documentId, holderName, issuedAt, em);
        // The replaced documents' credentials are marked superseded in the issuer's list of
        // statusPurpose "message" (0x1 = "superseded"), as the verification page says. Credentials
        // signed before that list existed have no entry in it: their revocation bit withdraws them.
        const old = await this.credentials.statusIndices(certificateId, true, em);
        await this.credentials.setStatusBits(old.issuer, old.indices, em, 'superseded');
        await this.credentials.setStatusBits(old.issuer, old.legacy, em, 'revocation');
        if (useCurrentBranding) await this.branding.setCertificateVersion(certificateId, branding?.id ?? null, em);
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

  private async readEnrolment(enrolmentId: string): Promise<EnrolmentFactsRow | null> {
    const facts = await this.certificates.enrolmentFacts(enrolmentId);
    if (!facts) this.logger.warn(`certificate requested for unknown enrolment ${enrolmentId}`);
    return facts;
  }
}
