import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const PROGRESS_SORTS = ['name', 'progress', 'score', 'lastActivity', 'status'] as const;
export type ProgressSort = (typeof PROGRESS_SORTS)[number];
export const PROGRESS_STATUSES = ['active', 'completed', 'withdrawn', 'overdue'] as const;
export type ProgressStatusFilter = (typeof PROGRESS_STATUSES)[number];

/** `fresh=1` (or `true`): read the primary database, never the read replica (see report-reads.ts). */
const FRESH_DESCRIPTION =
  '1 or true: read the primary database. Without it, pages may come from the read replica (at most REPLICA_MAX_LAG_MS ' +
  'behind) and exports from the replica only when it holds every change made before the request.';
const booleanQuery = ({ value }: { value: unknown }) =>
  value === '1' || value === 'true' ? true : value === '0' || value === 'false' ? false : value;

/** The query of the reports without other parameters (summary, funnel, score distribution). */
export class ReportReadQueryDto {
  @ApiPropertyOptional({ type: String, enum: ['1', 'true', '0', 'false'], description: FRESH_DESCRIPTION })
  @IsOptional() @Transform(booleanQuery) @IsBoolean()
  fresh?: boolean;
}

export class ProgressQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt()
  @Min(1) @Max(500)
  pageSize?: number;

  @ApiPropertyOptional({ enum: PROGRESS_SORTS, default: 'name' })
  @IsOptional() @IsIn(PROGRESS_SORTS as unknown as string[])
  sort?: ProgressSort;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional() @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  @ApiPropertyOptional({ description: 'part of the name or e-mail, case-insensitive' })
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: PROGRESS_STATUSES, description: 'overdue: still active after the cohort’s due date' })
  @IsOptional() @IsIn(PROGRESS_STATUSES as unknown as string[])
  status?: ProgressStatusFilter;

  @ApiPropertyOptional({ type: String, description: 'comma-separated enrolment ids: only these rows (a selection in the learners table; at most 200)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value))
  @IsUUID('all', { each: true })
  @ArrayMaxSize(200)
  ids?: string[];

  @ApiPropertyOptional({ enum: ['json', 'csv', 'xlsx'], default: 'json', description: 'csv and xlsx hold every matching row' })
  @IsOptional() @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';

  @ApiPropertyOptional({
    enum: ['data', 'people'],
    default: 'data',
    description: 'csv/xlsx: data = stable camelCase headers and ISO times (for scripts); people = headers and statuses in the manager\'s language, local dates, time studied',
  })
  @IsOptional() @IsIn(['data', 'people'])
  layout?: 'data' | 'people';

  @ApiPropertyOptional({ enum: ['comma', 'semicolon', 'tab'], description: 'layout=people CSV: the list separator (default: semicolon for it/de/fr, comma for en)' })
  @IsOptional() @IsIn(['comma', 'semicolon', 'tab'])
  separator?: 'comma' | 'semicolon' | 'tab';

  @ApiPropertyOptional({ enum: ['en', 'it', 'de', 'fr'], description: "layout=people: the language (default: the request's Accept-Language)" })
  @IsOptional() @IsIn(['en', 'it', 'de', 'fr'])
  lang?: 'en' | 'it' | 'de' | 'fr';

  @ApiPropertyOptional({ type: String, enum: ['1', 'true', '0', 'false'], description: FRESH_DESCRIPTION })
  @IsOptional() @Transform(booleanQuery) @IsBoolean()
  fresh?: boolean;
}

export class ImpactQueryDto {
  @ApiPropertyOptional({ description: 'the instrument to report on (default: the one most responses of the cohort use)' })
  @IsOptional() @IsUUID('all')
  instrumentId?: string;

  @ApiPropertyOptional({ enum: ['en', 'it', 'de', 'fr'], description: 'language of scale names (default: the course’s)' })
  @IsOptional() @IsIn(['en', 'it', 'de', 'fr'])
  locale?: 'en' | 'it' | 'de' | 'fr';

  @ApiPropertyOptional({ type: String, enum: ['1', 'true', '0', 'false'], description: FRESH_DESCRIPTION })
  @IsOptional() @Transform(booleanQuery) @IsBoolean()
  fresh?: boolean;
}

export class ProgressRowDto {
  @ApiProperty() enrolmentId!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null for pupils without an e-mail address' }) email!: string | null;
  @ApiProperty({ enum: ['active', 'completed', 'withdrawn'] }) status!: string;
  @ApiProperty() progressPercent!: number;
  @ApiProperty() lessonsCompleted!: number;
  @ApiProperty() lessonsTotal!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'best score on the course’s last quiz' }) bestFinalScore!: number | null;
  @ApiProperty({ description: 'learning time, whole minutes' }) minutes!: number;
  @ApiProperty({ type: Number, nullable: true, description: "the enrolled version's minimum learning time in minutes (null: none)" })
  minutesRequired!: number | null;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) certificateNumber!: string | null;
  @ApiProperty({ description: 'active after the due date (a renewal round’s own, else the cohort’s)' }) overdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) lastActivityAt!: string | null;
  @ApiProperty() preDone!: boolean;
  @ApiProperty() postDone!: boolean;
  @ApiProperty({ type: String, nullable: true, description: "the person's employee number in the cohort's organisation" }) employeeNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "the person's class or ward in the cohort's organisation" }) unit!: string | null;
  @ApiProperty({ description: '1 for the first enrolment; 2, 3… for renewal rounds (the table shows each person once, by the newest round)' })
  round!: number;
  @ApiProperty({ type: String, nullable: true, description: "a renewal round's own due date (YYYY-MM-DD): the day the renewed certificate expires" })
  dueOn!: string | null;
}

