import { Inject, Injectable } from '@nestjs/common';
import { KINDLING_CONFIG, type KindlingConfig } from '@kindling/config';
import { CertificatesRepository, type VerificationRow } from '@kindling/db';
import { notFound } from '@kindling/common';
import type { VerificationDto } from './dto/certificate-responses.dto.js';

/** Base64url of ≥ 16 bytes; anything else cannot be a code and is answered 404 without a query. */
const CODE = /^[A-Za-z0-9_-]{22,64}$/;
const SHA256 = /^[0-9a-fA-F]{64}$/;
/** The printed certificate number; case and surrounding spaces are forgiven. */
const NUMBER = /^KND-\d{4}-\d{6,}$/;

/**
 * Whether a lookup is by the printed number (what byCode treats as one). Numbers are sequential,
 * so these lookups have a budget of their own (verification.controller).
 */
export function isCertificateNumber(input: string): boolean {
  return NUMBER.test(input.trim().toUpperCase());
}

/**
 * Public verification, by code (the QR) or by the SHA-256 of a file. A document that was
 * replaced by a re-issue answers "superseded" and names the current one (never the name it
 * carried: a corrected name is not published again); a revoked
 * certificate answers "revoked" for every one of its documents.
 */
@Injectable()
export class VerificationService {
  constructor(
    private readonly certificates: CertificatesRepository,
    @Inject(KINDLING_CONFIG) private readonly config: KindlingConfig,
  ) {}

  /** By the QR's code, the printed number (`KND-2026-000001`) or a pasted SHA-256 of the PDF. */
  async byCode(input: string): Promise<VerificationDto> {
    const code = input.trim();
    if (isCertificateNumber(code)) {
      const row = await this.certificates.byNumber(code.toUpperCase());
      if (!row) throw notFound('certificate');
      return this.toDto(row);
    }
    if (SHA256.test(code)) return this.bySha256(code);
    if (!CODE.test(code)) throw notFound('certificate');
    const row = await this.certificates.byVerificationCode(code);
    if (!row) throw notFound('certificate');
    return this.toDto(row);
  }

  async bySha256(hash: string): Promise<VerificationDto> {
    if (!SHA256.test(hash)) throw notFound('certificate');
    const row = await this.certificates.bySha256(hash.toLowerCase());
    if (!row) throw notFound('certificate');
    return this.toDto(row);
  }

  private toDto(r: VerificationRow): VerificationDto {
    const expired = r.valid_until !== null && new Date(r.valid_until).getTime() < Date.now();
    const status = r.status === 'revoked' ? 'revoked' : r.superseded_at ? 'superseded' : expired ? 'expired' : 'valid';
    const dto: VerificationDto = {
      status,
      number: r.number,
      courseTitle: r.course_title,
      hours: r.hours === null ? null : Number(r.hours),
      accreditation: { body: r.accreditation_body, reference: r.accreditation_reference },
      organization: r.organization_name,
      completedAt: new Date(r.completed_at).toISOString(),
      issuedAt: new Date(r.issued_at).toISOString(),
      sha256: r.sha256,
      version: r.version,
    };
    if (r.valid_until) dto.validUntil = new Date(r.valid_until).toISOString();
    // A superseded document was replaced because something on it (usually the name) was wrong: its
    // answer says "superseded" and points to the current document, without repeating the old name.
    // After erasure of the holder's data the certificate still verifies, without a name.
    if (r.holder_erased_at) dto.holderErased = true;
    else if (!r.superseded_at) dto.holderName = r.holder_name;
    if (r.status === 'revoked') {
      if (r.revoked_at) dto.revokedAt = new Date(r.revoked_at).toISOString();
      if (r.revocation_reason) dto.revocationReason = r.revocation_reason;
    }
    if (r.superseded_at) {
      dto.supersededAt = new Date(r.superseded_at).toISOString();
      dto.currentCode = r.current_code;
      dto.currentNumber = r.number;
      dto.currentVerificationUrl = `${this.config.publicUrl}/verify/${r.current_code}`;
    }
    return dto;
  }
}
