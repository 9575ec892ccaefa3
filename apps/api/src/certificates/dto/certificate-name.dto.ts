import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { keyed } from '../../common/validation/keyed.js';
import { PERSON_NAME_RULE, TypedPersonName } from '../../identity/dto/person-name.js';

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f-\u009f]*$/;

export class SetCertificateNameDto {
  @ApiProperty({
    description:
      'Your legal name as it must appear on certificates. Applied at once unless you are enrolled in an accredited course; ' +
      'then it waits for the approval of a manager of an organisation you are enrolled through. ' +
      PERSON_NAME_RULE,
    minLength: 1,
    maxLength: 200,
    example: 'Zoë Müller-Ćosić',
  })
  @TypedPersonName()
  certificateName!: string;
}

export class RejectCertificateNameDto {
  @ApiPropertyOptional({ description: 'Why the request is rejected (shown to the learner)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(NO_CONTROL_CHARACTERS, { message: keyed('validation.controlCharacters') })
  note?: string;
}

export class CertificateNameRequestQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected'], default: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected'])
  status?: 'pending' | 'approved' | 'rejected';
}

export class PendingCertificateNameDto {
  @ApiProperty() id!: string;
  @ApiProperty() requestedName!: string;
  @ApiProperty() requestedAt!: string;
}

export class CertificateNameDecisionDto {
  @ApiProperty({ enum: ['approved', 'rejected'] }) status!: 'approved' | 'rejected';
  @ApiProperty() requestedName!: string;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class CertificateNameView {
  @ApiProperty({ description: 'The display name (users.name), changed freely through PATCH /api/me' }) displayName!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The legal name for certificates; null means the display name is used' })
  certificateName!: string | null;
  @ApiProperty({ description: 'The name the next certificate will carry' }) effectiveName!: string;
  @ApiProperty({ description: 'true when a change needs a manager’s approval (enrolled in an accredited course)' }) approvalRequired!: boolean;
  @ApiProperty({ type: PendingCertificateNameDto, nullable: true }) pendingRequest!: PendingCertificateNameDto | null;
  @ApiProperty({ type: CertificateNameDecisionDto, nullable: true, description: 'The latest decided request, if any' })
  lastDecision!: CertificateNameDecisionDto | null;
}

export class CertificateNameRequestDto {
  @ApiProperty() id!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ description: 'The certificate name when the request was made' }) previousName!: string;
  @ApiProperty() requestedName!: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: 'pending' | 'approved' | 'rejected';
  @ApiProperty() requestedAt!: string;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ description: 'Valid certificates of this learner in the organisation that do not carry the requested name (to re-issue after approval)' })
  certificatesToReissue!: number;
}
