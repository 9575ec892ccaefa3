import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CredentialIssuerDto {
  @ApiProperty({ type: String, nullable: true, description: 'The issuer profile URL named in the credential' }) id!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
}

export class CredentialClaimsDto {
  @ApiProperty({ type: String, nullable: true }) holderName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The achievement (course) name' }) achievement!: string | null;
  @ApiProperty({ type: Number, nullable: true }) hours!: number | null;
  @ApiProperty({ type: String, nullable: true }) accreditationBody!: string | null;
  @ApiProperty({ type: String, nullable: true }) accreditationReference!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The printed certificate number' }) number!: string | null;
  @ApiProperty({ type: String, nullable: true }) validFrom!: string | null;
  @ApiProperty({ type: String, nullable: true }) validUntil!: string | null;
}

export class CredentialVerificationDto {
  @ApiProperty({
    enum: ['valid', 'revoked', 'superseded', 'expired', 'invalid'],
    description: 'invalid: the proof does not verify, the issuer is not this server\'s, or it is not a credential (see reason)',
  })
  status!: 'valid' | 'revoked' | 'superseded' | 'expired' | 'invalid';
  @ApiProperty({ description: 'The DataIntegrityProof (eddsa-rdfc-2022) verifies against the issuer\'s published key' }) signatureValid!: boolean;
  @ApiPropertyOptional({
    enum: ['not-a-credential', 'unknown-issuer', 'signature', 'unknown-credential'],
    description: 'Why it is invalid: not-a-credential (no proof / not an object); unknown-issuer (not signed by an issuer of this server); signature (altered after signing, or signed by another key); unknown-credential (validly signed but not on record)',
  })
  reason?: 'not-a-credential' | 'unknown-issuer' | 'signature' | 'unknown-credential';
  @ApiPropertyOptional({ description: 'Technical detail of the failed check (English)' }) detail?: string;
  @ApiProperty({ type: CredentialIssuerDto }) issuer!: CredentialIssuerDto;
  @ApiProperty({ type: CredentialClaimsDto, description: 'What the credential claims (read from it; trust them only when status is valid)' }) claims!: CredentialClaimsDto;
  @ApiPropertyOptional({ description: 'Verification code of the certificate document this credential belongs to' }) verificationCode?: string;
}
