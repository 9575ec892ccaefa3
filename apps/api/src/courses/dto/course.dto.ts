import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { LOCALES, type Locale } from '@kindling/domain';
import { IfPresent, NOT_BLANK } from './validation.js';

export class AccreditationDto {
  @ApiProperty({ example: 'Ministry of Education', maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: 'accreditation.body must not be empty' }) @MaxLength(200)
  body!: string;

  @ApiProperty({ example: 'MIUR-2026-0042', maxLength: 100 })
  @IsString() @Matches(NOT_BLANK, { message: 'accreditation.reference must not be empty' }) @MaxLength(100)
  reference!: string;

  @ApiProperty({ example: 8, description: 'Accredited training hours; more than 0, at most 9999.99' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }, { message: 'accreditation.hours must be a number with at most 2 decimals' })
  @IsPositive({ message: 'accreditation.hours must be greater than 0' })
  @Max(9999.99, { message: 'accreditation.hours must not exceed 9999.99' })
  hours!: number;
}

export class CompletionRulesDto {
  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 240, description: 'Minimum learning time in minutes before completion; null or absent: none' })
  @IsOptional() @IsInt({ message: 'completion.minMinutes must be a whole number of minutes' })
  @Min(0, { message: 'completion.minMinutes must not be negative' }) @Max(100_000)
  minMinutes?: number | null;
}

export class CreateCourseDto {
  @ApiProperty({ maxLength: 200, example: 'Kindness in everyday practice' })
  @IsString() @Matches(NOT_BLANK, { message: 'title must not be empty' }) @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES as Locale[], { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale!: Locale;

  @ApiPropertyOptional({ type: AccreditationDto, nullable: true })
  @IsOptional() @ValidateNested() @Type(() => AccreditationDto)
  accreditation?: AccreditationDto | null;

  @ApiPropertyOptional({ type: CompletionRulesDto })
  @IsOptional() @ValidateNested() @Type(() => CompletionRulesDto)
  completion?: CompletionRulesDto | null;

  @ApiPropertyOptional({ default: false })
  @IsOptional() @IsBoolean()
  selfEnrolment?: boolean;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 600, example: 24, description: 'Certificates are valid this many months after issue (validUntil on the PDF and the signed credential); null or absent: they do not expire' })
  @IsOptional() @IsInt({ message: 'certificateValidityMonths must be a whole number of months' })
  @Min(1, { message: 'certificateValidityMonths must be at least 1' }) @Max(600, { message: 'certificateValidityMonths must not exceed 600 (50 years)' })
  certificateValidityMonths?: number | null;
}

/** Every field optional; `accreditation: null` removes the accreditation. */
export class UpdateCourseDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent() @IsString() @Matches(NOT_BLANK, { message: 'title must not be empty' }) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IfPresent() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IfPresent() @IsIn(LOCALES as Locale[], { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;

  @ApiPropertyOptional({ type: AccreditationDto, nullable: true })
  @IsOptional() @ValidateNested() @Type(() => AccreditationDto)
  accreditation?: AccreditationDto | null;

  @ApiPropertyOptional({ type: CompletionRulesDto, nullable: true })
  @IsOptional() @ValidateNested() @Type(() => CompletionRulesDto)
  completion?: CompletionRulesDto | null;

  @ApiPropertyOptional()
  @IfPresent() @IsBoolean()
  selfEnrolment?: boolean;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: 600, example: 24, description: 'Certificates are valid this many months after issue; null: they do not expire' })
  @IsOptional() @IsInt({ message: 'certificateValidityMonths must be a whole number of months' })
  @Min(1, { message: 'certificateValidityMonths must be at least 1' }) @Max(600, { message: 'certificateValidityMonths must not exceed 600 (50 years)' })
  certificateValidityMonths?: number | null;
}

export class CatalogueQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'Only courses in this language' })
  @IsOptional() @IsIn(LOCALES as Locale[], { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale?: Locale;

  @ApiPropertyOptional({ description: 'Words to look for in title and summary (prefix match); at most 200 characters' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'page must be a whole number' }) @Min(1, { message: 'page must be 1 or more' })
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be 1 or more' }) @Max(100, { message: 'pageSize must not exceed 100' })
  pageSize?: number;
}

export class OutlineQueryDto {
  @ApiPropertyOptional({
    enum: ['published', 'draft'],
    description: 'published (default): the version new enrolments get. draft (authors of the course, admins): the version being edited — the ids to use for editing.',
  })
  @IsOptional() @IsIn(['published', 'draft'], { message: 'version must be "published" or "draft"' })
  version?: 'published' | 'draft';
}
