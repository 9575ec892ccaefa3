import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

export class RevokeCertificateDto {
  @ApiProperty({ description: 'Why the certificate is revoked; shown to verifiers', minLength: 3, maxLength: 500, example: 'Issued in error: the learner was enrolled twice' })
  @IsString({ message: 'reason must be a string' })
  @MinLength(3, { message: 'reason must be at least 3 characters' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  reason!: string;
}

export class ReissueCertificateDto {
  @ApiProperty({
    description:
      "Why the certificate is re-issued (kept in the audit log). The name printed is the holder's approved certificate name from the database, never one sent here.",
    minLength: 3,
    maxLength: 500,
    example: 'Certificate name corrected after an approved request',
  })
  @IsString({ message: 'reason must be a string' })
  @MinLength(3, { message: 'reason must be at least 3 characters' })
  @MaxLength(500, { message: 'reason must be at most 500 characters' })
  @Matches(NO_CONTROL_CHARACTERS, { message: 'reason must not contain control characters' })
  reason!: string;

  @ApiPropertyOptional({
    description:
      "Print the organisation's current branding (logo, signatory, accent colour) on the new version. Default false: the re-issue keeps the branding captured when the certificate was first issued.",
  })
  @IsOptional()
  @IsBoolean({ message: 'useCurrentBranding must be a boolean' })
  useCurrentBranding?: boolean;
}

export class CertificateSearchQueryDto {
  @ApiPropertyOptional({ description: 'Part of a certificate number or of a holder name (case-insensitive)', maxLength: 200 })
  @IsOptional()
  @IsString({ message: 'q must be a string' })
  @MaxLength(200, { message: 'q must be at most 200 characters' })
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be an integer' })
  @Min(1, { message: 'page must be at least 1' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be an integer' })
  @Min(1, { message: 'pageSize must be at least 1' })
  @Max(200, { message: 'pageSize must be at most 200' })
  pageSize?: number;
}