export class ProgressPageDto {
  @ApiProperty({ type: [ProgressRowDto] }) rows!: ProgressRowDto[];
  @ApiProperty({ description: 'rows matching the filters, over all pages' }) total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class CohortSummaryDto {
  @ApiProperty({ description: 'enrolments that are not withdrawn' }) enrolled!: number;
  @ApiProperty({ description: 'began: a lesson, a quiz attempt or the pre self-assessment' }) started!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ description: 'active after the cohort’s due date' }) overdue!: number;
  @ApiProperty({ description: 'completed ÷ enrolled, a fraction from 0 to 1 (4 decimals); 0 with no enrolment' }) completionRate!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'mean best final-quiz score of those with one (2 decimals)' })
  averageFinalScore!: number | null;
}

export class CohortFunnelDto {
  @ApiProperty() enrolled!: number;
  @ApiProperty() started!: number;
  @ApiProperty() preDone!: number;
  @ApiProperty({ description: 'progress of at least 50%' }) halfway!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ description: 'holding a valid certificate' }) certified!: number;
}

export class ScoreBucketDto {
  @ApiProperty() from!: number;
  @ApiProperty({ description: 'exclusive, except the last bucket, which includes 100' }) to!: number;
  @ApiProperty() count!: number;
}

export class ScoreDistributionDto {
  @ApiProperty({ type: [ScoreBucketDto] }) buckets!: ScoreBucketDto[];
  @ApiProperty({ description: 'learners with a final score' }) scored!: number;
}

export class ImpactWithheldDto {
  @ApiProperty({ enum: ['min-pairs', 'zero-variance'] }) rule!: 'min-pairs' | 'zero-variance';
  @ApiPropertyOptional({ type: 'integer', description: 'the minimum number of pairs (min-pairs)' }) minimum?: number;
  @ApiProperty() message!: string;
}

export class ImpactWithheldScaleDto {
  @ApiProperty({ description: 'scale key, or "total"' }) scale!: string;
  @ApiProperty({ enum: ['min-pairs', 'zero-variance'] }) rule!: 'min-pairs' | 'zero-variance';
  @ApiProperty() message!: string;
}

export class ImpactInstrumentDto {
  @ApiProperty() key!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ description: 'in the report’s language' }) title!: string;
}

export class ImpactScaleDto {
  @ApiProperty({ description: 'scale key, or "total" for the whole instrument' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'learners with a valid score both pre and post' }) pairedN!: number;
  @ApiProperty() preN!: number;
  @ApiProperty() postN!: number;
  @ApiProperty({ type: Number, nullable: true }) preMean!: number | null;
  @ApiProperty({ type: Number, nullable: true }) postMean!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'mean of post − pre' }) meanChange!: number | null;
  @ApiProperty({ type: Number, nullable: true }) sdChange!: number | null;
  @ApiProperty({ type: [Number], minItems: 2, maxItems: 2, nullable: true, description: '[low, high], t distribution, n − 1 df' }) ci95!: [number, number] | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Cohen’s dz' }) effectSize!: number | null;
  @ApiProperty({ description: 'true: fewer pairs than the minimum, counts only' }) suppressed!: boolean;
  @ApiPropertyOptional({ type: () => ImpactWithheldDto, description: '{rule, message[, minimum]} when a figure is withheld' })
  withheld?: ImpactWithheldDto;
}

export class ImpactRuleDto {
  @ApiProperty() code!: string;
  @ApiProperty() description!: string;
  @ApiPropertyOptional() minimum?: number;
}

export class CohortImpactDto {
  @ApiProperty() instrumentId!: string;
  @ApiProperty({ type: () => ImpactInstrumentDto }) instrument!: ImpactInstrumentDto;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) locale!: 'en' | 'it' | 'de' | 'fr';
  @ApiProperty({ description: 'learners whose responses were read (not withdrawn)' }) respondents!: number;
  @ApiProperty({ type: [ImpactScaleDto], description: 'each scale in definition order, then "total"' }) scales!: ImpactScaleDto[];
  @ApiProperty({ type: [ImpactRuleDto] }) rules!: ImpactRuleDto[];
  @ApiProperty({ type: () => [ImpactWithheldScaleDto], description: 'which rule withheld what: [{scale, rule, message}]' })
  withheld!: ImpactWithheldScaleDto[];
  @ApiProperty() disclaimer!: string;
}
