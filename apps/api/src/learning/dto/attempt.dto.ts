import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';

export class AnswerDto {
  @ApiProperty({ format: 'uuid' })
  @IsString()
  @MaxLength(64)
  questionId!: string;

  @ApiProperty({ type: [String], description: 'Chosen option ids; an empty list leaves the question unanswered.' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  optionIds!: string[];
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
  @ApiProperty({ enum: ['single', 'multiple'] }) kind!: 'single' | 'multiple';
  @ApiProperty({ type: [OptionViewDto] }) options!: OptionViewDto[];
}

export class AttemptViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: [QuestionViewDto], description: 'In presentation order (shuffled when the quiz says so); no correct answers.' })
  questions!: QuestionViewDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Attempts left after this one; null = unlimited.' })
  attemptsLeft!: number | null;
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
}

export class ReviewQuestionDto {
  @ApiProperty() id!: string;
  @ApiProperty() prompt!: string;
  @ApiProperty({ enum: ['single', 'multiple'] }) kind!: 'single' | 'multiple';
  @ApiProperty({ description: 'Whether the answer given scored the point' }) correct!: boolean;
  @ApiProperty({ description: 'Whether any option was chosen' }) answered!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "The author's feedback on this question" }) feedback!: string | null;
  @ApiProperty({ type: [ReviewOptionDto], description: 'In the order they were presented' }) options!: ReviewOptionDto[];
}

export class SubmissionResultDto {
  @ApiProperty() scorePercent!: number;
  @ApiProperty() passed!: boolean;
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
