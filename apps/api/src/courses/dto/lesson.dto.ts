import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { IfPresent, NOT_BLANK } from './validation.js';
import { keyed } from '../../common/validation/keyed.js';

const VIDEO_URL = { protocols: ['https'], require_protocol: true, require_valid_protocol: true };

export class CreateLessonDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(200)
  title!: string;

  @ApiProperty({ description: 'Markdown, at most 100,000 characters. Raw HTML is reduced to a safe allow-list on the server.', maxLength: 100_000 })
  @IsString() @MaxLength(100_000)
  body!: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Estimated minutes', minimum: 0, maximum: 1440 })
  @IsOptional() @IsInt() @Min(0)
  @Max(1440)
  minutes?: number | null;

  @ApiPropertyOptional({ type: String, description: 'A video link (https only)', nullable: true, maxLength: 2000 })
  @IsOptional() @IsUrl(VIDEO_URL, { message: keyed('validation.httpsUrl') }) @MaxLength(2000)
  videoUrl?: string | null;

  @ApiPropertyOptional({
    type: String, nullable: true, maxLength: 100_000,
    description: 'The video\'s text alternative (transcript or description). Optional in a draft; publishing refuses a lesson with a video and without it.',
  })
  @IsOptional() @IsString() @MaxLength(100_000)
  videoText?: string | null;
}

/** Every field optional; `videoUrl: null` / `minutes: null` remove them. */
export class UpdateLessonDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent() @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 100_000 })
  @IfPresent() @IsString() @MaxLength(100_000)
  body?: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 1440 })
  @IsOptional() @IsInt() @Min(0)
  @Max(1440)
  minutes?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional() @IsUrl(VIDEO_URL, { message: keyed('validation.httpsUrl') }) @MaxLength(2000)
  videoUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100_000, description: 'The video\'s text alternative; null removes it' })
  @IsOptional() @IsString() @MaxLength(100_000)
  videoText?: string | null;
}
