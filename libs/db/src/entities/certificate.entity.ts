import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { numericTransformer } from './course.entity.js';

export type CertificateStatus = 'valid' | 'revoked';

@Entity({ name: 'certificates' })
export class CertificateEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'enrolment_id', type: 'uuid' }) enrolmentId!: string;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ type: 'text' }) number!: string;
  @Column({ name: 'holder_name', type: 'text' }) holderName!: string;
  @Column({ name: 'course_title', type: 'text' }) courseTitle!: string;
  @Column({ type: 'text' }) locale!: string;
  @Column({ type: 'numeric', precision: 6, scale: 2, nullable: true, transformer: numericTransformer }) hours!: number | null;
  @Column({ name: 'accreditation_body', type: 'text', nullable: true }) accreditationBody!: string | null;
  @Column({ name: 'accreditation_reference', type: 'text', nullable: true }) accreditationReference!: string | null;
  @Column({ name: 'organization_name', type: 'text', nullable: true }) organizationName!: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz' }) completedAt!: Date;
  @Column({ name: 'issued_at', type: 'timestamptz' }) issuedAt!: Date;
  @Column({ type: 'text', default: 'valid' }) status!: CertificateStatus;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ name: 'revoked_by', type: 'uuid', nullable: true }) revokedBy!: string | null;
  @Column({ name: 'revocation_reason', type: 'text', nullable: true }) revocationReason!: string | null;
  @Column({ name: 'current_document_id', type: 'uuid' }) currentDocumentId!: string;
}

@Entity({ name: 'certificate_documents' })
export class CertificateDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'certificate_id', type: 'uuid' }) certificateId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'verification_code', type: 'text' }) verificationCode!: string;
  @Column({ name: 'holder_name', type: 'text' }) holderName!: string;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ name: 'storage_key', type: 'text' }) storageKey!: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt!: Date | null;
}

@Entity({ name: 'stored_files' })
export class StoredFileEntity {
  @PrimaryColumn({ type: 'text' }) key!: string;
  @Column({ name: 'content_type', type: 'text' }) contentType!: string;
  @Column({ type: 'bytea' }) bytes!: Buffer;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
