import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

export class PairDto {
  @ApiProperty({ description: 'An option of the matching question' })
  @IsString() @MaxLength(64)
  optionId!: string;

  @ApiProperty({ description: 'The choice (from `choices`) paired with it' })
  @IsString() @MaxLength(64)
  choiceId!: string;
}

export class AnswerDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @MaxLength(64)
  questionId!: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'Single, multiple, true-false: the chosen option ids. Ordering: every option id, in the learner\'s order. Matching and short text: ' +
      'empty or absent. An empty list leaves the question unanswered.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  optionIds?: string[];

  @ApiPropertyOptional({ type: [PairDto], description: 'Matching: each option paired with one of the question\'s choices' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => PairDto)
  pairs?: PairDto[];

  @ApiPropertyOptional({ maxLength: 500, description: 'Short text: the typed answer' })
  @IsOptional() @IsString() @MaxLength(500)
  text?: string;
}

export class SubmissionDto {
  @ApiProperty({ type: [AnswerDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}

export class OptionViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
}

export class QuestionViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() prompt!: string;
  @ApiProperty({ enum: ['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text'] }) kind!: 'single' | 'multiple' | 'true-false' | 'ordering' | 'matching' | 'short-text';
  @ApiProperty({ type: [OptionViewDto], description: 'Ordering: in a scrambled order, never the correct one. Short text: empty.' })
  options!: OptionViewDto[];
  @ApiPropertyOptional({ type: [OptionViewDto], description: 'Matching only: the matches to pair the options with, shuffled' })
  choices?: OptionViewDto[];
}

export class AttemptViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [QuestionViewDto], description: 'In presentation order (shuffled when the quiz says so); no correct answers.' })
  questions!: QuestionViewDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Attempts left after this one; null = unlimited.' })
  attemptsLeft!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When the quiz has a time limit: the time by which the submission must arrive (30 s of grace follow); null: no limit',
  })
  expiresAt!: string | null;
}

export class ReviewOptionDto {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ description: 'Whether the learner chose this option' }) chosen!: boolean;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether this option is correct; null while the correct answers are not revealed (see `answersRevealed`)',
  })
  correct!: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: "The author's feedback on this option, for an option the learner chose" })
  feedback!: string | null;
}

export class ReviewPairDto {
  @ApiProperty() optionId!: string;
  @ApiProperty() choiceId!: string;
  @ApiProperty({ type: Boolean, nullable: true, description: 'null while the correct answers are not revealed' }) correct!: boolean | null;
}

export class ReviewQuestionDto {
  @ApiProperty() id!: string;
  @ApiProperty() prompt!: string;
  @ApiProperty({ enum: ['single', 'multiple', 'true-false', 'ordering', 'matching', 'short-text'] }) kind!: 'single' | 'multiple' | 'true-false' | 'ordering' | 'matching' | 'short-text';
  @ApiProperty({ description: 'Whether the answer given scored the point' }) correct!: boolean;
  @ApiProperty({ description: 'Whether any option was chosen' }) answered!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The author's feedback on this question" }) feedback!: string | null;
  @ApiProperty({ type: [ReviewOptionDto], description: "In the order presented (ordering: in the learner's order when answered)" })
  options!: ReviewOptionDto[];
  @ApiPropertyOptional({ type: [OptionViewDto], description: 'Matching: the choices as presented' }) choices?: OptionViewDto[];
  @ApiPropertyOptional({ type: [ReviewPairDto], description: "Matching: the learner's pairs" }) pairs?: ReviewPairDto[];
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Ordering: the correct order of option ids, when revealed' })
  correctOrder?: string[] | null;
  @ApiPropertyOptional({ type: String, description: 'Short text: the answer given' }) text?: string;
  @ApiPropertyOptional({ type: [String], nullable: true, description: 'Short text: the accepted answers, when revealed' })
  acceptedAnswers?: string[] | null;
}

export class SubmissionResultDto {
  @ApiProperty() scorePercent!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ description: 'The submission came after the time limit: graded as expired (score 0, not passed)' }) expired!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) attemptsLeft!: number | null;
  @ApiProperty({
    description:
      'Whether `review` marks the correct options: only when the quiz is passed (this or an earlier attempt) or no attempt is left, ' +
      'and the author has not chosen to never reveal them (quiz `revealAnswers`).',
  })
  answersRevealed!: boolean;
  @ApiProperty({ type: [ReviewQuestionDto], description: 'Per question, in the order presented: right or wrong and the feedback' })
  review!: ReviewQuestionDto[];
}

export class AttemptResultDto extends SubmissionResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() submittedAt!: string;
}
