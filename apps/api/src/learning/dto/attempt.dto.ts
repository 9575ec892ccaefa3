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

export class SubmissionResultDto {
  @ApiProperty() scorePercent!: number;
  @ApiProperty() passed!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) attemptsLeft!: number | null;
}

export class AttemptResultDto extends SubmissionResultDto {
  @ApiProperty() id!: string;
  @ApiProperty() submittedAt!: string;
}
