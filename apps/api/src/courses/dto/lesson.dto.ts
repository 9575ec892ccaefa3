import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { IfPresent, NOT_BLANK } from './validation.js';

const VIDEO_URL = { protocols: ['https'], require_protocol: true, require_valid_protocol: true };
const VIDEO_MESSAGE = 'videoUrl must be an https:// URL';

export class CreateLessonDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: 'title must not be empty' }) @MaxLength(200)
  title!: string;

  @ApiProperty({ description: 'Markdown, at most 100,000 characters. Raw HTML is reduced to a safe allow-list on the server.', maxLength: 100_000 })
  @IsString() @MaxLength(100_000, { message: 'body must be at most 100000 characters' })
  body!: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Estimated minutes', minimum: 0, maximum: 1440 })
  @IsOptional() @IsInt({ message: 'minutes must be a whole number' }) @Min(0, { message: 'minutes must not be negative' })
  @Max(1440, { message: 'minutes must not exceed 1440' })
  minutes?: number | null;

  @ApiPropertyOptional({ type: String, description: 'A video link (https only)', nullable: true, maxLength: 2000 })
  @IsOptional() @IsUrl(VIDEO_URL, { message: VIDEO_MESSAGE }) @MaxLength(2000)
  videoUrl?: string | null;
}

/** Every field optional; `videoUrl: null` / `minutes: null` remove them. */
export class UpdateLessonDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IfPresent() @IsString() @Matches(NOT_BLANK, { message: 'title must not be empty' }) @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ maxLength: 100_000 })
  @IfPresent() @IsString() @MaxLength(100_000, { message: 'body must be at most 100000 characters' })
  body?: string;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 0, maximum: 1440 })
  @IsOptional() @IsInt({ message: 'minutes must be a whole number' }) @Min(0, { message: 'minutes must not be negative' })
  @Max(1440, { message: 'minutes must not exceed 1440' })
  minutes?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional() @IsUrl(VIDEO_URL, { message: VIDEO_MESSAGE }) @MaxLength(2000)
  videoUrl?: string | null;
}
