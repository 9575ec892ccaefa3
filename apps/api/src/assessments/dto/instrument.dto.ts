import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { keyed } from '../../common/validation/keyed.js';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';

const KEY = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** A text in every supported language. */
export class LocalizedTextDto {
  @ApiProperty() @IsString() @MaxLength(2000) en!: string;
  @ApiProperty() @IsString() @MaxLength(2000) it!: string;
  @ApiProperty() @IsString() @MaxLength(2000) de!: string;
  @ApiProperty() @IsString() @MaxLength(2000) fr!: string;
}

/** One label per answer point, from min to max, per language. */
export class ScaleLabelsDto {
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(11) @IsString({ each: true }) @MaxLength(200, { each: true }) en!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(11) @IsString({ each: true }) @MaxLength(200, { each: true }) it!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(11) @IsString({ each: true }) @MaxLength(200, { each: true }) de!: string[];
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(11) @IsString({ each: true }) @MaxLength(200, { each: true }) fr!: string[];
}

export class ResponseScaleDto {
  @ApiProperty({ example: 1 }) @IsInt() @Min(-10) @Max(10) min!: number;
  @ApiProperty({ example: 5 }) @IsInt() @Min(-10) @Max(10) max!: number;
  @ApiProperty({ type: ScaleLabelsDto }) @ValidateNested() @Type(() => ScaleLabelsDto) labels!: ScaleLabelsDto;
}

export class InstrumentScaleDto {
  @ApiProperty({ example: 'kindness', description: 'lower-case letters, digits and dashes; "total" is reserved' })
  @IsString() @Matches(KEY, { message: keyed('validation.slug') })
  key!: string;

  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto) name!: LocalizedTextDto;

  @ApiProperty({ example: 2, description: 'minimum items answered for a valid scale score' })
  @IsInt() @Min(1) @Max(200)
  minItems!: number;
}

export class InstrumentItemDto {
  @ApiProperty({ example: 'kind-1' }) @IsString() @Matches(KEY, { message: keyed('validation.slug') })
  id!: string;

  @ApiProperty({ example: 'kindness' }) @IsString() @MaxLength(64) scaleKey!: string;

  @ApiProperty({ description: 'reverse-scored: an answer a counts as max + min − a' }) @IsBoolean()
  reverse!: boolean;

  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto) text!: LocalizedTextDto;
}

/**
 * A new instrument, or a new version of one: when `key` exists, the next version is created;
 * stored versions never change.
 */
export class CreateInstrumentDto {
  @ApiProperty({ example: 'ward-climate', description: 'stable key; versions are numbered per key' })
  @IsString() @Matches(KEY, { message: keyed('validation.slug') })
  key!: string;

  @ApiProperty({ type: LocalizedTextDto }) @ValidateNested() @Type(() => LocalizedTextDto) title!: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto })
  @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto)
  instructions?: LocalizedTextDto;

  @ApiPropertyOptional({ type: LocalizedTextDto, description: 'shown to learners; say plainly what the instrument is and is not' })
  @IsOptional() @ValidateNested() @Type(() => LocalizedTextDto)
  disclaimer?: LocalizedTextDto;

  @ApiProperty({ type: ResponseScaleDto }) @ValidateNested() @Type(() => ResponseScaleDto) scale!: ResponseScaleDto;

  @ApiProperty({ type: [InstrumentScaleDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50)
  @ValidateNested({ each: true }) @Type(() => InstrumentScaleDto)
  scales!: InstrumentScaleDto[];

  @ApiProperty({ type: [InstrumentItemDto] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500)
  @ValidateNested({ each: true }) @Type(() => InstrumentItemDto)
  items!: InstrumentItemDto[];
}

export class ListInstrumentsQueryDto {
  @ApiPropertyOptional({ description: 'true: every version; otherwise the latest version of each key' })
  @IsOptional() @IsString() @Matches(/^(true|false)$/, { message: keyed('validation.trueFalse') })
  all?: string;
}

export class InstrumentSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'per locale' }) title!: Record<string, string>;
  @ApiProperty() itemCount!: number;
  @ApiProperty({ type: [String] }) scaleKeys!: string[];
  @ApiProperty({ description: 'used by a course version or a response (then it can only be superseded by a new version)' }) inUse!: boolean;
  @ApiProperty() createdAt!: string;
}

export class InstrumentDetailDto extends InstrumentSummaryDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The InstrumentDefinition: scale {min,max,labels}, scales [{key,name,minItems}], items [{id,scaleKey,reverse,text}]. ' +
      'Which items are reverse-scored is shown to authors and admins only.',
  })
  definition!: unknown;
}
