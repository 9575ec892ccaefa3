import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, Matches, MaxLength, ValidateIf } from 'class-validator';
import { keyed } from '../../common/validation/keyed.js';

/** Largest upload (decoded bytes) of a logo or signature image. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
/** base64 of MAX_UPLOAD_BYTES plus a data-URL prefix. */
const MAX_ENCODED = Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 64;

// eslint-disable-next-line no-control-regex
const ONE_LINE = /^[^\u0000-\u001f\u007f\u2028\u2029]*$/;
const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class UpdateBrandingDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: '#2e6b66', description: 'accent colour of the certificate (#rrggbb); null: Kindling’s' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(lower)
  @Matches(/^#[0-9a-f]{6}$/, { message: keyed('validation.colour') })
  accentColor?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 120, example: 'Dr. Maria Rossi', description: 'the signatory printed on certificates; null removes it' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @Matches(ONE_LINE, { message: keyed('validation.oneLine') })
  signatoryName?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: 120, example: 'Head of School', description: 'the signatory’s title; null removes it' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @Matches(ONE_LINE, { message: keyed('validation.oneLine') })
  signatoryTitle?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'email',
    maxLength: 254,
    example: 'certificates@example.org',
    description: 'the issuer’s contact e-mail, shown in its public Open Badges issuer Profile and in new credentials; null removes it',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(254)
  @IsEmail()
  contactEmail?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'uri',
    maxLength: 2000,
    example: 'https://www.example.org',
    description: 'the issuer’s website (https:// only), the `url` of its public issuer Profile (else this server’s address); null removes it',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  websiteUrl?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'the logo as a base64 data URL (data:image/png;base64,… — PNG, JPEG or SVG, at most 1 MB). SVG is rasterised; every image is re-encoded ' +
      '(sRGB, metadata removed, at most 1200 × 480 px). Absent: unchanged; null: removed.',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(MAX_ENCODED, { message: keyed('validation.imageTooLarge', { kb: 1024 }) })
  logo?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'the signature image, like `logo` (at most 900 × 300 px after re-encoding). Absent: unchanged; null: removed.',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @MaxLength(MAX_ENCODED, { message: keyed('validation.imageTooLarge', { kb: 1024 }) })
  signatureImage?: string | null;
}

export class BrandingImageView {
  @ApiProperty({ enum: ['image/png', 'image/jpeg'] })
  mime!: 'image/png' | 'image/jpeg';

  @ApiProperty({ description: 'the stored (sanitised) image as a data URL, for previews' })
  dataUrl!: string;

  @ApiProperty({ description: 'size in bytes' })
  bytes!: number;
}

export class BrandingView {
  @ApiProperty({ format: 'uuid' })
  organizationId!: string;

  @ApiProperty({ description: 'the issuing organisation’s name, printed on every certificate' })
  organizationName!: string;

  @ApiProperty({ nullable: true, type: String, description: 'the current version (null: never set); certificates keep the version they were issued with' })
  versionId!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '#2e6b66' })
  accentColor!: string | null;

  @ApiProperty({ nullable: true, type: String })
  signatoryName!: string | null;

  @ApiProperty({ nullable: true, type: String })
  signatoryTitle!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'email' })
  contactEmail!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uri' })
  websiteUrl!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uri', description: 'the public, stable URL of the current logo (GET /api/issuers/{orgId}/logo); null: no logo' })
  logoUrl!: string | null;

  @ApiProperty({ nullable: true, type: BrandingImageView })
  logo!: BrandingImageView | null;

  @ApiProperty({ nullable: true, type: BrandingImageView })
  signatureImage!: BrandingImageView | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  updatedAt!: string | null;
}

