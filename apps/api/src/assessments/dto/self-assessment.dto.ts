import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsNumber, IsString, IsUUID, MaxLength, ValidateIf, ValidateNested } from 'class-validator';

export class SetSelfAssessmentDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the instrument to attach; null detaches it' })
  @ValidateIf((_o, value) => value !== null)
  @IsUUID('all')
  instrumentId!: string | null;
}

export class SelfAssessmentAnswerDto {
  @ApiProperty({ example: 'kind-1' }) @IsString() @MaxLength(64) itemId!: string;
  @ApiProperty({ example: 4, description: 'an integer within the instrument scale (min..max)' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  value!: number;
}

export class SubmitSelfAssessmentDto {
  @ApiProperty({ type: [SelfAssessmentAnswerDto], description: 'every item answered exactly once' })
  @IsArray() @ArrayMaxSize(500)
  @ValidateNested({ each: true }) @Type(() => SelfAssessmentAnswerDto)
  answers!: SelfAssessmentAnswerDto[];
}

export class SelfAssessmentSubmittedDto {
  @ApiProperty({ enum: ['pre', 'post'] }) phase!: 'pre' | 'post';
  @ApiProperty() submittedAt!: string;
}

export class CourseSelfAssessmentSetDto {
  @ApiProperty() courseId!: string;
  @ApiProperty({ description: 'the draft version that now carries the instrument; it reaches learners when published' })
  draftVersionId!: string;
  @ApiProperty({ type: String, nullable: true }) instrumentId!: string | null;
}

export class PresentedScaleDto {
  @ApiProperty() min!: number;
  @ApiProperty() max!: number;
  @ApiProperty({ type: [String], description: 'one label per point, min to max, in the course language' }) labels!: string[];
}

export class PresentedItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty() scaleKey!: string;
}

export class PresentedScaleNameDto {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
}

export class SelfAssessmentDoneDto {
  @ApiProperty() pre!: boolean;
  @ApiProperty() post!: boolean;
}

export class CourseSelfAssessmentDto {
  @ApiProperty() instrumentId!: string;
  @ApiProperty() key!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) locale!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) instructions!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'what the instrument is (and is not), to show with it' }) disclaimer!: string | null;
  @ApiProperty({ type: PresentedScaleDto }) scale!: PresentedScaleDto;
  @ApiProperty({ type: [PresentedItemDto], description: 'never says which items are reverse-scored' }) items!: PresentedItemDto[];
  @ApiProperty({ type: [PresentedScaleNameDto] }) scales!: PresentedScaleNameDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'the caller’s enrolment, when enrolled' }) enrolmentId!: string | null;
  @ApiPropertyOptional({ type: () => SelfAssessmentDoneDto, description: 'phases the caller has submitted (when enrolled)' }) done!: SelfAssessmentDoneDto;
}
