import { AuditEventEntity, JobEntity, OutboxEntity } from './system.entity.js';
import { CertificateDocumentEntity, CertificateEntity, StoredFileEntity } from './certificate.entity.js';
import { CourseEntity, CourseVersionEntity, LessonEntity, ModuleEntity, QuizEntity } from './course.entity.js';
import { InstrumentEntity } from './instrument.entity.js';
import {
  CohortEntity,
  EnrolmentEntity,
  LessonCompletionEntity,
  QuizAttemptEntity,
  SelfAssessmentResponseEntity,
} from './learning.entity.js';
import { MembershipEntity, OrganizationEntity } from './organization.entity.js';
import { OneTimeTokenEntity, RefreshTokenEntity } from './auth-token.entity.js';
import { UserEntity } from './user.entity.js';

export * from './auth-token.entity.js';
export * from './certificate.entity.js';
export * from './course.entity.js';
export * from './instrument.entity.js';
export * from './learning.entity.js';
export * from './organization.entity.js';
export * from './system.entity.js';
export * from './user.entity.js';

export const entities = [
  UserEntity, RefreshTokenEntity, OneTimeTokenEntity, OrganizationEntity, MembershipEntity,
  InstrumentEntity, CourseEntity, CourseVersionEntity, ModuleEntity, LessonEntity, QuizEntity,
  CohortEntity, EnrolmentEntity, LessonCompletionEntity, QuizAttemptEntity, SelfAssessmentResponseEntity,
  CertificateEntity, CertificateDocumentEntity, StoredFileEntity, OutboxEntity, JobEntity, AuditEventEntity,
];
