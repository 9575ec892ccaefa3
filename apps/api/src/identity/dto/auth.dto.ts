import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_RULES } from '@kindling/domain';
import { PERSON_NAME_RULE, TypedPersonName } from './person-name.js';

export const LOCALES = ['en', 'it', 'de', 'fr'] as const;
export type LocaleCode = (typeof LOCALES)[number];

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class RegisterDto {
  @ApiProperty({ example: 'zoe@example.org' })
  @Transform(trimLower)
  @IsEmail({})
  @MaxLength(254)
  email!: string;

  @ApiProperty({ description: PASSWORD_RULES, minLength: 12 })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiProperty({ example: 'Zoë Müller', description: PERSON_NAME_RULE })
  @TypedPersonName()
  name!: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'the language picked on the form (an explicit choice); without it, the browser’s Accept-Language' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: LocaleCode;
}

export class LoginDto {
  @ApiProperty({ example: 'zoe@example.org' })
  @Transform(trimLower)
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ description: 'API clients: also return the refresh token in the body (the web app uses the httpOnly cookie)' })
  @IsOptional()
  @IsBoolean()
  refreshTokenInBody?: boolean;

  @ApiPropertyOptional({ enum: LOCALES, description: 'the language picked on the sign-in page: saved on the account as its explicit choice' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: LocaleCode;
}

export class PupilLoginDto {
  @ApiProperty({ example: 'anna.b-7k3q' })
  @Transform(trimLower)
  @IsString()
  @Length(1, 100)
  username!: string;

  @ApiProperty({ example: 'abcde-fghjk', description: 'the one-time code from the printed sheet' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  refreshTokenInBody?: boolean;

  @ApiPropertyOptional({ enum: LOCALES, description: 'the language picked on the sign-in page: saved on the account as its explicit choice' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: LocaleCode;
}

export class RefreshDto {
  @ApiPropertyOptional({ description: 'API clients; the web app sends the kindling_rt cookie instead' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: PERSON_NAME_RULE })
  @TypedPersonName()
  name!: string;

  @ApiProperty({ description: PASSWORD_RULES })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  refreshTokenInBody?: boolean;

  @ApiPropertyOptional({ enum: LOCALES, description: 'the language picked on the invitation page: saved on the account as its explicit choice' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: LocaleCode;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @Transform(trimLower)
  @IsEmail({})
  @MaxLength(254)
  email!: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: PASSWORD_RULES })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class MembershipView {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ enum: ['manager', 'learner'] }) role!: 'manager' | 'learner';
}

export class MeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) email!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'pupils sign in with a user name' }) username!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: LOCALES }) locale!: LocaleCode;
  @ApiProperty({ type: [String], enum: ['admin', 'author'] }) platformRoles!: ('admin' | 'author')[];
  @ApiProperty({ type: [MembershipView] }) memberships!: MembershipView[];
  @ApiProperty({ description: 'the e-mail address was proven (verification link, accepted invitation or password reset); false for pupils' })
  emailVerified!: boolean;
}

export class SessionView {
  @ApiProperty({ description: 'short-lived access JWT (Authorization: Bearer …); also set as the kindling_at cookie' })
  accessToken!: string;
  @ApiProperty({ type: MeView }) user!: MeView;
  @ApiPropertyOptional({ description: 'only when asked for (refreshTokenInBody, or a refresh through the body)' })
  refreshToken?: string;
}

export class RegisteredView {
  @ApiProperty({ type: MeView }) user!: MeView;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ description: PERSON_NAME_RULE })
  @IsOptional()
  @TypedPersonName()
  name?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'the interface language: saved as the account’s explicit choice' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: LocaleCode;
}

export class PlatformRolesDto {
  @ApiProperty({ type: [String], enum: ['admin', 'author'], example: ['author'] })
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn(['admin', 'author'], { each: true })
  roles!: ('admin' | 'author')[];
}

export class PlatformRolesView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: [String], enum: ['admin', 'author'] }) platformRoles!: ('admin' | 'author')[];
}
