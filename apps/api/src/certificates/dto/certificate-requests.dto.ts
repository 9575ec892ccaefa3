import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { keyed } from '../../common/validation/keyed.js';

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

export class RevokeCertificateDto {
  @ApiProperty({ description: 'Why the certificate is revoked; shown to verifiers', minLength: 3, maxLength: 500, example: 'Issued in error: the learner was enrolled twice' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
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
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  @Matches(NO_CONTROL_CHARACTERS, { message: keyed('validation.controlCharacters') })
  reason!: string;

  @ApiPropertyOptional({
    description:
      "Print the organisation's current branding (logo, signatory, accent colour) on the new version. Default false: the re-issue keeps the branding captured when the certificate was first issued.",
  })
  @IsOptional()
  @IsBoolean()
  useCurrentBranding?: boolean;
}

export class CertificateSearchQueryDto {
  @ApiPropertyOptional({ description: 'Part of a certificate number or of a holder name (case-insensitive)', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}
