import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { LOCALES, type Locale } from '@kindling/domain';
import { keyed } from '../../common/validation/keyed.js';
import { PERSON_NAME_RULE, TypedPersonName } from '../../identity/dto/person-name.js';

export const ORGANIZATION_KINDS = ['school', 'hospital', 'municipality', 'company', 'other'] as const;
export type OrganizationKindCode = (typeof ORGANIZATION_KINDS)[number];
export const MEMBER_ROLES = ['manager', 'learner'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateOrganizationDto {
  @ApiProperty({ example: 'Ospedale San Luca' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKindCode;

  @ApiPropertyOptional({ example: 'IT', description: 'ISO 3166-1 alpha-2 country code' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: keyed('validation.country') })
  country?: string;

  @ApiPropertyOptional({ enum: LOCALES, nullable: true, description: 'language of members who chose none (else their browser’s)' })
  @IsOptional()
  @IsIn(LOCALES)
  defaultLocale?: Locale | null;
}

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ example: 'Ospedale San Luca' })
  // Absent keeps the name; null is validated (and refused as not a string): the column is NOT NULL.
  @ValidateIf((_o, v) => v !== undefined)
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: 'CH', nullable: true, type: String, description: 'ISO 3166-1 alpha-2 country code; null removes it' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @Matches(/^[A-Z]{2}$/, { message: keyed('validation.country') })
  country?: string | null;

  @ApiPropertyOptional({
    enum: LOCALES,
    nullable: true,
    description: 'language of members who chose none (null: their browser’s). Members who never chose a language get the new default; a choice is kept.',
  })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsIn(LOCALES)
  defaultLocale?: Locale | null;
}

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ORGANIZATION_KINDS }) kind!: OrganizationKindCode;
  @ApiProperty({ nullable: true, type: String }) country!: string | null;
  @ApiProperty({ nullable: true, enum: LOCALES, description: 'language of members who chose none (null: their browser’s)' }) defaultLocale!: Locale | null;
  @ApiProperty({ nullable: true, enum: MEMBER_ROLES, description: 'the caller’s role here (null for an admin who is not a member)' })
  role!: MemberRole | null;
  @ApiProperty() createdAt!: string;
}

export class AddMemberDto {
  @ApiProperty()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail({})
  @MaxLength(254)
  email!: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;

  @ApiPropertyOptional({ description: `name for a new account (defaults to the e-mail’s local part). ${PERSON_NAME_RULE}` })
  @IsOptional()
  @TypedPersonName()
  name?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'language of a new account (else the organisation’s default, else the inviter’s browser)' })
  @IsOptional()
  @IsIn(LOCALES)
  language?: Locale;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: MEMBER_ROLES })
  @IsIn(MEMBER_ROLES)
  role!: MemberRole;
}

export class MemberAddedView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ description: 'true when an invitation e-mail was sent (no password set yet)' }) invited!: boolean;
}

export class MemberView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
  @ApiProperty({ description: 'invited but not signed up yet' }) pending!: boolean;
  @ApiProperty() joinedAt!: string;
}

export class MemberRoleView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: MEMBER_ROLES }) role!: MemberRole;
}

export class AuditEventsQuery {
  @ApiPropertyOptional({ description: 'paging: only events older than this event id' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  before?: number;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'only events this person did or that concern them (subject, learner, certificate holder)' })
  @IsOptional()
  @IsUUID('all')
  person?: string;

  @ApiPropertyOptional({ example: 'certificate', description: 'an action (certificate.revoked) or a family of actions (certificate, membership, enrolment, cohort, auth, report, sso, organization, user)' })
  @IsOptional()
  @Matches(/^[a-z_-]{2,40}(\.[a-z_-]{2,40})?$/)
  type?: string;

  @ApiPropertyOptional({ example: '2026-01-31', description: 'first day (inclusive, UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'last day (inclusive, UTC)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: the filtered log (up to 10,000 events) as a spreadsheet, in the caller’s language' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class AuditEventView {
  @ApiProperty({ description: 'event id, for ?before= paging' }) id!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorId!: string | null;
  @ApiProperty({ example: 'membership.role_changed' }) action!: string;
  @ApiProperty({ example: 'membership' }) subjectType!: string;
  @ApiProperty({ nullable: true, type: String }) subjectId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String, description: 'who did it, resolved when read (“erased person” after erasure; null: Kindling itself)' }) actorName!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the person the event concerns (subject, learner, certificate holder)' }) personId!: string | null;
  @ApiProperty({ nullable: true, type: String }) personName!: string | null;
  @ApiProperty({ description: 'the event as a sentence in the caller’s language', example: 'Maria Rossi revoked certificate KND-2026-000123: wrong person' }) sentence!: string;
}

export class CohortExpiryView {
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'null: certificates of enrolments outside a cohort' }) cohortId!: string | null;
  @ApiProperty({ nullable: true, type: String }) cohortName!: string | null;
  @ApiProperty({ description: 'valid certificates that expire within the window' }) expiringSoon!: number;
  @ApiProperty({ description: 'certificates past their validity (they verify as expired)' }) expired!: number;
}

export class CertificateExpiryView {
  @ApiProperty({ example: 60 }) withinDays!: number;
  @ApiProperty() expiringSoon!: number;
  @ApiProperty() expired!: number;
  @ApiProperty({ type: [CohortExpiryView] }) cohorts!: CohortExpiryView[];
}
