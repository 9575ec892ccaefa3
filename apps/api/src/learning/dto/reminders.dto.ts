import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, Max, Min, ValidateIf } from 'class-validator';

export class ReminderScheduleDto {
  @ApiProperty({ description: 'false switches every reminder of the cohort off' }) @IsBoolean() enabled!: boolean;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 90, description: 'remind an unaccepted invitation after N days; null: never' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(90)
  invitationAfterDays!: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 90, description: '"due soon" N days before the due date; null: never' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @Min(1)
  @Max(90)
  dueSoonDays!: number | null;

  @ApiProperty({ description: 'an "overdue" reminder the day after the due date' }) @IsBoolean() overdue!: boolean;
  @ApiProperty({ description: "a weekly summary to the cohort's managers" }) @IsBoolean() weeklyDigest!: boolean;

  @ApiProperty({ type: String, nullable: true, required: false, example: '2026-12-31', description: 'YYYY-MM-DD; null removes the due date; absent leaves it' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsISO8601({ strict: true, strictSeparator: true })
  dueOn?: string | null;
}

export class ReminderStepCountDto {
  @ApiProperty({ enum: ['invitation', 'due_soon', 'overdue'] }) @IsIn(['invitation', 'due_soon', 'overdue']) step!: string;
  @ApiProperty() sent!: number;
  @ApiProperty({ description: 'claimed, e-mail not sent yet' }) pending!: number;
  @ApiProperty({ description: 'not sent: withdrawn, completed or opted out meanwhile' }) skipped!: number;
}

export class ReminderStateDto extends ReminderScheduleDto {
  @ApiProperty({ type: [ReminderStepCountDto] }) steps!: ReminderStepCountDto[];
}

