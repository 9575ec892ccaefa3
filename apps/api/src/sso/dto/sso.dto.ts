import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { keyed } from '../../common/validation/keyed.js';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerList = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v)) : value;
const CLAIM = /^[A-Za-z0-9_:./-]{1,100}$/;

/** An OpenID Connect provider of an organisation; the client secret is write-only. */
export class IdentityProviderDto {
  @ApiProperty({ example: 'Ospedale San Luca (Entra ID)', description: 'shown on the sign-in button' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName!: string;

  @ApiProperty({ example: 'https://login.microsoftonline.com/<tenant>/v2.0', description: 'issuer URL; its /.well-known/openid-configuration is fetched on save' })
  @Transform(trim)
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['https', 'http'] }, { message: keyed('validation.httpUrl') })
  @MaxLength(500)
  issuer!: string;

  @ApiProperty({ example: 'kindling' })
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  clientId!: string;

  @ApiPropertyOptional({ description: 'required for a new provider; omitted on update keeps the stored one. Never returned.', writeOnly: true })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  clientSecret?: string;

  @ApiPropertyOptional({ type: [String], example: ['openid', 'email', 'profile'], description: '`openid` is always added' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[\x21\x23-\x5B\x5D-\x7E]{1,100}$/, { each: true, message: keyed('validation.scopeToken') })
  scopes?: string[];

  @ApiPropertyOptional({ example: 'email', default: 'email' })
  @IsOptional()
  @Matches(CLAIM, { message: keyed('validation.claimName') })
  emailClaim?: string;

  @ApiPropertyOptional({ example: 'name', default: 'name' })
  @IsOptional()
  @Matches(CLAIM, { message: keyed('validation.claimName') })
  nameClaim?: string;

  @ApiPropertyOptional({ type: String, example: 'employee_id', nullable: true })
  @IsOptional()
  @Matches(CLAIM, { message: keyed('validation.claimName') })
  employeeNumberClaim?: string | null;

  @ApiPropertyOptional({ type: String, example: 'groups', nullable: true, description: 'claim holding the person’s groups' })
  @IsOptional()
  @Matches(CLAIM, { message: keyed('validation.claimName') })
  groupClaim?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['kindling-managers'], description: 'groups (in groupClaim) that make a member a manager' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  managerGroups?: string[];

  @ApiProperty({ type: [String], example: ['sanluca.example'], description: 'e-mail domains this provider vouches for' })
  @Transform(lowerList)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  domains!: string[];

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class IdentityProviderView {
  @ApiProperty() id!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty({ enum: ['oidc'] }) protocol!: 'oidc';
  @ApiProperty() displayName!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ description: 'whether a client secret is stored (the secret itself is never returned)' }) hasClientSecret!: boolean;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() emailClaim!: string;
  @ApiProperty() nameClaim!: string;
  @ApiProperty({ type: String, nullable: true }) employeeNumberClaim!: string | null;
  @ApiProperty({ type: String, nullable: true }) groupClaim!: string | null;
  @ApiProperty({ type: [String] }) managerGroups!: string[];
  @ApiProperty({ type: [String] }) domains!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'where to send people: /api/sso/<id>/start' }) signInUrl!: string;
  @ApiProperty({ description: 'the redirect URI to register at the provider' }) redirectUri!: string;
  @ApiProperty() updatedAt!: string;
}

export class PasswordSignInDto {
  @ApiProperty({ description: 'false: members sign in only through the organisation’s provider (platform admins excepted)' })
  @IsBoolean()
  allowed!: boolean;
}

export class PasswordSignInView {
  @ApiProperty() organizationId!: string;
  @ApiProperty() allowed!: boolean;
}

export class SsoRouteQuery {
  @ApiPropertyOptional({ example: 'anna@sanluca.example', description: 'route by e-mail domain' })
  @IsOptional()
  @Transform(trim)
  @IsEmail({})
  email?: string;

  @ApiPropertyOptional({ description: 'the providers of one organisation (its sign-in link)' })
  @IsOptional()
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: keyed('validation.uuid') })
  organizationId?: string;
}

export class SsoProviderChoice {
  @ApiProperty() id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() organizationId!: string;
  @ApiProperty() organizationName!: string;
  @ApiProperty({ description: 'open this in the browser to sign in' }) signInUrl!: string;
}

export class SsoLinkDto {
  @ApiProperty({ description: 'the token of the link page shown after SSO sign-in met an existing verified account' })
  @IsString()
  @Length(20, 200)
  token!: string;
}

export class SsoLinkedView {
  @ApiProperty() providerId!: string;
  @ApiProperty() linked!: boolean;
}

export class SsoLogoutView {
  @ApiProperty({ type: String, nullable: true, description: 'the provider’s logout page to open next (RP-initiated logout), or null' })
  redirectTo!: string | null;
}

export class AdminLinkDto {
  @ApiProperty({ description: 'the Kindling account to link' })
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, { message: keyed('validation.uuid') })
  userId!: string;

  @ApiProperty({ description: 'the person’s subject (`sub`) at the provider' })
  @IsString()
  @Length(1, 255)
  subject!: string;
}
