import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { LOCALES, type Locale } from '@kindling/domain';
import { IfPresent, NOT_BLANK } from './validation.js';
import { keyed } from '../../common/validation/keyed.js';

export class AccreditationDto {
  @ApiProperty({ example: 'Ministry of Education', maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(200)
  body!: string;

  @ApiProperty({ example: 'MIUR-2026-0042', maxLength: 100 })
  @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(100)
  reference!: string;

  @ApiProperty({ example: 8, description: 'Accredited training hours; more than 0, at most 9999.99' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(9999.99)
  hours!: number;
}

export class CompletionRulesDto {
  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 240, description: 'Minimum learning time in minutes before completion; null or absent: none' })
  @IsOptional() @IsInt()
  @Min(0) @Max(100_000)
  minMinutes?: number | null;
}

export class CreateCourseDto {
  @ApiProperty({ maxLength: 200, example: 'Kindness in everyday practice' })
  @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiProperty({ enum: LOCALES })
  @IsIn(LOCALES as Locale[])
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
  @IsOptional() @IsInt()
  @Min(1) @Max(600)
  certificateValidityMonths?: number | null;
}

/** Every field optional; `accreditation: null` removes the accreditation. */
export class UpdateCourseDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent() @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IfPresent() @IsString() @MaxLength(5000)
  summary?: string;

  @ApiPropertyOptional({ enum: LOCALES })
  @IfPresent() @IsIn(LOCALES as Locale[])
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
  @IsOptional() @IsInt()
  @Min(1) @Max(600)
  certificateValidityMonths?: number | null;
}

export class CatalogueQueryDto {
  @ApiPropertyOptional({ enum: LOCALES, description: 'Only courses in this language' })
  @IsOptional() @IsIn(LOCALES as Locale[])
  locale?: Locale;

  @ApiPropertyOptional({ description: 'Words to look for in title and summary (prefix match); at most 200 characters' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional() @Type(() => Number) @IsInt()
  @Min(1) @Max(100)
  pageSize?: number;
}

export class OutlineQueryDto {
  @ApiPropertyOptional({
    enum: ['published', 'draft'],
    description: 'published (default): the version new enrolments get. draft (authors of the course, admins): the version being edited — the ids to use for editing.',
  })
  @IsOptional() @IsIn(['published', 'draft'])
  version?: 'published' | 'draft';
}
