import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const BULK_ACTIONS = ['remind', 'withdraw'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_LIMIT = 5_000;

/** A bulk action on a selection (`enrolmentIds`) or on a filter (`q`, `status`, as in the progress list). */
export class LearnerBulkActionDto {
  @ApiProperty({ enum: BULK_ACTIONS })
  @IsIn(BULK_ACTIONS as unknown as string[])
  action!: BulkAction;

  @ApiPropertyOptional({ type: [String], description: `the chosen enrolments (at most ${BULK_LIMIT}); without it, every learner the filter matches` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BULK_LIMIT)
  @IsUUID('all', { each: true })
  enrolmentIds?: string[];

  @ApiPropertyOptional({ description: 'filter: part of the name or e-mail' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'withdrawn', 'overdue'], description: 'filter: status (overdue: active after the due date)' })
  @IsOptional() @IsIn(['active', 'completed', 'withdrawn', 'overdue'])
  status?: 'active' | 'completed' | 'withdrawn' | 'overdue';
}

export class LearnerBulkResultDto {
  @ApiProperty({ enum: BULK_ACTIONS }) action!: BulkAction;
  @ApiProperty({ description: 'learners the selection or filter named' }) matched!: number;
  @ApiProperty({ description: 'reminders queued, or learners withdrawn' }) done!: number;
  @ApiProperty({
    description: 'left alone: not active (withdrawn, completed), unsubscribed from reminders, no e-mail, or reminded in the last 24 hours',
  })
  skipped!: number;
}

export class SentDto {
  @ApiProperty({ description: 'the e-mail is queued (the worker sends it)' }) queued!: boolean;
}
