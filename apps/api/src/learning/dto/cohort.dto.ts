import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export const AUDIENCES = ['teachers', 'students', 'health-staff', 'other'] as const;
export type Audience = (typeof AUDIENCES)[number];

export class CreateCohortDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'a published course' })
  @IsUUID()
  courseId!: string;

  @ApiProperty({ enum: AUDIENCES })
  @IsIn(AUDIENCES)
  audience!: Audience;

  @ApiPropertyOptional({ example: '2026-09-01', description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  startsOn?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'YYYY-MM-DD; learners not completed after this day are overdue' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  dueOn?: string;
}

export class CohortDto {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() courseId!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ description: 'the version new enrolments start on' }) courseVersion!: number;
  @ApiProperty({ enum: AUDIENCES }) audience!: string;
  @ApiProperty({ type: String, nullable: true }) startsOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) dueOn!: string | null;
  @ApiProperty({ description: 'enrolments not withdrawn' }) enrolled!: number;
  @ApiProperty() completed!: number;
  @ApiProperty({ description: 'active after the due date' }) overdue!: number;
  @ApiProperty({ description: 'active enrolments still on an older course version' }) onOlderVersion!: number;
  @ApiProperty() createdAt!: string;
}

export class LineErrorDto {
  @ApiProperty({ description: 'line in the CSV (header = 1), or position in the JSON list (first = 1)' }) line!: number;
  @ApiProperty() message!: string;
}

export class ColumnMappingDto {
  @ApiPropertyOptional({ description: '0-based column index' }) email?: number;
  @ApiPropertyOptional() firstName?: number;
  @ApiPropertyOptional() lastName?: number;
  @ApiPropertyOptional() fullName?: number;
  @ApiPropertyOptional() language?: number;
  @ApiPropertyOptional() employeeNumber?: number;
  @ApiPropertyOptional({ description: 'class or ward' }) group?: number;
}

export class PreviewRowDto {
  @ApiProperty() line!: number;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() locale?: string;
  @ApiPropertyOptional() employeeNumber?: string;
  @ApiPropertyOptional() group?: string;
}

export class SpreadsheetInfoDto {
  @ApiProperty({ enum: ['csv', 'xlsx'] }) format!: string;
  @ApiProperty({ type: String, nullable: true, enum: ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', null], description: 'CSV: the encoding found' })
  encoding!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'CSV: the separator found (",", ";" or a tab)' }) delimiter!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'XLSX: the sheet read' }) sheet!: string | null;
  @ApiProperty({ type: [String], description: 'XLSX: every sheet of the workbook' }) sheets!: string[];
  @ApiProperty({ type: [String], description: "the file's header line" }) header!: string[];
  @ApiProperty({ type: ColumnMappingDto, description: 'the mapping used (proposed, or the one sent in ?mapping=)' }) mapping!: ColumnMappingDto;
  @ApiProperty({ description: 'data lines in the file' }) lines!: number;
  @ApiProperty({ type: [PreviewRowDto], description: 'the first good lines as they will be enrolled (at most 20)' }) preview!: PreviewRowDto[];
}

export class EnrolmentReportDto {
  @ApiProperty({ description: 'newly enrolled (or re-enrolled after a withdrawal from this organisation)' }) enrolled!: number;
  @ApiProperty({ description: "already enrolled through this organisation (other organisations' enrolments are not counted)" })
  alreadyEnrolled!: number;
  @ApiProperty({ description: 'new accounts created and invited by e-mail' }) invited!: number;
  @ApiProperty({ type: [LineErrorDto] }) errors!: LineErrorDto[];
  @ApiProperty({ description: 'true when nothing was written (?dryRun=true)' }) dryRun!: boolean;
  @ApiPropertyOptional({ type: SpreadsheetInfoDto, description: 'CSV and XLSX uploads: what was read and how the columns were mapped' })
  spreadsheet?: SpreadsheetInfoDto;
}

export class JobAcceptedDto {
  @ApiProperty() jobId!: string;
}

export class PupilsResultDto {
  @ApiProperty() created!: number;
  @ApiProperty({ type: [LineErrorDto] }) errors!: LineErrorDto[];
  @ApiProperty({ type: String, nullable: true, description: 'the code-sheet job; its PDF is at GET /api/jobs/:id/result' }) jobId!: string | null;
}

export class VersionMigrationResultDto {
  @ApiProperty() moved!: number;
  @ApiProperty() courseVersion!: number;
  @ApiProperty({ description: 'enrolments that became complete on the new version' }) completed!: number;
}

export class JobDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['bulk-enrolment', 'pupil-code-sheet'] }) kind!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'] }) status!: string;
  @ApiProperty() total!: number;
  @ApiProperty() processed!: number;
  @ApiProperty({ nullable: true, type: EnrolmentReportDto, description: 'per-line report (bulk enrolment), when done' }) report!: unknown;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ description: 'a result file can be downloaded from /api/jobs/:id/result' }) hasResult!: boolean;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
}
