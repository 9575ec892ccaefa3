import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class PeopleQuery {
  @ApiPropertyOptional({ description: 'part of a name, e-mail or username (case-insensitive); empty lists everyone' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'empty for an erased person' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String }) username!: string | null;
  @ApiProperty({ enum: ['admin', 'author'], isArray: true }) platformRoles!: ('admin' | 'author')[];
  @ApiProperty({ description: 'how many organisations the person belongs to' }) organizations!: number;
  @ApiProperty({ nullable: true, type: String, description: 'when the person’s data was erased' }) erasedAt!: string | null;
  @ApiProperty() createdAt!: string;
}

export class PeoplePage {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [PersonView] }) items!: PersonView[];
}

export class PersonMembershipView {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: ['manager', 'learner'] }) role!: 'manager' | 'learner';
  @ApiProperty({ description: 'invited, has not signed in yet' }) pending!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'the employee number this organisation gave (import or the "add one person" form)' })
  employeeNumber!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'class or ward in this organisation' }) unit!: string | null;
}

export class PersonEnrolmentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty({ nullable: true, type: String }) cohortName!: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationName!: string | null;
  @ApiProperty() status!: string;
  @ApiProperty() progressPercent!: number;
  @ApiProperty({ nullable: true, type: String }) completedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt!: string | null;
  @ApiProperty({ description: '1 for the first enrolment in the course; 2, 3… for renewal rounds' }) round!: number;
}

export class PersonCertificateView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() number!: string;
  @ApiProperty() courseTitle!: string;
  @ApiProperty() status!: string;
  @ApiProperty() issuedAt!: string;
  @ApiProperty({ nullable: true, type: String }) validUntil!: string | null;
}

export class PersonDetailView extends PersonView {
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) locale!: string;
  @ApiProperty({ type: [PersonMembershipView] }) memberships!: PersonMembershipView[];
  @ApiProperty({ type: [PersonEnrolmentView] }) enrolments!: PersonEnrolmentView[];
  @ApiProperty({ type: [PersonCertificateView] }) certificates!: PersonCertificateView[];
}

export class ErasureView {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ description: 'false when the person had been erased before (nothing changed)' }) erased!: boolean;
  @ApiProperty({ description: 'enrolments kept, without a name, for the cohorts’ statistics' }) enrolments!: number;
  @ApiProperty({ description: 'certificates that stay verifiable, showing “holder’s data erased”' }) certificates!: number;
}
