import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { NOT_BLANK } from './validation.js';
import { keyed } from '../../common/validation/keyed.js';

export class QuizOptionDto {
  @ApiProperty({ maxLength: 1000 })
  @IsString() @MaxLength(1000)
  text!: string;

  @ApiProperty()
  @IsBoolean()
  correct!: boolean;
}

export class QuizQuestionDto {
  @ApiProperty({ maxLength: 2000 })
  @IsString() @MaxLength(2000)
  prompt!: string;

  @ApiProperty({ enum: ['single', 'multiple'] })
  @IsIn(['single', 'multiple'])
  kind!: 'single' | 'multiple';

  @ApiProperty({ type: [QuizOptionDto] })
  @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => QuizOptionDto)
  options!: QuizOptionDto[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'Explanation shown to the learner in the review after a submission' })
  @IsOptional() @IsString() @MaxLength(2000)
  feedback?: string;
}

/**
 * A quiz as the author writes it. Beyond the shape checked here, the questions are checked
 * as a whole (at least one correct option; exactly one for single choice; …) with messages
 * naming the question.
 */
export class QuizBodyDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @Matches(NOT_BLANK, { message: keyed('validation.notBlank') }) @MaxLength(200)
  title!: string;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'Percentage needed to pass' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(0) @Max(100)
  passMark!: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, description: 'Attempts allowed; null or absent: unlimited' })
  @IsOptional() @IsInt() @Min(1)
  @Max(1000)
  maxAttempts?: number | null;

  @ApiPropertyOptional({ default: false, description: 'Present the questions in a different order per attempt' })
  @IsOptional() @IsBoolean()
  shuffleQuestions?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Present the options in a different order per attempt' })
  @IsOptional() @IsBoolean()
  shuffleOptions?: boolean;

  @ApiPropertyOptional({
    enum: ['passed-or-exhausted', 'never'],
    default: 'passed-or-exhausted',
    description: 'When the review after a submission shows the correct options: once the quiz is passed or its attempts are used up, or never. Right/wrong and the feedback are always shown.',
  })
  @IsOptional() @IsIn(['passed-or-exhausted', 'never'])
  revealAnswers?: 'passed-or-exhausted' | 'never';

  @ApiProperty({ type: [QuizQuestionDto] })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => QuizQuestionDto)
  questions!: QuizQuestionDto[];
}
