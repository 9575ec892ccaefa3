import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { NOT_BLANK } from './validation.js';

export class QuizOptionDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "When replacing: the id of the stored option this one continues (as read), so the language editions' texts of the option follow it; absent or unknown: a new option",
  })
  @IsOptional() @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 1000 })
  @IsString() @MaxLength(1000)
  text!: string;

  @ApiPropertyOptional({ description: 'Required for single, multiple and true-false; not used by ordering and matching' })
  @IsOptional() @IsBoolean()
  correct?: boolean;

  @ApiPropertyOptional({ maxLength: 1000, description: 'Matching: the text this option is paired with' })
  @IsOptional() @IsString() @MaxLength(1000)
  match?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Shown in the review to a learner who chose this option' })
  @IsOptional() @IsString() @MaxLength(2000)
  feedback?: string;
}

export class QuizDrawDto {
  @ApiProperty({ minimum: 1 })
  @IsInt() @Min(1) @Max(200)
  count!: number;

  @ApiPropertyOptional({ maxLength: 60, description: 'Draw only questions with this tag' })
  @IsOptional() @IsString() @MaxLength(60)
  tag?: string;

  @ApiPropertyOptional({ enum: ['bank'], description: "'bank': draw from the course's question bank; absent: from the quiz's own questions" })
  @IsOptional() @IsIn(['bank'])
  from?: 'bank';
}

export class QuizQuestionDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "When replacing: the id of the stored question this one continues (as read). It keeps the id, and the language editions' texts follow it when questions are moved, removed or inserted. Absent or unknown: a question with the same prompt is continued, else it is a new question",
  })
  @IsOptional() @IsUUID()
  id?: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString() @MaxLength(2000)
  prompt!: string;

  @ApiProperty({ enum: ['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text'] })
  @IsIn(['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text'])
  kind!: 'single' | 'multiple' | 'true-false' | 'ordering' | 'matching' | 'short-text';

  @ApiPropertyOptional({
    type: [QuizOptionDto],
    description: 'Required except for short-text. Ordering: in the correct order (shown shuffled). Matching: each with its `match`. True-false: exactly two.',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => QuizOptionDto)
  options?: QuizOptionDto[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Short text: the answers that score, compared after normalisation (Unicode NFC, case, surrounding and repeated whitespace)',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true })
  acceptedAnswers?: string[];

  @ApiPropertyOptional({ type: [String], description: 'Labels the quiz draws can select by' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @MaxLength(60, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ maxLength: 2000, description: 'Explanation shown to the learner in the review after a submission' })
  @IsOptional() @IsString() @MaxLength(2000)
  feedback?: string;
}

/** The course's question bank as the author writes it (PUT replaces it; a question naming a stored id keeps it, the others get new ids). */
export class QuestionBankDto {
  @ApiProperty({ type: [QuizQuestionDto], description: 'Same kinds and checks as quiz questions; tags are what quizzes draw by' })
  @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => QuizQuestionDto)
  questions!: QuizQuestionDto[];
}

/**
 * A quiz as the author writes it. Beyond the shape checked here, the questions are checked
 * as a whole (at least one correct option; exactly one for single choice; …) with messages
 * naming the question.
 */
export class QuizBodyDto {
  @ApiProperty({ maxLength: 200 })
  @IsString() @Matches(NOT_BLANK) @MaxLength(200)
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

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: 600,
    description:
      'Minutes from the start of an attempt to its submission; null or absent: no limit. Enforced on the server: a submission ' +
      'arriving more than 30 seconds after the limit is recorded and graded as expired (score 0, not passed; it uses the attempt).',
  })
  @IsOptional() @IsInt() @Min(1)
  @Max(600)
  timeLimitMinutes?: number | null;

  @ApiPropertyOptional({
    type: [QuizDrawDto],
    description:
      'Random draws: each attempt asks the questions drawn at random, per draw `count` questions (with `tag` when given; tagged ' +
      'draws first) from the quiz\'s own questions, or with `from: "bank"` from the course\'s question bank. Absent or empty: every ' +
      'own question. Only bank draws: every own question plus the bank draws (the quiz may then have no questions of its own).',
  })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => QuizDrawDto)
  draws?: QuizDrawDto[];

  @ApiProperty({ type: [QuizQuestionDto], description: 'May be empty when the quiz draws from the question bank' })
  @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => QuizQuestionDto)
  questions!: QuizQuestionDto[];
}
