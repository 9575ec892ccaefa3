import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/** Named apart from the courses' AccreditationDto (a request body with hours): one schema name, one shape. */
@ApiSchema({ name: 'CertificateAccreditationDto' })
export class AccreditationDto {
  @ApiProperty({ type: String, nullable: true }) body!: string | null;
  @ApiProperty({ type: String, nullable: true }) reference!: string | null;
}

export class CertificateSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'KND-2026-000042' }) number!: string;
  @ApiProperty({ enum: ['valid', 'revoked'] }) status!: 'valid' | 'revoked';
  @ApiProperty() holderName!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ type: Number, nullable: true }) hours!: number | null;
  @ApiProperty({ type: AccreditationDto }) accreditation!: AccreditationDto;
  @ApiProperty({ type: String, nullable: true }) organization!: string | null;
  @ApiProperty() enrolmentId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() completedAt!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ description: 'Version of the current PDF (1, then +1 per re-issue)' }) version!: number;
  @ApiProperty({ description: 'Verification code of the current PDF' }) verificationCode!: string;
  @ApiProperty({ description: 'PUBLIC_URL/verify/<code>' }) verificationUrl!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the current PDF' }) sha256!: string;
  @ApiProperty({ description: 'Where the PDF is downloaded' }) pdfUrl!: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) revocationReason!: string | null;
}

export class CertificatePageDto {
  @ApiProperty({ type: [CertificateSummaryDto] }) items!: CertificateSummaryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ReissueAcceptedDto {
  @ApiProperty() certificateId!: string;
  @ApiProperty({ description: 'The document version the worker will create' }) version!: number;
  @ApiProperty({ enum: ['pending'] }) status!: 'pending';
}

export class VerificationDto {
  @ApiProperty({
    enum: ['valid', 'revoked', 'superseded', 'expired'],
    description: 'superseded: this document was replaced by a re-issue (see currentCode); expired: past validUntil (the course\'s validity period)',
  })
  status!: 'valid' | 'revoked' | 'superseded' | 'expired';
  @ApiProperty() number!: string;
  @ApiPropertyOptional({ description: 'The name printed on this document; absent when superseded (a corrected name is not published again)' })
  holderName?: string;
  @ApiPropertyOptional({ description: 'true when the holder’s personal data was erased: the certificate stays verifiable but names no one' })
  holderErased?: boolean;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ type: Number, nullable: true }) hours!: number | null;
  @ApiProperty({ type: AccreditationDto }) accreditation!: AccreditationDto;
  @ApiProperty({ type: String, nullable: true }) organization!: string | null;
  @ApiProperty() completedAt!: string;
  @ApiProperty({ description: 'When this document was issued' }) issuedAt!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of this document: compare with the file you were sent' }) sha256!: string;
  @ApiProperty() version!: number;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional() revocationReason?: string;
  @ApiPropertyOptional({ description: 'End of validity (the course\'s certificate validity period); absent: does not expire' }) validUntil?: string;
  @ApiPropertyOptional({ description: 'When this document was superseded' }) supersededAt?: string;
  @ApiPropertyOptional({ description: 'Verification code of the current document (when superseded)' }) currentCode?: string;
  @ApiPropertyOptional({ description: 'Number of the current document (when superseded; the same number)' }) currentNumber?: string;
  @ApiPropertyOptional({ description: 'Verification URL of the current document (when superseded)' }) currentVerificationUrl?: string;
}
