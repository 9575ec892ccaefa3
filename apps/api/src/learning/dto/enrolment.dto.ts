import { ApiProperty } from '@nestjs/swagger';

export class CertificateRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() number!: string;
  @ApiProperty({ enum: ['valid', 'revoked'] }) status!: string;
}

export class CourseRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
}

/** Who an enrolment belongs to, so a learner enrolled in one course twice can tell the two apart. */
export class NamedRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class MyEnrolmentDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: CourseRefDto }) course!: CourseRefDto;
  @ApiProperty({
    type: NamedRefDto,
    nullable: true,
    description: 'the organisation the enrolment belongs to (null: self-enrolment). One enrolment per course and organisation.',
  })
  organization!: NamedRefDto | null;
  @ApiProperty({ type: NamedRefDto, nullable: true }) cohort!: NamedRefDto | null;
  @ApiProperty({ enum: ['active', 'completed', 'withdrawn'] }) status!: string;
  @ApiProperty() progressPercent!: number;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: CertificateRefDto, nullable: true }) certificate!: CertificateRefDto | null;
  @ApiProperty({ type: String, nullable: true, description: "the cohort's due date (YYYY-MM-DD)" }) dueOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastLessonId!: string | null;
}

export class LessonProgressDto {
  @ApiProperty() lessonId!: string;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
}

export class QuizProgressDto {
  @ApiProperty() quizId!: string;
  @ApiProperty({ type: Number, nullable: true }) bestScore!: number | null;
  @ApiProperty() passed!: boolean;
  @ApiProperty() attemptsUsed!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) attemptsLeft!: number | null;
}

export class SelfAssessmentStateDto {
  @ApiProperty({ description: 'the course version has a self-assessment' }) required!: boolean;
  @ApiProperty() pre!: boolean;
  @ApiProperty() post!: boolean;
}

export class OutlineLessonDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) minutes!: number | null;
}

export class OutlineQuizDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() passMark!: number;
  @ApiProperty() questionCount!: number;
  @ApiProperty({ type: Number, nullable: true }) maxAttempts!: number | null;
}

export class OutlineModuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [OutlineLessonDto] }) lessons!: OutlineLessonDto[];
  @ApiProperty({ type: [OutlineQuizDto] }) quizzes!: OutlineQuizDto[];
}

export class EnrolmentCourseDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['en', 'it', 'de', 'fr'] }) locale!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [OutlineModuleDto] }) modules!: OutlineModuleDto[];
}

export class CohortRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) dueOn!: string | null;
}

export class EnrolmentDetailDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['active', 'completed', 'withdrawn'] }) status!: string;
  @ApiProperty() progressPercent!: number;
  @ApiProperty({ type: [LessonProgressDto] }) lessons!: LessonProgressDto[];
  @ApiProperty({ type: [QuizProgressDto] }) quizzes!: QuizProgressDto[];
  @ApiProperty({ type: SelfAssessmentStateDto }) selfAssessment!: SelfAssessmentStateDto;
  @ApiProperty({ type: CertificateRefDto, nullable: true }) certificate!: CertificateRefDto | null;
  @ApiProperty({ type: EnrolmentCourseDto }) course!: EnrolmentCourseDto;
  @ApiProperty({ type: CohortRefDto, nullable: true }) cohort!: CohortRefDto | null;
  @ApiProperty({ type: NamedRefDto, nullable: true, description: 'the organisation the enrolment belongs to (null: self-enrolment)' })
  organization!: NamedRefDto | null;
  @ApiProperty({ type: String, nullable: true }) lastLessonId!: string | null;
  @ApiProperty({ description: 'learning time credited by heartbeats, whole minutes' }) minutes!: number;
  @ApiProperty({ type: String, nullable: true }) completedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) withdrawnAt!: string | null;
}

export class LessonCompletionResultDto {
  @ApiProperty() progressPercent!: number;
  @ApiProperty({ enum: ['active', 'completed', 'withdrawn'] }) status!: string;
}

export class HeartbeatResultDto {
  @ApiProperty({ description: 'total learning minutes so far' }) minutes!: number;
}

export class IdDto {
  @ApiProperty() id!: string;
}

export class WithdrawalResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['withdrawn'] }) status!: string;
  @ApiProperty() withdrawnAt!: string;
}
